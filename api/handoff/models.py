"""Tables of the warm handoff.

What is kept how long (issue 5 and 7):
- ``handoffs``: the case itself, no content; kept, as are ``consent_records`` (proof of consent
  without the content); the audit log (``api.audit``) is kept too.
- ``handoff_summaries``, ``handoff_messages``, ``counsellor_notes``: the shared content; deleted
  on withdrawal and a configurable time after closing (default 30 days).
- ``callback_requests``: the only personal data asked for on purpose, encrypted at rest; deleted
  when the call-back is done or closed, and after at most 14 days.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy import Enum as SaEnum
from sqlalchemy.orm import Mapped, mapped_column

from api import models as _chat_models  # noqa: F401  (chat_sessions, referenced below)
from api.auth import models as _auth_models  # noqa: F401  (counsellor_users, referenced below)
from api.db import Base, UTCDateTime


class HandoffStatus(str, Enum):
    OFFERED = "offered"  # preview shown, nothing shared yet
    CONSENTED = "consented"  # shared; the resident phones and quotes the reference code
    WAITING = "waiting"  # shared; in the inbox queue (chat now or call-back)
    CLAIMED = "claimed"  # a counsellor has it ("open")
    CALLBACK_PLANNED = "callback_planned"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"  # the resident withdrew consent; content deleted


SHARED_STATUSES = frozenset(
    {
        HandoffStatus.CONSENTED,
        HandoffStatus.WAITING,
        HandoffStatus.CLAIMED,
        HandoffStatus.CALLBACK_PLANNED,
        HandoffStatus.CLOSED,
    }
)
OPEN_STATUSES = SHARED_STATUSES - {HandoffStatus.CLOSED}
# The statuses in which a conversation already has its one handoff (SQL list for the index).
OPEN_OR_OFFERED_SQL = "('offered', 'consented', 'waiting', 'claimed', 'callback_planned')"


class Route(str, Enum):
    CHAT = "chat"
    CALLBACK = "callback"
    REFERENCE = "reference"


class PreferredTime(str, Enum):
    ASAP = "asap"
    MORNING = "morning"
    AFTERNOON = "afternoon"


def _values(enum: type[Enum]) -> list[str]:
    return [str(member.value) for member in enum]


def _enum(enum: type[Enum]) -> SaEnum:
    return SaEnum(enum, native_enum=False, length=20, values_callable=_values)


class Handoff(Base):
    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The chat session (hash of the resident's token); NULL once that session is deleted.
    session_id: Mapped[str | None] = mapped_column(
        ForeignKey("chat_sessions.id", ondelete="SET NULL"), index=True, nullable=True
    )
    municipality: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[HandoffStatus] = mapped_column(_enum(HandoffStatus), index=True)
    route: Mapped[Route | None] = mapped_column(_enum(Route), nullable=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    reference_code: Mapped[str | None] = mapped_column(String(16), unique=True, nullable=True)
    # Item ids the resident removed from the preview; kept when the preview is rebuilt.
    removed_items: Mapped[list[str]] = mapped_column(JSON, default=list)
    claimed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor_users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    consented_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True, nullable=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    content_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (
        # One open handoff per conversation, also when two requests start one at once.
        Index(
            "uq_handoffs_one_open_per_session",
            "session_id",
            unique=True,
            sqlite_where=text(f"status IN {OPEN_OR_OFFERED_SQL}"),
            postgresql_where=text(f"status IN {OPEN_OR_OFFERED_SQL}"),
        ),
    )


class HandoffSummary(Base):
    """The items shown to the resident and, after consent, to the counsellor."""

    __tablename__ = "handoff_summaries"

    handoff_id: Mapped[int] = mapped_column(
        ForeignKey("handoffs.id", ondelete="CASCADE"), primary_key=True
    )
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HandoffMessage(Base):
    """The redacted bot conversation copied at consent ("transcript") and the live chat."""

    __tablename__ = "handoff_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handoff_id: Mapped[int] = mapped_column(
        ForeignKey("handoffs.id", ondelete="CASCADE"), index=True
    )
    # "transcript" (before the handoff) or "live" (person to person)
    part: Mapped[str] = mapped_column(String(16))
    # "resident", "bot", "counsellor" or "system"
    sender: Mapped[str] = mapped_column(String(16))
    # The counsellor's display name at the time of writing; NULL for other senders.
    author_name: Mapped[str | None] = mapped_column(String(80), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConsentRecord(Base):
    """Proof of consent without its content: which kinds of items, when, withdrawn when."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handoff_id: Mapped[int] = mapped_column(ForeignKey("handoffs.id"), unique=True)
    municipality: Mapped[str] = mapped_column(String(64))
    item_kinds: Mapped[list[str]] = mapped_column(JSON)
    item_count: Mapped[int] = mapped_column(Integer)
    route: Mapped[Route] = mapped_column(_enum(Route))
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class CounsellorNote(Base):
    __tablename__ = "counsellor_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handoff_id: Mapped[int] = mapped_column(
        ForeignKey("handoffs.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor_users.id", ondelete="SET NULL"), nullable=True
    )
    author_name: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CallbackRequest(Base):
    __tablename__ = "callback_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handoff_id: Mapped[int] = mapped_column(
        ForeignKey("handoffs.id", ondelete="CASCADE"), unique=True
    )
    # Fernet token of the E.164 number (key: settings.callback_phone_key).
    phone_encrypted: Mapped[str] = mapped_column(Text)
    preferred_time: Mapped[PreferredTime] = mapped_column(_enum(PreferredTime))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
