"""Which resident messages are kept for the editors, and keeping them.

A message is kept when the NLU fell back (``nlu_fallback``), found it outside the bot's topics
(``out_of_scope``: our model puts nonsense there, sure of itself), when its confidence was below the
threshold, or when the resident's next typed message asked for a person ("ik wil een mens"). Only
the already-redacted text is kept, with the intent guessed, its confidence and the day; never
the session or the time. Nothing at all when the municipality switched it off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import ChatMessage, ChatSession
from api.municipality import MunicipalityConfig
from api.not_understood.models import NotUnderstood, text_hash
from api.settings import Settings
from benefits_rules.contract import INTENT_ASK_HUMAN, INTENT_FALLBACK, INTENT_OUT_OF_SCOPE, Nlu

FALLBACK = "fallback"
OUT_OF_SCOPE = "out_of_scope"
LOW_CONFIDENCE = "low_confidence"
ASK_HUMAN = "ask_human"


@dataclass(frozen=True)
class CaptureRule:
    """Keeping is on for this municipality; a confidence below ``low_confidence`` counts."""

    low_confidence: float


def capture_rule(municipality: MunicipalityConfig, settings: Settings) -> CaptureRule | None:
    """The rule for this municipality, or None when it keeps nothing."""
    if not municipality.keep_not_understood:
        return None
    return CaptureRule(low_confidence=settings.not_understood_confidence)


def typed(text: str) -> bool:
    """A sentence the resident typed, not a button's payload ("/ask_human")."""
    return not text.startswith("/")


def reason_to_keep(nlu: Nlu | None, rule: CaptureRule) -> str | None:
    """Why this message by itself is kept (None: it was understood well enough)."""
    if nlu is None:
        return None
    if nlu.intent == INTENT_FALLBACK:
        return FALLBACK
    if nlu.intent == INTENT_OUT_OF_SCOPE:
        return OUT_OF_SCOPE
    if nlu.confidence < rule.low_confidence:
        return LOW_CONFIDENCE
    return None


async def _last_resident_text(db: AsyncSession, session_id: str) -> str | None:
    text: str | None = await db.scalar(
        select(ChatMessage.text)
        .where(ChatMessage.session_id == session_id, ChatMessage.sender == "resident")
        .order_by(ChatMessage.id.desc())
        .limit(1)
    )
    return text


async def keep(
    db: AsyncSession,
    municipality: str,
    text: str,
    nlu: Nlu | None,
    reason: str,
    now: datetime,
) -> None:
    """Add the (redacted) text for review; the same text on the same day counts once more.

    One statement (an upsert on the unique index): twenty of the same message at once make one
    row that counts twenty."""
    dialect = postgresql if db.bind.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(NotUnderstood).values(
        municipality=municipality,
        text=text,
        text_hash=text_hash(text),
        intent=nlu.intent if nlu else None,
        confidence=nlu.confidence if nlu else None,
        reason=reason,
        day=now.date(),
        times=1,
    )
    await db.execute(
        statement.on_conflict_do_update(
            index_elements=["municipality", "day", "text_hash"],
            set_={"times": NotUnderstood.times + 1},
        )
    )


async def capture_turn(
    db: AsyncSession,
    session: ChatSession,
    redacted: str,
    nlu: Nlu | None,
    rule: CaptureRule | None,
    now: datetime,
) -> None:
    """Keep what this turn shows the bot did not understand; called before the turn is stored.

    The session remembers the NLU's verdict on its last message (only while keeping is on), so
    that a following "ik wil een mens" keeps that message too, once.
    """
    if rule is None or not typed(redacted):
        session.last_intent = session.last_confidence = None
        return
    reason = reason_to_keep(nlu, rule)
    if reason is not None:
        await keep(db, session.municipality, redacted, nlu, reason, now)
    elif nlu is not None and nlu.intent == INTENT_ASK_HUMAN and session.last_intent is not None:
        previous = Nlu(session.last_intent, session.last_confidence or 0.0)
        earlier = await _last_resident_text(db, session.id)
        if reason_to_keep(previous, rule) is None and earlier is not None and typed(earlier):
            await keep(db, session.municipality, earlier, previous, ASK_HUMAN, now)
    session.last_intent = nlu.intent if nlu else None
    session.last_confidence = nlu.confidence if nlu else None
