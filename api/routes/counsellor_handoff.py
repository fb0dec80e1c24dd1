"""One handoff for a counsellor: summary first, then the transcript; claim, chat, notes, status."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from api import audit
from api.auth.deps import CheckedLoginDep, LoginDep
from api.auth.models import CounsellorUser
from api.deps import DbDep, NowDep, SettingsDep
from api.handoff import inbox, live
from api.handoff.callbacks import PhoneVault, display_phone
from api.handoff.draft import summary_items
from api.handoff.models import (
    CallbackRequest,
    ConsentRecord,
    CounsellorNote,
    HandoffMessage,
    HandoffStatus,
)
from api.input_text import DbId, Printable
from api.pages import done, render

router = APIRouter(prefix="/counsellor/handoffs", include_in_schema=False)

TextField = Annotated[str, Form(max_length=inbox.MAX_TEXT_CHARS + 100), Printable]


@router.get("/{handoff_id}")
async def handoff_page(
    request: Request,
    handoff_id: DbId,
    login: LoginDep,
    db: DbDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    """Summary first, then transcript, live chat and notes. Every view is audited.

    Content is shown to the counsellor who claimed the handoff; while it waits in the queue,
    the summary only (to decide to claim it); to others, only who has it.
    """
    handoff = await inbox.get_handoff(db, login.user, handoff_id)
    mine = handoff.claimed_by_id == login.user.id
    unclaimed = handoff.status in inbox.QUEUE_STATUSES
    show_summary = mine or unclaimed
    claimer = await db.get(CounsellorUser, handoff.claimed_by_id) if handoff.claimed_by_id else None
    transcript: list[HandoffMessage] = []
    notes: list[CounsellorNote] = []
    phone = None
    if mine:
        rows = await db.scalars(
            select(HandoffMessage)
            .where(HandoffMessage.handoff_id == handoff.id, HandoffMessage.part == "transcript")
            .order_by(HandoffMessage.id)
        )
        transcript = list(rows)
        notes = list(
            await db.scalars(
                select(CounsellorNote)
                .where(CounsellorNote.handoff_id == handoff.id)
                .order_by(CounsellorNote.id)
            )
        )
    callback = await db.scalar(
        select(CallbackRequest).where(CallbackRequest.handoff_id == handoff.id)
    )
    if callback is not None and mine:
        number = PhoneVault(settings.callback_phone_key).decrypt(callback.phone_encrypted)
        phone = display_phone(number) if number else None
    consent = await db.scalar(select(ConsentRecord).where(ConsentRecord.handoff_id == handoff.id))
    audit.record(db, login.user, "view", now, handoff.id)
    if phone is not None:
        audit.record(db, login.user, "view_phone", now, handoff.id)
    await db.commit()
    return render(
        request,
        "counsellor/handoff.html",
        {
            "handoff": handoff,
            "mine": mine,
            "claimer": claimer,
            "items": await summary_items(db, handoff) if show_summary else [],
            "show_summary": show_summary,
            "transcript": transcript,
            "live_messages": await live.live_messages(db, handoff.id, 0) if mine else [],
            "notes": notes,
            "callback": callback,
            "phone": phone,
            "consent": consent,
            "status_choices": inbox.STATUS_CHOICES,
            "chat_open": mine
            and handoff.status is HandoffStatus.CLAIMED
            and live.is_active(handoff)
            and handoff.session_id is not None,
        },
        login,
    )


@router.post("/{handoff_id}/claim")
async def claim(
    request: Request, handoff_id: DbId, login: CheckedLoginDep, db: DbDep, now: NowDep
) -> Response:
    """Claim a waiting handoff; 409 when someone else was first."""
    await inbox.claim(db, login.user, handoff_id, now)
    return done(request, f"/counsellor/handoffs/{handoff_id}")


@router.post("/{handoff_id}/status")
async def set_status(
    request: Request,
    handoff_id: DbId,
    login: CheckedLoginDep,
    db: DbDep,
    now: NowDep,
    status: Annotated[str, Form(max_length=32)],
) -> Response:
    handoff = await inbox.get_handoff(db, login.user, handoff_id)
    await inbox.set_status(db, login.user, handoff, status, now)
    if status in ("closed", "waiting"):
        flash = "closed" if status == "closed" else "released"
        return done(request, f"/counsellor/?msg={flash}")
    return done(request, f"/counsellor/handoffs/{handoff_id}")


@router.post("/{handoff_id}/notes")
async def add_note(
    request: Request,
    handoff_id: DbId,
    login: CheckedLoginDep,
    db: DbDep,
    now: NowDep,
    text: TextField,
) -> Response:
    handoff = await inbox.get_handoff(db, login.user, handoff_id)
    await inbox.add_note(db, login.user, handoff, text, now)
    return done(request, f"/counsellor/handoffs/{handoff_id}#notities")


@router.post("/{handoff_id}/messages")
async def send_message(
    request: Request,
    handoff_id: DbId,
    login: CheckedLoginDep,
    db: DbDep,
    now: NowDep,
    text: TextField,
) -> Response:
    """A message to the resident in the live chat."""
    handoff = await inbox.get_handoff(db, login.user, handoff_id)
    await inbox.add_counsellor_message(db, login.user, handoff, text, now)
    return done(request, f"/counsellor/handoffs/{handoff_id}#chat")


@router.post("/{handoff_id}/callback-done")
async def callback_done(
    request: Request, handoff_id: DbId, login: CheckedLoginDep, db: DbDep, now: NowDep
) -> Response:
    """The call was made: the phone number is deleted at once."""
    handoff = await inbox.get_handoff(db, login.user, handoff_id)
    await inbox.callback_done(db, login.user, handoff, now)
    return done(request, f"/counsellor/handoffs/{handoff_id}")


@router.get("/{handoff_id}/live")
async def live_feed(
    handoff_id: DbId,
    login: LoginDep,
    db: DbDep,
    after: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, object]:
    """New live-chat messages and the status, polled by counsellor.js on the handoff page.

    Part of the page view that was audited; the claimer only.
    """
    handoff = await inbox.get_handoff(db, login.user, handoff_id)
    if handoff.claimed_by_id != login.user.id:
        raise inbox.InboxError(409, "not_yours")
    messages = await live.live_messages(db, handoff.id, after)
    return {
        "status": handoff.status.value,
        "resident_present": handoff.session_id is not None,
        "messages": [
            {
                "id": m.id,
                "sender": m.sender,
                "author_name": m.author_name,
                "text": m.text,
                "time": m.created_at.isoformat(),
            }
            for m in messages
        ],
    }
