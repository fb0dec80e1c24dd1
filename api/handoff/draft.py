"""The consent step before anything is shared: the preview, removing items, the own question.

A handoff in status ``offered`` belongs to the resident alone. Its preview is rebuilt from
Rasa's slots each time the resident (re)starts the handoff; items the resident removed stay
removed. Declining deletes it, and so does deleting the conversation.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import cast

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import ApiError
from api.handoff.models import OPEN_STATUSES, Handoff, HandoffStatus, HandoffSummary
from api.handoff.summary import SummaryItem, items_from_slots, question_item, transcript_item
from api.models import ChatMessage, ChatSession
from api.rasa_client import BotUnavailable, RasaClient
from api.redaction import redact
from api.texts import text

log = logging.getLogger("rondkomen.handoff")

MAX_QUESTION_CHARS = 300


async def current_handoff(db: AsyncSession, session_id: str) -> Handoff | None:
    """The newest handoff of a conversation, in any status."""
    handoff: Handoff | None = await db.scalar(
        select(Handoff).where(Handoff.session_id == session_id).order_by(Handoff.id.desc()).limit(1)
    )
    return handoff


async def require_handoff(db: AsyncSession, session_id: str) -> Handoff:
    handoff = await current_handoff(db, session_id)
    if handoff is None:
        raise ApiError(404, "handoff_not_found", text("handoff_not_found"))
    return handoff


async def summary_items(db: AsyncSession, handoff: Handoff) -> list[SummaryItem]:
    summary = await db.get(HandoffSummary, handoff.id)
    # Stored by _save_items from SummaryItem dicts; JSON gives them back as plain dicts.
    return cast("list[SummaryItem]", list(summary.items)) if summary is not None else []


async def _save_items(
    db: AsyncSession, handoff: Handoff, items: list[SummaryItem], now: datetime
) -> None:
    summary = await db.get(HandoffSummary, handoff.id)
    stored: list[dict[str, object]] = [dict(item) for item in items]
    if summary is None:
        db.add(HandoffSummary(handoff_id=handoff.id, items=stored, updated_at=now))
    else:
        summary.items = stored
        summary.updated_at = now
    handoff.urgent = any(item["kind"] == "urgent" for item in items)
    handoff.updated_at = now


def ensure_editable(handoff: Handoff) -> None:
    """Only an unshared preview may change; say why not otherwise."""
    if handoff.status is HandoffStatus.WITHDRAWN:
        raise ApiError(409, "handoff_withdrawn", text("handoff_withdrawn"))
    if handoff.status is not HandoffStatus.OFFERED:
        raise ApiError(409, "handoff_not_editable", text("handoff_not_editable"))


async def _slots(rasa: RasaClient, session_id: str) -> dict[str, object]:
    """Rasa's slots; without Rasa the preview simply has fewer items (less is shared, not more)."""
    try:
        return await rasa.tracker_slots(session_id)
    except BotUnavailable:
        log.warning("handoff_tracker_unavailable")
        return {}


async def _ensure_resident_spoke(db: AsyncSession, session_id: str) -> None:
    """A handoff shares a conversation: without a single resident message there is none."""
    spoke = await db.scalar(
        select(ChatMessage.id)
        .where(ChatMessage.session_id == session_id, ChatMessage.sender == "resident")
        .limit(1)
    )
    if spoke is None:
        raise ApiError(409, "handoff_needs_message", text("handoff_needs_message"))


async def start(db: AsyncSession, rasa: RasaClient, session: ChatSession, now: datetime) -> Handoff:
    """Start a handoff, or refresh the preview of the one not yet shared.

    A handoff that is already shared and still open is returned as it is: one at a time.
    """
    session_id = session.id
    handoff = await current_handoff(db, session_id)
    if handoff is not None and handoff.status in OPEN_STATUSES:
        return handoff
    if handoff is None or handoff.status is not HandoffStatus.OFFERED:
        await _ensure_resident_spoke(db, session.id)
        handoff = Handoff(
            session_id=session.id,
            municipality=session.municipality,
            status=HandoffStatus.OFFERED,
            urgent=False,
            removed_items=[],
            created_at=now,
            updated_at=now,
        )
        db.add(handoff)
        try:
            await db.flush()
        except IntegrityError:
            # A parallel request created this conversation's one handoff first (unique index).
            await db.rollback()  # (expires ``session``: use the id saved before)
            return await require_handoff(db, session_id)
    question = next(
        (i["value"] for i in await summary_items(db, handoff) if i["kind"] == "question"), None
    )
    items = items_from_slots(await _slots(rasa, session.id))
    if isinstance(question, str) and question:
        items.append(question_item(question))
    count = await db.scalar(
        select(func.count()).select_from(ChatMessage).where(ChatMessage.session_id == session.id)
    )
    if count:
        items.append(transcript_item(int(count)))
    removed = set(handoff.removed_items)
    await _save_items(db, handoff, [i for i in items if i["id"] not in removed], now)
    session.last_activity_at = now
    await db.commit()
    return handoff


async def remove_item(db: AsyncSession, handoff: Handoff, item_id: str, now: datetime) -> None:
    ensure_editable(handoff)
    items = await summary_items(db, handoff)
    kept = [item for item in items if item["id"] != item_id]
    if len(kept) == len(items):
        raise ApiError(404, "handoff_item_not_found", text("handoff_item_not_found"))
    handoff.removed_items = [*handoff.removed_items, item_id]
    await _save_items(db, handoff, kept, now)
    await db.commit()


async def set_question(db: AsyncSession, handoff: Handoff, raw: str, now: datetime) -> None:
    """The resident's own question: one line, personal data removed; empty removes it."""
    ensure_editable(handoff)
    line = " ".join(raw.split())
    if len(line) > MAX_QUESTION_CHARS:
        raise ApiError(
            422,
            "handoff_question_too_long",
            text("handoff_question_too_long", max_chars=MAX_QUESTION_CHARS),
        )
    question = redact(line).text if line else ""
    items = [item for item in await summary_items(db, handoff) if item["kind"] != "question"]
    if question:
        # The question goes before the transcript, the last item.
        at = next((n for n, i in enumerate(items) if i["kind"] == "transcript"), len(items))
        items.insert(at, question_item(question))
    handoff.removed_items = [i for i in handoff.removed_items if i != "question"]
    await _save_items(db, handoff, items, now)
    await db.commit()


async def decline(db: AsyncSession, session_id: str) -> None:
    """The resident says no: the unshared preview is deleted. Idempotent.

    A handoff already shared is withdrawn instead (409 here).
    """
    handoff = await current_handoff(db, session_id)
    if handoff is not None and handoff.status in OPEN_STATUSES:
        raise ApiError(409, "handoff_already_shared", text("handoff_already_shared"))
    if handoff is not None and handoff.status is HandoffStatus.OFFERED:
        await db.delete(handoff)
        await db.commit()


async def forget_unshared(db: AsyncSession, session_id: str) -> None:
    """Delete the handoffs of a conversation that were never shared (with the conversation).

    Shared handoffs stay with the municipality; their link to the conversation becomes NULL.
    Does not commit: the caller deletes the conversation in the same transaction.
    """
    await db.execute(
        delete(Handoff).where(
            Handoff.session_id == session_id, Handoff.status == HandoffStatus.OFFERED
        )
    )
