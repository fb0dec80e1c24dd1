"""The resident's handoff API (version 1): preview, consent, routes, withdrawal, live chat.

``{session_id}`` is the resident's session token, as in the chat API. Nothing is shared before
``POST .../handoff/consent``; every error uses the one JSON error shape.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api import conversation
from api.auth.models import CounsellorUser
from api.deps import DbDep, NowDep, RasaDep, SessionMunicipalityDep, SettingsDep
from api.errors import ApiError, ErrorBody
from api.handoff import consent as consent_service
from api.handoff import draft, live
from api.handoff.availability import availability as compute_availability
from api.handoff.callbacks import InvalidPhoneNumber, PhoneVault, normalise_phone
from api.handoff.models import CallbackRequest, Handoff, HandoffStatus, PreferredTime, Route
from api.handoff.schemas import (
    AvailabilityOut,
    CallbackOut,
    ConsentIn,
    HandoffOut,
    LiveMessageOut,
    LiveMessagesOut,
    NoticeOut,
    QuestionIn,
    ResidentMessageOut,
    SummaryItemOut,
)
from api.input_text import MAX_DB_INT
from api.limits import HandoffLimit, MessageLimit, pseudonym, retry_after, within_limit
from api.models import ChatSession
from api.municipality import MunicipalityConfig
from api.schemas import MessageIn
from api.settings import Settings
from api.texts import text

router = APIRouter(prefix="/api/v1/sessions/{session_id}/handoff", tags=["handoff"])

_ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorBody, "description": "Unknown or expired session, or no handoff yet."},
    409: {"model": ErrorBody, "description": "Not possible in the handoff's current status."},
    422: {"model": ErrorBody, "description": "Invalid body (e.g. phone number, too long)."},
    429: {"model": ErrorBody, "description": "Too many requests from this address (Retry-After)."},
}
_CALLBACK_WINDOW = timedelta(days=1)


async def _count_callback(
    db: AsyncSession,
    settings: Settings,
    config: MunicipalityConfig,
    handoff: Handoff,
    phone: str | None,
    now: datetime,
) -> None:
    """Call-back requests per phone number per day are limited: nobody gets a municipality to
    phone someone else over and over. Counted under an HMAC of the number, never the number."""
    if handoff.status is not HandoffStatus.OFFERED or not phone:
        return
    try:
        number = normalise_phone(phone.strip())
    except InvalidPhoneNumber:
        return  # consent refuses it with its own message
    who = pseudonym(settings, "phone", number)
    limit = settings.callbacks_per_number_per_day
    if not await within_limit(db, "callback", who, limit, _CALLBACK_WINDOW, now):
        raise ApiError(
            429,
            "callback_limit",
            text("callback_limit", phone=config.phone),
            {"Retry-After": str(retry_after(_CALLBACK_WINDOW, now))},
        )


_WITH_COUNSELLOR = (HandoffStatus.CLAIMED, HandoffStatus.CALLBACK_PLANNED)


async def _session(db: AsyncSession, token: str, settings: Settings, now: datetime) -> ChatSession:
    return await conversation.live_session(db, token, now, settings.session_idle)


async def _counsellor_name(db: AsyncSession, handoff: Handoff) -> str | None:
    if handoff.claimed_by_id is None or handoff.status not in _WITH_COUNSELLOR:
        return None
    user = await db.get(CounsellorUser, handoff.claimed_by_id)
    return user.display_name if user is not None else None


async def _out(db: AsyncSession, handoff: Handoff, notice: str | None = None) -> HandoffOut:
    items = await draft.summary_items(db, handoff)
    callback = await db.scalar(
        select(CallbackRequest).where(CallbackRequest.handoff_id == handoff.id)
    )
    question = next((i["value"] for i in items if i["kind"] == "question"), None)
    return HandoffOut(
        status=handoff.status.value,
        route=handoff.route.value if handoff.route is not None else None,
        items=[SummaryItemOut.model_validate(item) for item in items],
        question=question if isinstance(question, str) else None,
        urgent=handoff.urgent,
        reference_code=handoff.reference_code,
        counsellor_name=await _counsellor_name(db, handoff),
        connected=live.is_active(handoff),
        callback=CallbackOut(preferred_time=callback.preferred_time.value) if callback else None,
        notice=notice,
    )


@router.get("/availability", response_model=AvailabilityOut, responses=_ERRORS)
async def get_availability(
    session_id: str, db: DbDep, settings: SettingsDep, config: SessionMunicipalityDep, now: NowDep
) -> AvailabilityOut:
    """Which routes can be offered now. Show 'chat' only when it is true."""
    await _session(db, session_id, settings, now)
    presence = timedelta(seconds=settings.counsellor_presence_seconds)
    found = await compute_availability(db, config, now, presence)
    return AvailabilityOut(
        chat=found.chat,
        callback=True,
        reference=True,
        office_open=found.office_open,
        counsellor_online=found.counsellors_online > 0,
        phone=config.phone,
    )


@router.post("", response_model=HandoffOut, responses=_ERRORS)
async def start_handoff(
    _limit: HandoffLimit,
    session_id: str,
    db: DbDep,
    settings: SettingsDep,
    now: NowDep,
    rasa: RasaDep,
) -> HandoffOut:
    """Start a handoff (or refresh the preview of an unshared one) and return the preview.

    The items are built from the conversation (topics, urgent signals, household facts, schemes
    with outcomes, the transcript). Nothing is shared yet. An already shared, open handoff is
    returned unchanged.
    """
    session = await _session(db, session_id, settings, now)
    handoff = await draft.start(db, rasa, session, now)
    return await _out(db, handoff)


@router.get("", response_model=HandoffOut, responses=_ERRORS)
async def get_handoff(session_id: str, db: DbDep, settings: SettingsDep, now: NowDep) -> HandoffOut:
    """The current handoff of this conversation, in any status."""
    session = await _session(db, session_id, settings, now)
    return await _out(db, await draft.require_handoff(db, session.id))


@router.delete("/items/{item_id}", response_model=HandoffOut, responses=_ERRORS)
async def remove_item(
    _limit: HandoffLimit,
    session_id: str,
    item_id: str,
    db: DbDep,
    settings: SettingsDep,
    now: NowDep,
) -> HandoffOut:
    """Remove one item from the preview (only before consent). It stays removed."""
    session = await _session(db, session_id, settings, now)
    handoff = await draft.require_handoff(db, session.id)
    await draft.remove_item(db, handoff, item_id, now)
    return await _out(db, handoff)


@router.put("/question", response_model=HandoffOut, responses=_ERRORS)
async def set_question(
    _limit: HandoffLimit,
    session_id: str,
    body: QuestionIn,
    db: DbDep,
    settings: SettingsDep,
    now: NowDep,
) -> HandoffOut:
    """Write or change the resident's own question (one line; personal data removed)."""
    session = await _session(db, session_id, settings, now)
    handoff = await draft.require_handoff(db, session.id)
    await draft.set_question(db, handoff, body.question, now)
    return await _out(db, handoff)


@router.post("/consent", response_model=HandoffOut, responses=_ERRORS)
async def give_consent(
    _limit: HandoffLimit,
    session_id: str,
    body: ConsentIn,
    db: DbDep,
    settings: SettingsDep,
    config: SessionMunicipalityDep,
    now: NowDep,
) -> HandoffOut:
    """Consent ("Ja, deel dit"): share exactly the current items along the chosen route.

    chat: only when availability says so (else 409 handoff_chat_unavailable); the handoff
    waits in the inbox and resident messages go to the counsellor. callback: needs 'phone'
    (stored encrypted, deleted when done or after 14 days). reference: gives a code to quote
    when phoning. A withdrawn handoff cannot be consented to again (409): start a new one.
    """
    session = await _session(db, session_id, settings, now)
    handoff = await draft.require_handoff(db, session.id)
    presence = timedelta(seconds=settings.counsellor_presence_seconds)
    route = Route(body.route)
    if route is Route.CALLBACK:
        await _count_callback(db, settings, config, handoff, body.phone, now)
    chat_possible = (
        route is Route.CHAT and (await compute_availability(db, config, now, presence)).chat
    )
    await consent_service.consent(
        db,
        handoff,
        consent_service.ConsentRequest(
            route=route, phone=body.phone, preferred_time=PreferredTime(body.preferred_time)
        ),
        chat_possible=chat_possible,
        vault=PhoneVault(settings.callback_phone_key),
        municipality_phone=config.phone,
        now=now,
    )
    if route is Route.REFERENCE:
        notice = text("handoff_reference", code=handoff.reference_code, phone=config.phone)
    else:
        notice = text("handoff_waiting_chat" if route is Route.CHAT else "handoff_waiting_callback")
    return await _out(db, handoff, notice)


@router.post("/decline", response_model=NoticeOut, responses=_ERRORS)
async def decline(
    _limit: HandoffLimit,
    session_id: str,
    db: DbDep,
    settings: SettingsDep,
    config: SessionMunicipalityDep,
    now: NowDep,
) -> NoticeOut:
    """Decline ("Nee"): nothing is shared; the unshared preview is deleted."""
    session = await _session(db, session_id, settings, now)
    await draft.decline(db, session.id)
    return NoticeOut(notice=text("handoff_declined", phone=config.phone))


@router.post("/withdraw", response_model=HandoffOut, responses=_ERRORS)
async def withdraw(
    _limit: HandoffLimit, session_id: str, db: DbDep, settings: SettingsDep, now: NowDep
) -> HandoffOut:
    """Withdraw consent: the shared summary, transcript, chat and phone number are deleted."""
    session = await _session(db, session_id, settings, now)
    handoff = await draft.require_handoff(db, session.id)
    await consent_service.withdraw(db, handoff, now)
    return await _out(db, handoff, text("handoff_withdrawn_done"))


@router.get("/messages", response_model=LiveMessagesOut, responses=_ERRORS)
async def poll_messages(
    session_id: str,
    db: DbDep,
    settings: SettingsDep,
    now: NowDep,
    after: Annotated[
        int, Query(ge=0, le=MAX_DB_INT, description="Last message id already shown.")
    ] = 0,
) -> LiveMessagesOut:
    """Poll (every few seconds) for the live chat: counsellor and system messages after 'after'.

    When 'connected' turns false (closed or withdrawn) the bot answers again.
    """
    session = await _session(db, session_id, settings, now)
    handoff = await draft.require_handoff(db, session.id)
    messages = await live.live_messages(db, handoff.id, after)
    if live.is_active(handoff):
        live.touch_session(session, now)
    out = LiveMessagesOut(
        status=handoff.status.value,
        connected=live.is_active(handoff),
        counsellor_name=await _counsellor_name(db, handoff),
        messages=[LiveMessageOut.model_validate(m, from_attributes=True) for m in messages],
    )
    await db.commit()
    return out


@router.post("/messages", response_model=ResidentMessageOut, status_code=201, responses=_ERRORS)
async def send_message(
    _limit: MessageLimit,
    session_id: str,
    body: MessageIn,
    db: DbDep,
    settings: SettingsDep,
    now: NowDep,
) -> ResidentMessageOut:
    """Send a message to the counsellor (only while 'connected'; 409 otherwise)."""
    # The widget sends to the chat's /messages, which takes the same way while connected.
    conversation.check_length(body.text, settings.max_message_chars)
    session = await _session(db, session_id, settings, now)
    handoff = await draft.require_handoff(db, session.id)
    sent = await conversation.message_to_counsellor(db, session, handoff, body.text, now)
    return ResidentMessageOut(
        message=LiveMessageOut.model_validate(sent.stored, from_attributes=True), notice=sent.notice
    )
