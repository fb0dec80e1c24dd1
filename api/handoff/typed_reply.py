"""A typed "ja prima, deel maar" or "nee liever niet" to the offer of a person (issue 10).

It works like the consent screen's buttons, with the same rules: nothing is shared before the
resident has seen the preview. A yes before the preview was shown opens it; a yes after it
shares it, by chat when someone is free now and otherwise with a reference code to quote on
the phone (said plainly). A no deletes the unshared preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.handoff import consent as consent_service
from api.handoff import draft
from api.handoff.availability import availability
from api.handoff.callbacks import PhoneVault
from api.handoff.models import OPEN_STATUSES, HandoffStatus, Route
from api.models import ChatSession
from api.municipality import MunicipalityConfig
from api.rasa_client import RasaClient
from api.settings import Settings
from api.texts import text


@dataclass(frozen=True)
class TypedReply:
    notice: str
    # The preview is new: the widget opens the consent screen.
    show_preview: bool = False


async def answer_offer(
    db: AsyncSession,
    rasa: RasaClient,
    session: ChatSession,
    yes: bool,
    *,
    config: MunicipalityConfig,
    settings: Settings,
    now: datetime,
) -> TypedReply:
    handoff = await draft.current_handoff(db, session.id)
    if handoff is not None and handoff.status in OPEN_STATUSES:
        return TypedReply(text("handoff_already_shared"))
    if not yes:
        await draft.decline(db, session.id)
        return TypedReply(text("handoff_declined", phone=config.phone))
    if handoff is None or handoff.status is not HandoffStatus.OFFERED:
        await draft.start(db, rasa, session, now)
        return TypedReply(text("handoff_typed_preview"), show_preview=True)
    presence = timedelta(seconds=settings.counsellor_presence_seconds)
    chat_now = (await availability(db, config, now, presence)).chat
    await consent_service.consent(
        db,
        handoff,
        consent_service.ConsentRequest(route=Route.CHAT if chat_now else Route.REFERENCE),
        chat_possible=chat_now,
        vault=PhoneVault(settings.callback_phone_key),
        municipality_phone=config.phone,
        now=now,
    )
    if chat_now:
        return TypedReply(text("handoff_waiting_chat"))
    return TypedReply(
        text("handoff_typed_nobody_now", code=handoff.reference_code, phone=config.phone)
    )
