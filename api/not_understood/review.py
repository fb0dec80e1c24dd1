"""The editors' review of messages the bot did not understand: list, adopt, dismiss, sweep.

Every function takes the editor (or the municipality): an editor only ever sees and changes the
messages of their own municipality. Adopting a message makes it a draft example of an intent
(``api.content.drafts.add_example``); until the drafts exist, the message is marked adopted and
kept, so nothing an editor chose is lost.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import CounsellorUser
from api.not_understood.models import NotUnderstood
from api.settings import PROJECT_ROOT

# Kept at most this long (the privacy page says so), unless adopted.
RETENTION_DAYS = 30
# The intents and their examples (until the editors' workspace gives the live content tree).
NLU_DIR = PROJECT_ROOT / "nlu_data"
# Where the draft examples are made (the editors' workspace; may not exist yet in this build).
DRAFTS_MODULE = "api.content.drafts"


class ReviewError(Exception):
    """The message does not exist for this editor, or the intent is unknown."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


async def pending(db: AsyncSession, municipality: str) -> list[NotUnderstood]:
    """The municipality's messages, newest first."""
    rows = await db.scalars(
        select(NotUnderstood)
        .where(NotUnderstood.municipality == municipality)
        .order_by(NotUnderstood.day.desc(), NotUnderstood.id.desc())
    )
    return list(rows)


async def _own(db: AsyncSession, editor: CounsellorUser, message_id: int) -> NotUnderstood:
    row = await db.get(NotUnderstood, message_id)
    if row is None or row.municipality != editor.municipality:
        raise ReviewError("message_not_found")
    return row


@lru_cache(maxsize=4)
def intents(nlu_dir: Path = NLU_DIR) -> tuple[str, ...]:
    """The intents that have example sentences (``nlu_data/*.yml``), sorted."""
    found: set[str] = set()
    for path in sorted(nlu_dir.rglob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if isinstance(block, dict) and isinstance(block.get("intent"), str):
                found.add(block["intent"])
    return tuple(sorted(found))


def draft_example_adder() -> Callable[..., Any] | None:
    """``add_example(db, intent, text, user)`` of the drafts, when this build has them."""
    try:
        module = importlib.import_module(DRAFTS_MODULE)
    except ModuleNotFoundError:
        return None
    adder = getattr(module, "add_example", None)
    return adder if callable(adder) else None


async def adopt(
    db: AsyncSession,
    editor: CounsellorUser,
    message_id: int,
    intent: str,
    known_intents: tuple[str, ...],
) -> bool:
    """Make the message an example of ``intent``. True when it became a draft example (the
    message is then deleted); False when it is kept, marked adopted, for the drafts to take."""
    row = await _own(db, editor, message_id)
    if intent not in known_intents:
        raise ReviewError("unknown_intent")
    add_example = draft_example_adder()
    if add_example is None:
        row.adopted_intent = intent
        return False
    added = add_example(db, intent, row.text, editor)
    if inspect.isawaitable(added):
        await added
    await db.delete(row)
    return True


async def dismiss(db: AsyncSession, editor: CounsellorUser, message_id: int) -> None:
    """Delete the message: nothing to learn from it."""
    await db.delete(await _own(db, editor, message_id))


async def sweep(db: AsyncSession, now: datetime, days: int = RETENTION_DAYS) -> int:
    """Delete messages kept for ``days`` days or more, unless adopted. Returns the count."""
    result = await db.execute(
        delete(NotUnderstood).where(
            NotUnderstood.day <= (now - timedelta(days=days)).date(),
            NotUnderstood.adopted_intent.is_(None),
        )
    )
    await db.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]
