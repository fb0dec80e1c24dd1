"""Tables of the API. Only redacted text is ever stored; nothing identifies a resident.

A chat session is stored under the SHA-256 hash of its token: a copy of the database does not
give access to a conversation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, UTCDateTime


class ChatSession(Base):
    __tablename__ = "chat_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    municipality: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    pii_notice_given: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the NLU made of the resident's last message, only while the municipality keeps
    # messages the bot did not understand: a following "ik wil een mens" keeps that message.
    last_intent: Mapped[str | None] = mapped_column(String(100), nullable=True)
    last_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)

    messages: Mapped[list[ChatMessage]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ChatMessage.id",
    )


class ChatMessage(Base):
    __tablename__ = "chat_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("chat_sessions.id", ondelete="CASCADE"), index=True
    )
    # "resident", "bot" or "counsellor"
    sender: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    session: Mapped[ChatSession] = relationship(back_populates="messages")
