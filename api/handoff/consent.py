"""Consent ("Ja, deel dit") with a route, and withdrawing it.

Consent shares exactly the items the resident saw, nothing more. A consent record keeps the
proof (which kinds of items, when, withdrawn when) without the content, also after the content
itself is deleted on withdrawal or by retention.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import ApiError
from api.handoff.callbacks import InvalidPhoneNumber, PhoneVault, normalise_phone
from api.handoff.draft import ensure_editable, summary_items
from api.handoff.models import (
    SHARED_STATUSES,
    CallbackRequest,
    ConsentRecord,
    Handoff,
    HandoffMessage,
    HandoffStatus,
    HandoffSummary,
    PreferredTime,
    Route,
)
from api.handoff.summary import item_kinds
from api.models import ChatMessage
from api.texts import text

# No 0/O, 1/I/L: easy to read aloud on the phone. 31^8 (about 8.5 * 10^11) codes.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class ConsentRequest:
    route: Route
    phone: str | None = None
    preferred_time: PreferredTime = PreferredTime.ASAP


def _code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


async def new_reference_code(db: AsyncSession) -> str:
    while True:
        code = _code()
        if await db.scalar(select(Handoff.id).where(Handoff.reference_code == code)) is None:
            return code


def _ensure_consentable(handoff: Handoff) -> None:
    if handoff.status in SHARED_STATUSES:
        raise ApiError(409, "handoff_already_shared", text("handoff_already_shared"))
    ensure_editable(handoff)


async def consent(
    db: AsyncSession,
    handoff: Handoff,
    request: ConsentRequest,
    *,
    chat_possible: bool,
    vault: PhoneVault,
    municipality_phone: str,
    now: datetime,
) -> Handoff:
    """Share the preview with the municipality along the chosen route."""
    _ensure_consentable(handoff)
    if request.route is Route.CHAT and not chat_possible:
        raise ApiError(
            409,
            "handoff_chat_unavailable",
            text("handoff_chat_unavailable", phone=municipality_phone),
        )
    encrypted: str | None = None
    if request.route is Route.CALLBACK:
        if not request.phone or not request.phone.strip():
            raise ApiError(422, "handoff_phone_required", text("handoff_phone_required"))
        try:
            encrypted = vault.encrypt(normalise_phone(request.phone.strip()))
        except InvalidPhoneNumber:
            raise ApiError(422, "handoff_phone_invalid", text("handoff_phone_invalid")) from None
    items = await summary_items(db, handoff)
    handoff.route = request.route
    handoff.status = (
        HandoffStatus.CONSENTED if request.route is Route.REFERENCE else HandoffStatus.WAITING
    )
    handoff.reference_code = await new_reference_code(db)
    handoff.consented_at = now
    handoff.updated_at = now
    db.add(
        ConsentRecord(
            handoff_id=handoff.id,
            municipality=handoff.municipality,
            item_kinds=item_kinds(items),
            item_count=len(items),
            route=request.route,
            consented_at=now,
        )
    )
    if encrypted is not None:
        db.add(
            CallbackRequest(
                handoff_id=handoff.id,
                phone_encrypted=encrypted,
                preferred_time=request.preferred_time,
                created_at=now,
            )
        )
    if any(item["kind"] == "transcript" for item in items) and handoff.session_id is not None:
        await _copy_transcript(db, handoff.id, handoff.session_id)
    await db.commit()
    return handoff


async def _copy_transcript(db: AsyncSession, handoff_id: int, session_id: str) -> None:
    """The (already redacted) bot conversation, copied: it outlives the chat session."""
    messages = await db.scalars(
        select(ChatMessage).where(ChatMessage.session_id == session_id).order_by(ChatMessage.id)
    )
    for message in messages:
        db.add(
            HandoffMessage(
                handoff_id=handoff_id,
                part="transcript",
                sender=message.sender,
                text=message.text,
                created_at=message.created_at,
            )
        )


async def delete_content(db: AsyncSession, handoff_id: int) -> None:
    """Summary, transcript, live chat and call-back number; not the notes nor the proof."""
    for table in (HandoffSummary, HandoffMessage, CallbackRequest):
        await db.execute(delete(table).where(table.handoff_id == handoff_id))


async def withdraw(db: AsyncSession, handoff: Handoff, now: datetime) -> Handoff:
    """The resident withdraws consent: content deleted, the counsellor sees "withdrawn"."""
    if handoff.status is HandoffStatus.WITHDRAWN:
        raise ApiError(409, "handoff_withdrawn", text("handoff_withdrawn"))
    if handoff.status not in SHARED_STATUSES:
        raise ApiError(409, "handoff_not_shared", text("handoff_not_shared"))
    await delete_content(db, handoff.id)
    handoff.status = HandoffStatus.WITHDRAWN
    handoff.withdrawn_at = now
    handoff.updated_at = now
    record = await db.scalar(select(ConsentRecord).where(ConsentRecord.handoff_id == handoff.id))
    if record is not None:
        record.withdrawn_at = now
    await db.commit()
    return handoff
