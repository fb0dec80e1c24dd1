"""The table of messages the bot did not understand.

A row holds the already-redacted text and what the NLU guessed, nothing else: no session id, no
link to a conversation, and only the day (not the time) it was said, so it cannot be matched to a
conversation or a handoff. Rows are deleted after at most 30 days unless an editor adopted them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base


class NotUnderstood(Base):
    __tablename__ = "not_understood"

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
