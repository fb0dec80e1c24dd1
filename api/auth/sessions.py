"""Logging in and out: Argon2 check, throttling of failures, server-side sessions.

The cookie holds a random token; the table holds its SHA-256 and the session's CSRF token, so
logging out (or an expired session) really ends access. A session ends 8 hours after login and
after 30 minutes without anything the counsellor did (settings). The cookie is HttpOnly, Secure,
SameSite=Strict and, when Secure, uses the ``__Host-`` prefix (no Domain, Path=/).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api import audit
from api.auth import csrf, throttle
from api.auth.models import CounsellorSession, CounsellorUser
from api.auth.passwords import hash_password, needs_rehash, verify_password_async
from api.security import token_digest
from api.settings import Settings

# The last use of a session is written at most this often.
_USED_EVERY = timedelta(seconds=15)


@dataclass(frozen=True)
class LoginFailure:
    """Wrong username or password (``retry_at`` None), or too many attempts: retry then."""

    retry_at: datetime | None = None


@dataclass(frozen=True)
class LoginSession:
    user: CounsellorUser
    session: CounsellorSession


def cookie_name(settings: Settings) -> str:
    return "__Host-rk_session" if settings.cookie_secure else "rk_session"


async def authenticate(
    db: AsyncSession,
    username: str,
    password: str,
    settings: Settings,
    now: datetime,
    address: str,
) -> CounsellorUser | LoginFailure:
    """Check a login after counting it (api/auth/throttle.py).

    Known and unknown usernames take the same path: both are counted and throttled alike, and
    an unknown one costs one Argon2 check of a dummy hash, as a known one does.
    """
    retry_at = await throttle.begin_attempt(db, settings, username, address, now)
    if retry_at is not None:
        return LoginFailure(retry_at)
    user = await db.scalar(select(CounsellorUser).where(CounsellorUser.username == username))
    if not await verify_password_async(user.password_hash if user else None, password) or (
        user is not None and not user.active
    ):
        # A deactivated account is refused like a wrong password (after the same Argon2 check).
        if user is not None:
            audit.record(db, user, "login_failed", now)
            await db.commit()
        return LoginFailure()
    assert user is not None
    await throttle.login_succeeded(db, settings, username, address)
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
            last_used_at=now,
            expires_at=now + timedelta(hours=settings.counsellor_session_hours),
        )
    )
    user.last_seen_at = now
    audit.record(db, user, "login", now)
    await db.commit()
    return token


async def session_for(
    db: AsyncSession, token: str | None, now: datetime, idle: timedelta, *, activity: bool
) -> LoginSession | None:
    """The live session of a cookie: not past its end and not idle for longer than ``idle``.

    ``activity``: the request is something the counsellor did (not a script's polling), so the
    idle time starts again.
    """
    if not token:
        return None
    session = await db.get(CounsellorSession, token_digest(token))
    if session is None or session.expires_at <= now or now - session.last_used_at > idle:
        return None
    user = await db.get(CounsellorUser, session.user_id)
    if user is None or not user.active:
        return None
    if activity and now - session.last_used_at >= _USED_EVERY:
        session.last_used_at = now
        await db.commit()
    return LoginSession(user=user, session=session)


async def close_session(db: AsyncSession, login: LoginSession, now: datetime) -> None:
    await db.execute(delete(CounsellorSession).where(CounsellorSession.id == login.session.id))
    login.user.online = False
    audit.record(db, login.user, "logout", now)
    await db.commit()


async def purge_expired_sessions(db: AsyncSession, now: datetime, idle: timedelta) -> None:
    """Remove login sessions past their end or idle too long (the caller commits)."""
    await db.execute(
        delete(CounsellorSession).where(
            or_(CounsellorSession.expires_at <= now, CounsellorSession.last_used_at < now - idle)
        )
    )
