"""Counters for abuse limits and login throttling, kept in the database.

Every count is one atomic statement (``INSERT ... ON CONFLICT DO UPDATE SET count = count + 1
RETURNING count``), so a limit holds when twenty requests arrive at once and across several API
workers: they all share the database. Client addresses and phone numbers are never stored as
they are: a key holds an HMAC of them with the secret key, and rows are purged after two days.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Integer, String, delete, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime
from api.deps import DbDep, NowDep, SettingsDep
from api.errors import ApiError
from api.settings import Settings
from api.texts import text

_EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)
_KEEP = timedelta(days=2)


class RateCounter(Base):
    """One counter: a fixed time window of a limit, or the login attempts of an account."""

    __tablename__ = "rate_counters"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    # Start of the window (limits) or time of the last attempt (login throttling).
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # Login throttling only: no attempt is checked before this time.
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


def pseudonym(settings: Settings, kind: str, value: str) -> str:
    """A stable key part for a client address or phone number that does not reveal it."""
    digest = hmac.new(settings.secret_key.encode(), f"{kind}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


def client_address(request: Request) -> str:
    """The client's address (uvicorn's --proxy-headers puts the real one here behind a proxy)."""
    return request.client.host if request.client is not None else "unknown"


def insert_for(db: AsyncSession) -> Any:
    """The dialect's INSERT with ON CONFLICT support (SQLite and PostgreSQL)."""
    dialect = db.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(RateCounter)


async def count_hit(db: AsyncSession, key: str, now: datetime) -> int:
    """Add one to the counter ``key`` atomically and return the new count (commits)."""
    statement = (
        insert_for(db)
        .values(key=key, count=1, updated_at=now)
        .on_conflict_do_update(index_elements=["key"], set_={"count": RateCounter.count + 1})
        .returning(RateCounter.count)
    )
    count = int((await db.execute(statement)).scalar_one())
    await db.commit()
    return count


def window_key(name: str, who: str, window: timedelta, now: datetime) -> str:
    start = int((now - _EPOCH) // window)
    return f"{name}:{who}:{start}"


async def within_limit(
    db: AsyncSession, name: str, who: str, limit: int, window: timedelta, now: datetime
) -> bool:
    """Count one event of ``who`` for limit ``name``; False once more than ``limit`` happened
    in the current fixed window. A limit of 0 is off."""
    if limit <= 0:
        return True
    return await count_hit(db, window_key(name, who, window, now), now) <= limit


def retry_after(window: timedelta, now: datetime) -> int:
    """Whole seconds until the current window ends."""
    left = window - (now - _EPOCH) % window
    return max(1, int(left.total_seconds() + 0.999))


def too_many(seconds: int) -> ApiError:
    return ApiError(
        429, "too_many_requests", text("too_many_requests"), {"Retry-After": str(seconds)}
    )


async def purge_counters(db: AsyncSession, now: datetime) -> None:
    """Forget counters older than two days (the caller commits)."""
    await db.execute(
        delete(RateCounter).where(
            RateCounter.updated_at < now - _KEEP,
            or_(RateCounter.blocked_until.is_(None), RateCounter.blocked_until < now),
        )
    )


@dataclass(frozen=True)
class Limit:
    """A limit per client address on one kind of request."""

    name: str
    setting: str
    window: timedelta

    async def __call__(
        self, request: Request, db: DbDep, settings: SettingsDep, now: NowDep
    ) -> None:
        who = pseudonym(settings, "address", client_address(request))
        limit = int(getattr(settings, self.setting))
        if not await within_limit(db, self.name, who, limit, self.window, now):
            raise too_many(retry_after(self.window, now))


SESSIONS = Limit("sessions", "sessions_per_hour", timedelta(hours=1))
MESSAGES = Limit("messages", "messages_per_minute", timedelta(minutes=1))
HANDOFF = Limit("handoff", "handoff_actions_per_minute", timedelta(minutes=1))

SessionLimit = Annotated[None, Depends(SESSIONS)]
MessageLimit = Annotated[None, Depends(MESSAGES)]
HandoffLimit = Annotated[None, Depends(HANDOFF)]
