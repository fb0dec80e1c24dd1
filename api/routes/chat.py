"""The resident's chat API (version 1)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from api import conversation
from api.deps import DbDep, NowDep, RasaDep, SessionMunicipalityDep, SettingsDep, not_served
from api.errors import ApiError, ErrorBody
from api.handoff import typed_reply
from api.limits import MessageLimit, SessionLimit
from api.municipality import MunicipalityConfig, MunicipalityNotServed, served_config
from api.not_understood.capture import capture_rule
from api.rasa_client import BotMessage, BotUnavailable
from api.schemas import (
    ButtonOut,
    DownloadOut,
    MessageIn,
    MessageOut,
    MessagesOut,
    SessionCreate,
    SessionCreated,
)
from api.texts import text

router = APIRouter(prefix="/api/v1", tags=["chat"])

_ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorBody, "description": "Unknown, wiped or expired conversation."},
    429: {"model": ErrorBody, "description": "Too many requests from this address (Retry-After)."},
    422: {"model": ErrorBody, "description": "Empty, too long or unreadable message."},
    503: {"model": ErrorBody, "description": "The chat cannot answer now (Dutch message)."},
}


def _unavailable(municipality: MunicipalityConfig) -> ApiError:
    return ApiError(503, "bot_unavailable", text("bot_unavailable", phone=municipality.phone))


_NOT_SERVED: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorBody, "description": "A municipality this installation does not serve."},
    429: _ERRORS[429],
}


@router.post(
    "/sessions",
    status_code=status.HTTP_201_CREATED,
    response_model=SessionCreated,
    responses=_NOT_SERVED,
)
async def create_session(
    _limit: SessionLimit,
    db: DbDep,
    settings: SettingsDep,
    now: NowDep,
    body: SessionCreate | None = None,
) -> SessionCreated:
    """Start an anonymous conversation of a resident of ``municipality`` (the widget's
    data-municipality; without it, the installation's default). No login; the id is the only
    key to it. A municipality this installation does not serve gets 404 and no conversation."""
    try:
        municipality = served_config(body.municipality if body else None, settings.rules_dir)
    except MunicipalityNotServed:
        raise not_served() from None
    token = await conversation.create_session(db, municipality.key, now)
    return SessionCreated(session_id=token, municipality=municipality.key)


@router.post("/sessions/{session_id}/messages", response_model=MessagesOut, responses=_ERRORS)
async def post_message(
    _limit: MessageLimit,
    session_id: str,
    body: MessageIn,
    db: DbDep,
    rasa: RasaDep,
    settings: SettingsDep,
    municipality: SessionMunicipalityDep,
    now: NowDep,
) -> MessagesOut:
    """Send what the resident typed (or a button's payload) and get the bot's answers."""
    conversation.check_length(body.text, settings.max_message_chars)
    session = await conversation.live_session(db, session_id, now, settings.session_idle)
    try:
        capture = capture_rule(municipality, settings)
        turn = await conversation.chat_turn(db, rasa, session, body.text, now, capture)
    except BotUnavailable:
        await db.rollback()
        raise _unavailable(municipality) from None
    if turn.handoff_reply is not None:
        reply = await typed_reply.answer_offer(
            db, rasa, session, turn.handoff_reply, config=municipality, settings=settings, now=now
        )
        turn = conversation.Turn(
            messages=[*turn.messages, BotMessage(text=reply.notice)],
            handoff_offer=turn.handoff_offer or reply.show_preview,
        )
    return MessagesOut(
        messages=[
            MessageOut(
                text=m.text,
                buttons=[ButtonOut(title=b.title, payload=b.payload) for b in m.buttons],
                download=(
                    DownloadOut(filename=m.download.filename, content=m.download.content)
                    if m.download
                    else None
                ),
            )
            for m in turn.messages
        ],
        conversation_deleted=turn.conversation_deleted,
        handoff_offer=turn.handoff_offer,
    )


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_ERRORS)
async def delete_session(
    session_id: str,
    db: DbDep,
    rasa: RasaDep,
    settings: SettingsDep,
    municipality: SessionMunicipalityDep,
    now: NowDep,
) -> Response:
    """Wipe the conversation: our database and Rasa's tracker."""
    session = await conversation.live_session(db, session_id, now, settings.session_idle)
    try:
        await conversation.delete_session(db, rasa, session.id)
    except BotUnavailable:
        await db.rollback()
        raise ApiError(
            503, "delete_unavailable", text("delete_unavailable", phone=municipality.phone)
        ) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)
