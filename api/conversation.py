"""The resident's conversation: sessions, one chat turn, a message for a live counsellor,
deletion. Plain functions, no routing."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import ApiError
from api.handoff.draft import forget_unshared
from api.handoff.live import active_handoff_for, add_resident_message
from api.handoff.models import Handoff, HandoffMessage
from api.models import ChatMessage, ChatSession
from api.not_understood.capture import CaptureRule, capture_turn
from api.rasa_client import BotMessage, BotReply, RasaClient
from api.redaction import Redaction, redact
from api.security import token_digest
from api.texts import text

TOKEN_BYTES = 32


def new_token() -> str:
    """A random, unguessable session token (256 bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def session_key(token: str) -> str:
    """What is stored and sent to Rasa instead of the token itself."""
    return token_digest(token)


@dataclass(frozen=True)
class Turn:
    """The answer to one resident message."""

    messages: list[BotMessage]
    conversation_deleted: bool = False
    handoff_offer: bool = False
    # A typed yes/no to the offer of a person; the caller answers it (api.handoff.typed_reply).
    handoff_reply: bool | None = None


async def create_session(db: AsyncSession, municipality: str, now: datetime) -> str:
    token = new_token()
    db.add(
        ChatSession(
            id=session_key(token), municipality=municipality, created_at=now, last_activity_at=now
        )
    )
    await db.commit()
    return token


async def live_session(db: AsyncSession, token: str, now: datetime, idle: timedelta) -> ChatSession:
    """The session for ``token``; 404 when unknown, deleted or idle for too long."""
    session = await db.get(ChatSession, session_key(token))
    if session is None or now - session.last_activity_at > idle:
        raise ApiError(404, "session_not_found", text("session_not_found"))
    return session


# How many of the bot's latest messages may hold the button the resident pressed.
_RECENT_BOT_MESSAGES = 10


def _plain(text: str) -> str:
    """A button title or typed text without case, punctuation and extra spaces."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


async def _redact_unless_offered(db: AsyncSession, session_id: str, raw_text: str) -> Redaction:
    """The message without personal data; a button the bot just offered is ours.

    A payload such as "/deny" can look like a name to the redaction; it is only passed on
    unchanged when it is exactly the payload of one of the bot's recent buttons. A typed title
    of a button of the bot's last turn ("nee, niet wissen") works like pressing that button.
    """
    rows = (
        await db.execute(
            select(ChatMessage.sender, ChatMessage.buttons)
            .where(ChatMessage.session_id == session_id)
            .order_by(ChatMessage.id.desc())
            .limit(_RECENT_BOT_MESSAGES)
        )
    ).all()
    if raw_text.startswith("/"):
        offered = {
            b.get("payload") for sender, buttons in rows if sender == "bot" for b in buttons or []
        }
        if raw_text in offered:
            return Redaction(text=raw_text, found={})
    typed = _plain(raw_text)
    for sender, buttons in rows:
        if sender != "bot":
            break  # only the bot's last turn: the messages after the resident's last one
        for button in buttons or []:
            if typed and _plain(str(button.get("title") or "")) == typed:
                return Redaction(text=str(button.get("payload")), found={})
    return redact(raw_text)


def check_length(raw_text: str, max_chars: int) -> None:
    """Every resident message, to the bot or to a counsellor: at most ``max_chars`` (422)."""
    if len(raw_text) > max_chars:
        raise ApiError(422, "message_too_long", text("message_too_long", max_chars=max_chars))


@dataclass(frozen=True)
class SentToCounsellor:
    """A resident's message as stored for the counsellor, and the privacy notice if it is due."""

    stored: HandoffMessage
    notice: str | None


async def message_to_counsellor(
    db: AsyncSession, session: ChatSession, handoff: Handoff, raw_text: str, now: datetime
) -> SentToCounsellor:
    """A resident's message while a counsellor is live: redacted, stored for them, committed.

    The one way in for both URLs that take it (the chat's and the handoff's ``/messages``). It
    never reaches the bot; 409 when the handoff is no longer live. The notice that personal data
    was removed is given once per conversation, as in the bot's turns.
    """
    redaction = await _redact_unless_offered(db, session.id, raw_text)
    stored = add_resident_message(db, handoff, redaction.text, now)
    notice = text("pii_removed") if redaction.found and not session.pii_notice_given else None
    session.pii_notice_given = session.pii_notice_given or notice is not None
    session.last_activity_at = now
    await db.commit()
    return SentToCounsellor(stored=stored, notice=notice)


async def chat_turn(
    db: AsyncSession,
    rasa: RasaClient,
    session: ChatSession,
    raw_text: str,
    now: datetime,
    capture: CaptureRule | None = None,
) -> Turn:
    """Redact, ask Rasa, then store the redacted turn in one transaction.

    Nothing is written before Rasa has answered: when the bot is down the resident can send the
    same text again and nothing is half-stored. With ``capture`` (the municipality keeps them),
    a message the bot did not understand is also kept, redacted and unlinked, for the editors.
    """
    if (handoff := await active_handoff_for(db, session.id)) is not None:
        # A counsellor has (or is about to take) this conversation: the bot stays silent.
        sent = await message_to_counsellor(db, session, handoff, raw_text, now)
        return Turn(messages=[BotMessage(text=sent.notice)] if sent.notice else [])
    redaction = await _redact_unless_offered(db, session.id, raw_text)
    reply: BotReply = await rasa.send(session.id, redaction.text, session.municipality)
    answers = reply.messages
    if reply.delete_conversation:
        # "Wis mijn gegevens": the same as the widget's DELETE; only the confirmation is sent.
        await delete_session(db, rasa, session.id)
        return Turn(messages=answers, conversation_deleted=True)
    if redaction.found and not session.pii_notice_given:
        answers = [BotMessage(text=text("pii_removed")), *answers]
        session.pii_notice_given = True
    await capture_turn(db, session, redaction.text, reply.nlu, capture, now)
    db.add(
        ChatMessage(session_id=session.id, sender="resident", text=redaction.text, created_at=now)
    )
    for answer in answers:
        if answer.download is not None:
            continue  # the result file goes to the resident's device only
        db.add(
            ChatMessage(
                session_id=session.id,
                sender="bot",
                text=answer.text,
                buttons=[{"title": b.title, "payload": b.payload} for b in answer.buttons] or None,
                created_at=now,
            )
        )
    session.last_activity_at = now
    await db.commit()
    return Turn(
        messages=answers, handoff_offer=reply.handoff_offer, handoff_reply=reply.handoff_reply
    )


async def delete_session(db: AsyncSession, rasa: RasaClient, session_id: str) -> None:
    """Remove every trace of a conversation: Rasa's tracker first, then our rows."""
    await rasa.delete_tracker(session_id)
    await forget_unshared(db, session_id)
    await db.execute(delete(ChatMessage).where(ChatMessage.session_id == session_id))
    await db.execute(delete(ChatSession).where(ChatSession.id == session_id))
    await db.commit()


async def expired_session_ids(db: AsyncSession, now: datetime, idle: timedelta) -> list[str]:
    rows = await db.scalars(select(ChatSession.id).where(ChatSession.last_activity_at < now - idle))
    return list(rows)
