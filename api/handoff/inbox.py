"""The counsellor's side of a handoff: the queue, claiming, status changes, notes, live chat.

A counsellor only ever sees handoffs of their own municipality, and only shared ones: a handoff
of another municipality or one not (yet) shared is "not found". Every action is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api import audit
from api.auth.models import CounsellorUser
from api.handoff.availability import HANDOFF_ROLES
from api.handoff.callbacks import PhoneVault, display_phone
from api.handoff.live import add_live_message
from api.handoff.models import (
    CallbackRequest,
    CounsellorNote,
    Handoff,
    HandoffStatus,
    Route,
)
from api.texts import text

QUEUE_STATUSES = (HandoffStatus.WAITING, HandoffStatus.CONSENTED)
MINE_STATUSES = (HandoffStatus.CLAIMED, HandoffStatus.CALLBACK_PLANNED)
# What a counsellor may set (the page calls "claimed" "open").
STATUS_CHOICES = ("open", "waiting", "callback_planned", "closed")
MAX_TEXT_CHARS = 4000


class InboxError(Exception):
    """A refused counsellor action; ``code`` picks the Dutch message in the template."""

    def __init__(self, status_code: int, code: str) -> None:
        super().__init__(code)
        self.status_code = status_code
        self.code = code


def ensure_handles_handoffs(user: CounsellorUser) -> None:
    if user.role not in HANDOFF_ROLES:
        raise InboxError(403, "forbidden")


async def get_handoff(db: AsyncSession, user: CounsellorUser, handoff_id: int) -> Handoff:
    ensure_handles_handoffs(user)
    handoff = await db.get(Handoff, handoff_id)
    if (
        handoff is None
        or handoff.municipality != user.municipality
        or handoff.status is HandoffStatus.OFFERED
    ):
        raise InboxError(404, "not_found")
    return handoff


async def queue(db: AsyncSession, user: CounsellorUser) -> list[Handoff]:
    """Waiting handoffs of the counsellor's municipality: urgent first, then the oldest."""
    ensure_handles_handoffs(user)
    rows = await db.scalars(
        select(Handoff)
        .where(Handoff.municipality == user.municipality, Handoff.status.in_(QUEUE_STATUSES))
        .order_by(Handoff.urgent.desc(), Handoff.consented_at, Handoff.id)
    )
    return list(rows)


async def mine(db: AsyncSession, user: CounsellorUser) -> list[Handoff]:
    """The counsellor's open handoffs, and withdrawn ones until they close them."""
    withdrawn_unseen = and_(Handoff.status == HandoffStatus.WITHDRAWN, Handoff.closed_at.is_(None))
    rows = await db.scalars(
        select(Handoff)
        .where(
            Handoff.municipality == user.municipality,
            Handoff.claimed_by_id == user.id,
            or_(Handoff.status.in_(MINE_STATUSES), withdrawn_unseen),
        )
        .order_by(Handoff.urgent.desc(), Handoff.claimed_at, Handoff.id)
    )
    return list(rows)


async def find_by_code(db: AsyncSession, user: CounsellorUser, code: str) -> Handoff | None:
    ensure_handles_handoffs(user)
    normalised = code.strip().upper().replace(" ", "")
    if len(normalised) == 8 and "-" not in normalised:
        normalised = f"{normalised[:4]}-{normalised[4:]}"
    handoff: Handoff | None = await db.scalar(
        select(Handoff).where(
            Handoff.reference_code == normalised, Handoff.municipality == user.municipality
        )
    )
    return handoff


async def claim(db: AsyncSession, user: CounsellorUser, handoff_id: int, now: datetime) -> Handoff:
    """Take a waiting handoff. One statement decides, so two counsellors cannot both win."""
    handoff = await get_handoff(db, user, handoff_id)
    result = await db.execute(
        update(Handoff)
        .where(Handoff.id == handoff.id, Handoff.status.in_(QUEUE_STATUSES))
        .values(status=HandoffStatus.CLAIMED, claimed_by_id=user.id, claimed_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        await db.rollback()
        await db.refresh(handoff)
        code = "withdrawn" if handoff.status is HandoffStatus.WITHDRAWN else "already_claimed"
        raise InboxError(409, code)
    await db.refresh(handoff)
    if handoff.route is Route.CHAT:
        message = text("handoff_counsellor_joined", name=user.display_name)
        add_live_message(db, handoff, "system", message, now)
    audit.record(db, user, "claim", now, handoff.id)
    await db.commit()
    return handoff


def _ensure_mine(user: CounsellorUser, handoff: Handoff) -> None:
    if handoff.status is HandoffStatus.WITHDRAWN:
        raise InboxError(409, "withdrawn")
    if handoff.claimed_by_id != user.id or handoff.status not in MINE_STATUSES:
        raise InboxError(409, "not_yours")


async def set_status(
    db: AsyncSession, user: CounsellorUser, handoff: Handoff, choice: str, now: datetime
) -> None:
    """open / waiting (back to the queue) / call-back planned / closed."""
    if choice not in STATUS_CHOICES:
        raise InboxError(422, "bad_status")
    if handoff.status is HandoffStatus.WITHDRAWN and choice == "closed":
        # Only to take it off the counsellor's list; the status stays "withdrawn".
        if handoff.claimed_by_id != user.id or handoff.closed_at is not None:
            raise InboxError(409, "withdrawn")
        handoff.closed_at = now
        audit.record(db, user, "status_closed", now, handoff.id)
        await db.commit()
        return
    _ensure_mine(user, handoff)
    if choice == "open":
        handoff.status = HandoffStatus.CLAIMED
    elif choice == "waiting":
        back = (
            HandoffStatus.CONSENTED if handoff.route is Route.REFERENCE else HandoffStatus.WAITING
        )
        handoff.status, handoff.claimed_by_id, handoff.claimed_at = back, None, None
        if handoff.route is Route.CHAT:
            add_live_message(db, handoff, "system", text("handoff_counsellor_left"), now)
    elif choice == "callback_planned":
        if handoff.route is not Route.CALLBACK:
            raise InboxError(409, "no_callback")
        handoff.status = HandoffStatus.CALLBACK_PLANNED
    else:
        handoff.status = HandoffStatus.CLOSED
        handoff.closed_at = now
        # The call-back number is removed as soon as the handoff is done.
        await db.execute(delete(CallbackRequest).where(CallbackRequest.handoff_id == handoff.id))
        if handoff.route is Route.CHAT:
            add_live_message(db, handoff, "system", text("handoff_closed"), now)
    handoff.updated_at = now
    audit.record(db, user, f"status_{choice}", now, handoff.id)
    await db.commit()


async def callback_done(
    db: AsyncSession, user: CounsellorUser, handoff: Handoff, now: datetime
) -> None:
    """The call was made: the number is deleted at once."""
    _ensure_mine(user, handoff)
    await db.execute(delete(CallbackRequest).where(CallbackRequest.handoff_id == handoff.id))
    audit.record(db, user, "callback_done", now, handoff.id)
    await db.commit()


def _clean(raw: str) -> str:
    cleaned = raw.strip()
    if not cleaned:
        raise InboxError(422, "empty_text")
    if len(cleaned) > MAX_TEXT_CHARS:
        raise InboxError(422, "text_too_long")
    return cleaned


async def add_note(
    db: AsyncSession, user: CounsellorUser, handoff: Handoff, raw: str, now: datetime
) -> None:
    if handoff.status is HandoffStatus.WITHDRAWN:
        raise InboxError(409, "withdrawn")
    if handoff.claimed_by_id != user.id:
        raise InboxError(409, "not_yours")
    db.add(
        CounsellorNote(
            handoff_id=handoff.id,
            author_id=user.id,
            author_name=user.display_name,
            text=_clean(raw),
            created_at=now,
        )
    )
    audit.record(db, user, "note", now, handoff.id)
    await db.commit()


async def add_counsellor_message(
    db: AsyncSession, user: CounsellorUser, handoff: Handoff, raw: str, now: datetime
) -> None:
    _ensure_mine(user, handoff)
    if handoff.route is not Route.CHAT or handoff.status is not HandoffStatus.CLAIMED:
        raise InboxError(409, "not_live")
    if handoff.session_id is None:
        raise InboxError(409, "resident_left")
    add_live_message(db, handoff, "counsellor", _clean(raw), now, author_name=user.display_name)
    await db.commit()


@dataclass(frozen=True)
class CallbackRow:
    handoff: Handoff
    preferred_time: str
    requested_at: datetime
    phone: str | None  # only for the counsellor who claimed the handoff


async def callback_list(
    db: AsyncSession, user: CounsellorUser, vault: PhoneVault, now: datetime
) -> list[CallbackRow]:
    """Open call-back requests; numbers decrypted only for their claimer (and audited)."""
    ensure_handles_handoffs(user)
    rows = await db.execute(
        select(Handoff, CallbackRequest)
        .join(CallbackRequest, CallbackRequest.handoff_id == Handoff.id)
        .where(Handoff.municipality == user.municipality)
        .order_by(Handoff.urgent.desc(), CallbackRequest.created_at)
    )
    result: list[CallbackRow] = []
    for handoff, request in rows.tuples():
        phone = None
        if handoff.claimed_by_id == user.id:
            number = vault.decrypt(request.phone_encrypted)
            phone = display_phone(number) if number else None
            audit.record(db, user, "view_phone", now, handoff.id)
        result.append(CallbackRow(handoff, request.preferred_time.value, request.created_at, phone))
    await db.commit()
    return result
