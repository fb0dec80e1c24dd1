"""Login throttling: per account and per client address, with growing delays, never a lock.

Each attempt is counted before its password is checked, in one atomic UPDATE that also sets
the next allowed time; an attempt that arrives during a delay is counted but not checked.
Twenty wrong passwords sent at once are therefore counted twenty times and, after the free
attempts, refused without a check. The delay per account is capped low (a minute): anyone can
type a counsellor's username, so a long delay there would be a lock-out in disguise. The delay
per client address grows longer. A successful login clears its account's counter.

Unknown usernames are counted exactly like known ones (the key is the username typed), so the
answer says nothing about which accounts exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, literal, null, or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import UTCDateTime
from api.limits import RateCounter, insert_for, pseudonym
from api.settings import Settings


@dataclass(frozen=True)
class Policy:
    """Free attempts, then 1 s, 2 s, 4 s ... up to ``max_delay`` between attempts."""

    free_attempts: int
    max_delay: timedelta

    def delays(self) -> list[tuple[int, timedelta]]:
        """(attempt number from which it applies, delay after it), shortest first."""
        steps: list[tuple[int, timedelta]] = []
        delay = timedelta(seconds=1)
        attempt = self.free_attempts
        while True:
            steps.append((attempt, min(delay, self.max_delay)))
            if delay >= self.max_delay:
                return steps
            delay *= 2
            attempt += 1


def _next_allowed(policy: Policy, now: datetime) -> ColumnElement[datetime | None]:
    """SQL: the time before which no further attempt is checked, given the new count."""
    attempts = RateCounter.count + 1
    whens = [
        (attempts >= attempt, literal(now + delay, UTCDateTime()))
        for attempt, delay in reversed(policy.delays())
    ]
    return case(*whens, else_=null())


async def _attempt(db: AsyncSession, key: str, policy: Policy, now: datetime) -> datetime | None:
    """Count one attempt; None when it may be checked, else the time it may be retried."""
    await db.execute(
        insert_for(db)
        .values(key=key, count=0, updated_at=now, blocked_until=None)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    allowed = await db.execute(
        update(RateCounter)
        .where(
            RateCounter.key == key,
            or_(RateCounter.blocked_until.is_(None), RateCounter.blocked_until <= now),
        )
        .values(
            count=RateCounter.count + 1,
            updated_at=now,
            blocked_until=_next_allowed(policy, now),
        )
        .returning(RateCounter.count)
    )
    if allowed.first() is not None:
        return None
    refused = await db.execute(
        update(RateCounter)
        .where(RateCounter.key == key)
        .values(count=RateCounter.count + 1, updated_at=now)
        .returning(RateCounter.blocked_until)
    )
    until = refused.scalar_one_or_none()
    return until if until is not None else now


def _keys(settings: Settings, username: str, address: str) -> tuple[str, str]:
    return (
        f"login-account:{pseudonym(settings, 'username', username)}",
        f"login-address:{pseudonym(settings, 'address', address)}",
    )


def _policies(settings: Settings) -> tuple[Policy, Policy]:
    return (
        Policy(
            settings.login_account_free_attempts,
            timedelta(seconds=settings.login_account_max_delay_seconds),
        ),
        Policy(
            settings.login_address_free_attempts,
            timedelta(seconds=settings.login_address_max_delay_seconds),
        ),
    )


async def begin_attempt(
    db: AsyncSession, settings: Settings, username: str, address: str, now: datetime
) -> datetime | None:
    """Count a login attempt for the account and the address (commits).

    Returns None when the password may be checked, else the time to try again.
    """
    waits = [
        await _attempt(db, key, policy, now)
        for key, policy in zip(_keys(settings, username, address), _policies(settings), strict=True)
    ]
    await db.commit()
    refused = [wait for wait in waits if wait is not None]
    return max(refused) if refused else None


async def login_succeeded(
    db: AsyncSession, settings: Settings, username: str, address: str
) -> None:
    """Clear the account's counter; the address keeps its failures but not this attempt.

    Does not commit: part of the login's transaction.
    """
    account, by_address = _keys(settings, username, address)
    await db.execute(
        update(RateCounter).where(RateCounter.key == account).values(count=0, blocked_until=None)
    )
    await db.execute(
        update(RateCounter)
        .where(and_(RateCounter.key == by_address, RateCounter.count > 0))
        .values(count=RateCounter.count - 1)
    )
