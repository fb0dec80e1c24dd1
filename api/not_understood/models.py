"""The table of messages the bot did not understand.

A row holds the already-redacted text and what the NLU guessed, nothing else: no session id, no
link to a conversation, and only the day (not the time) it was said, so it cannot be matched to a
conversation or a handoff. Rows are deleted after at most 30 days unless an editor adopted them.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import Date, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base


def text_hash(text: str) -> str:
    """What the unique index holds of a text (the text may be longer than an index entry)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hash_of_row_text(context: Any) -> str:
    return text_hash(context.get_current_parameters()["text"])


class NotUnderstood(Base):
    __tablename__ = "not_understood"
    __table_args__ = (
        Index("uq_not_understood_once", "municipality", "day", "text_hash", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    municipality: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    # What the NLU guessed and how sure it was (0..1).
    intent: Mapped[str | None] = mapped_column(String(100), nullable=True)
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    # Why it was kept: "fallback", "out_of_scope", "low_confidence" or "ask_human" (followed by
    # "ik wil een mens").
    reason: Mapped[str] = mapped_column(String(16))
    day: Mapped[date] = mapped_column(Date, index=True)
    # The same text on the same day counts once more instead of adding a row.
    times: Mapped[int] = mapped_column(Integer, default=1)
    # sha256 of the text: one row per municipality, day and text, held by a unique index.
    text_hash: Mapped[str] = mapped_column(String(64), default=_hash_of_row_text)
