"""The editors' review of messages the bot did not understand: list, adopt, dismiss, sweep.

Every function takes the editor (or the municipality): an editor only ever sees and changes the
messages of their own municipality. Adopting a message makes it a draft example of an intent
(``api.content.drafts.add_example``), checked like every example when the draft is published.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import CounsellorUser
from api.content import drafts
from api.content.catalog import build_catalog
from api.content.scope import Scope, scope_of
from api.not_understood.models import NotUnderstood

# Kept at most this long (the privacy page says so).
RETENTION_DAYS = 30


class ReviewError(Exception):
    """The message does not exist for this editor, or the intent is unknown."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


async def pending(db: AsyncSession, scope: Scope) -> list[NotUnderstood]:
    """The messages of the scope's municipality, newest first (none without a municipality)."""
    rows = await db.scalars(
        select(NotUnderstood)
        .where(NotUnderstood.municipality == scope.municipality, NotUnderstood.municipality != "")
        .order_by(NotUnderstood.day.desc(), NotUnderstood.id.desc())
    )
    return list(rows)


async def _own(db: AsyncSession, editor: CounsellorUser, message_id: int) -> NotUnderstood:
    row = await db.get(NotUnderstood, message_id)
    scope = scope_of(editor)
    if row is None or not scope.municipality or row.municipality != scope.municipality:
        raise ReviewError("message_not_found")
    return row


def intents(live: Mapping[str, str]) -> tuple[str, ...]:
    """The intents an editor may assign a message to: those of the live content, sorted."""
    return tuple(sorted(intent.name for intent in build_catalog(dict(live)).intents))


async def adopt(
    db: AsyncSession,
    editor: CounsellorUser,
    message_id: int,
    intent: str,
    live: Mapping[str, str],
    now: datetime,
) -> None:
    """Make the message a draft example of ``intent`` and delete it from the list.

    An example the intent already has is simply not added twice.
    """
    row = await _own(db, editor, message_id)
    if intent not in intents(live):
        raise ReviewError("unknown_intent")
    try:
        await drafts.add_example(db, intent, row.text, editor, now=now, live=live)
    except drafts.Refused as exc:
        if exc.reason != "duplicate":
            raise ReviewError("example_refused") from exc
    except drafts.Conflict as exc:
        raise ReviewError("example_conflict") from exc
    await db.delete(row)


async def dismiss(db: AsyncSession, editor: CounsellorUser, message_id: int) -> None:
    """Delete the message: nothing to learn from it."""
    await db.delete(await _own(db, editor, message_id))


async def sweep(db: AsyncSession, now: datetime, days: int = RETENTION_DAYS) -> int:
    """Delete messages kept for ``days`` days or more. Returns the count."""
    result = await db.execute(
        delete(NotUnderstood).where(NotUnderstood.day <= (now - timedelta(days=days)).date())
    )
    await db.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]
