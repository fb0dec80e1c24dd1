"""Retention of handoff data (issue 5 and 7), run by the API's sweeper every minute.

- Summaries, transcripts, live chat and notes: deleted ``handoff_retention_days`` (default 30)
  after the handoff was closed or consent was withdrawn.
- Call-back numbers: deleted when done or closed (see ``inbox``), and after at most
  ``callback_retention_days`` (14) whatever the status.
- Unshared previews whose conversation is gone: deleted.
- Expired or idle counsellor login sessions, and abuse counters older than two days: deleted.
Kept: the handoff row (no content), consent records and the audit log, as proof.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.sessions import purge_expired_sessions
from api.handoff.consent import delete_content
from api.handoff.models import (
    CallbackRequest,
    CounsellorNote,
    Handoff,
    HandoffStatus,
)
from api.limits import purge_counters
from api.settings import Settings


@dataclass(frozen=True)
class RetentionResult:
    handoffs_emptied: int
    callbacks_deleted: int
    previews_deleted: int


async def apply_retention(db: AsyncSession, settings: Settings, now: datetime) -> RetentionResult:
    cutoff = now - timedelta(days=settings.handoff_retention_days)
    ended = await db.scalars(
        select(Handoff.id).where(
            Handoff.content_deleted_at.is_(None),
            or_(Handoff.closed_at < cutoff, Handoff.withdrawn_at < cutoff),
        )
    )
    emptied = 0
    for handoff_id in list(ended):
        await delete_content(db, handoff_id)
        await db.execute(delete(CounsellorNote).where(CounsellorNote.handoff_id == handoff_id))
        handoff = await db.get(Handoff, handoff_id)
        if handoff is not None:
            handoff.content_deleted_at = now
        emptied += 1
    callbacks = await db.execute(
        delete(CallbackRequest).where(
            CallbackRequest.created_at < now - timedelta(days=settings.callback_retention_days)
        )
    )
    previews = await db.execute(
        delete(Handoff).where(Handoff.status == HandoffStatus.OFFERED, Handoff.session_id.is_(None))
    )
    await purge_expired_sessions(db, now, settings.counsellor_idle)
    await purge_counters(db, now)
    await db.commit()
    return RetentionResult(
        handoffs_emptied=emptied,
        callbacks_deleted=int(callbacks.rowcount),  # type: ignore[attr-defined]
        previews_deleted=int(previews.rowcount),  # type: ignore[attr-defined]
    )
