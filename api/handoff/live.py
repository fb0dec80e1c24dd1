"""Person-to-person messages while a counsellor is connected; the bot is silent meanwhile.

A chat handoff is "active" from consent until it is closed or withdrawn: while it waits in the
inbox the resident's messages are kept for the counsellor, and once claimed they go straight to
them. ``api.conversation.chat_turn`` asks :func:`active_handoff_for` before it calls Rasa.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import ApiError
from api.handoff.models import Handoff, HandoffMessage, HandoffStatus, Route
from api.models import ChatSession
from api.texts import text

ACTIVE_STATUSES = (HandoffStatus.WAITING, HandoffStatus.CLAIMED)
# Polling keeps a waiting or connected resident's session alive, written at most this often.
_TOUCH_EVERY = timedelta(seconds=60)


async def active_handoff_for(db: AsyncSession, session_id: str) -> Handoff | None:
    """The chat handoff that takes this conversation's messages instead of the bot, if any."""
    handoff: Handoff | None = await db.scalar(
        select(Handoff)
        .where(
            Handoff.session_id == session_id,
            Handoff.route == Route.CHAT,
            Handoff.status.in_(ACTIVE_STATUSES),
        )
        .order_by(Handoff.id.desc())
        .limit(1)
    )
    return handoff


def is_active(handoff: Handoff) -> bool:
    return handoff.route is Route.CHAT and handoff.status in ACTIVE_STATUSES


async def live_messages(db: AsyncSession, handoff_id: int, after: int) -> list[HandoffMessage]:
    rows = await db.scalars(
        select(HandoffMessage)
        .where(
            HandoffMessage.handoff_id == handoff_id,
            HandoffMessage.part == "live",
            HandoffMessage.id > after,
        )
        .order_by(HandoffMessage.id)
        .limit(200)
    )
    return list(rows)


def add_live_message(
    db: AsyncSession,
    handoff: Handoff,
    sender: str,
    message: str,
    now: datetime,
    author_name: str | None = None,
) -> HandoffMessage:
    """Queue one message of the live chat; the caller commits."""
    stored = HandoffMessage(
        handoff_id=handoff.id,
        part="live",
        sender=sender,
        author_name=author_name,
        text=message,
        created_at=now,
    )
    db.add(stored)
    handoff.updated_at = now
    return stored


def add_resident_message(
    db: AsyncSession, handoff: Handoff, redacted_text: str, now: datetime
) -> HandoffMessage:
    """A resident's message (already redacted) for the counsellor; the caller commits."""
    if not is_active(handoff):
        raise ApiError(409, "handoff_not_connected", text("handoff_not_connected"))
    return add_live_message(db, handoff, "resident", redacted_text, now)


def touch_session(session: ChatSession, now: datetime) -> None:
    if now - session.last_activity_at >= _TOUCH_EVERY:
        session.last_activity_at = now
