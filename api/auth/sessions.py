"""Logging in and out: Argon2 check, lockout after repeated failures, server-side sessions.

The cookie holds a random token; the table holds its SHA-256 and the session's CSRF token, so
logging out (or an expired session) really ends access. The cookie is HttpOnly, Secure,
SameSite=Strict and, when Secure, uses the ``__Host-`` prefix (no Domain, Path=/).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import csrf
from api.auth.models import CounsellorSession, CounsellorUser
from api.auth.passwords import hash_password, needs_rehash, verify_password_async
from api.handoff import audit
from api.security import token_digest
from api.settings import Settings


class LoginFailure(Enum):
    INVALID = "invalid"
    LOCKED = "locked"


@dataclass(frozen=True)
class LoginSession:
    user: CounsellorUser
    session: CounsellorSession


def cookie_name(settings: Settings) -> str:
    return "__Host-rk_session" if settings.cookie_secure else "rk_session"


async def authenticate(
    db: AsyncSession, username: str, password: str, settings: Settings, now: datetime
) -> CounsellorUser | LoginFailure:
    """Check a login; count failures and lock the account after too many.

    While locked, even the right password is refused, so guessing gains nothing.
    """
    user = await db.scalar(select(CounsellorUser).where(CounsellorUser.username == username))
    if user is None:
        await verify_password_async(None, password)
        return LoginFailure.INVALID
    if user.locked_until is not None and user.locked_until > now:
        audit.record(db, user, "login_refused_locked", now)
        await db.commit()
        return LoginFailure.LOCKED
    if not await verify_password_async(user.password_hash, password):
        user.failed_attempts += 1
        result = LoginFailure.INVALID
        audit.record(db, user, "login_failed", now)
        if user.failed_attempts >= settings.login_max_failures:
            user.locked_until = now + timedelta(minutes=settings.login_lockout_minutes)
            user.failed_attempts = 0
            audit.record(db, user, "account_locked", now)
            result = LoginFailure.LOCKED
        await db.commit()
        return result
    user.failed_attempts = 0
    user.locked_until = None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


async def open_session(
    db: AsyncSession, user: CounsellorUser, settings: Settings, now: datetime
) -> str:
    """A new login session; returns the cookie value."""
    token = secrets.token_urlsafe(32)
    db.add(
        CounsellorSession(
            id=token_digest(token),
            user_id=user.id,
            csrf_token=csrf.new_token(),
            created_at=now,
            expires_at=now + timedelta(hours=settings.counsellor_session_hours),
        )
    )
    user.last_seen_at = now
    audit.record(db, user, "login", now)
    await db.commit()
    return token


async def session_for(db: AsyncSession, token: str | None, now: datetime) -> LoginSession | None:
    if not token:
        return None
    session = await db.get(CounsellorSession, token_digest(token))
    if session is None or session.expires_at <= now:
        return None
    user = await db.get(CounsellorUser, session.user_id)
    if user is None:
        return None
    return LoginSession(user=user, session=session)


async def close_session(db: AsyncSession, login: LoginSession, now: datetime) -> None:
    await db.execute(delete(CounsellorSession).where(CounsellorSession.id == login.session.id))
    login.user.online = False
    audit.record(db, login.user, "logout", now)
    await db.commit()


async def purge_expired_sessions(db: AsyncSession, now: datetime) -> None:
    """Remove login sessions past their end (the caller commits)."""
    await db.execute(delete(CounsellorSession).where(CounsellorSession.expires_at <= now))
