"""The audit log: which counsellor, editor or admin did what, when, and to which handoff if any.

Logins, logouts, presence and every handoff action are recorded. Never the content itself.
The log is kept when a handoff's content is deleted, as proof.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from api.auth.models import CounsellorUser
from api.db import Base, UTCDateTime
from api.handoff import models as _handoff_models  # noqa: F401  (handoffs, referenced below)


class AuditEntry(Base):
    """Who did what to which handoff, when. Never contains content."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor_users.id", ondelete="SET NULL"), nullable=True
    )
    username: Mapped[str] = mapped_column(String(64))
    municipality: Mapped[str] = mapped_column(String(64))
    handoff_id: Mapped[int | None] = mapped_column(
        ForeignKey("handoffs.id", ondelete="SET NULL"), index=True, nullable=True
    )
    action: Mapped[str] = mapped_column(String(32))
    # The account an admin changed (its username), for account changes.
    subject: Mapped[str | None] = mapped_column(String(64), nullable=True)


def record(
    db: AsyncSession,
    user: CounsellorUser,
    action: str,
    now: datetime,
    handoff_id: int | None = None,
    subject: str | None = None,
) -> None:
    """Queue one entry; it is written with the caller's commit."""
    db.add(
        AuditEntry(
            at=now,
            user_id=user.id,
            username=user.username,
            municipality=user.municipality,
            handoff_id=handoff_id,
            action=action,
            subject=subject,
        )
    )
