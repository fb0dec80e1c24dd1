"""The audit log: who did what to which handoff, and when. Never the content itself."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import CounsellorUser
from api.handoff.models import AuditEntry


def record(
    db: AsyncSession,
    user: CounsellorUser,
    action: str,
    now: datetime,
    handoff_id: int | None = None,
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
        )
    )


async def entries_for(db: AsyncSession, handoff_id: int) -> list[AuditEntry]:
    rows = await db.scalars(
        select(AuditEntry).where(AuditEntry.handoff_id == handoff_id).order_by(AuditEntry.id)
    )
    return list(rows)
