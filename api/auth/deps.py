"""Typed dependencies of the counsellor pages: the logged-in counsellor and the CSRF check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Form, Request

from api.auth import csrf
from api.auth.models import Role
from api.auth.sessions import LoginSession, cookie_name, session_for
from api.deps import DbDep, NowDep, SettingsDep

# Presence ("online") needs a recent page view; written at most this often.
_SEEN_EVERY = timedelta(seconds=15)


def from_script(request: Request) -> bool:
    """Requests made by counsellor.js (they get status codes, not redirects or pages)."""
    return request.headers.get("x-requested-with") == "fetch"


@dataclass(frozen=True)
class PageUser:
    username: str
    role: Role
    municipality: str


@dataclass(frozen=True)
class PageLogin:
    """What an error page shows of the login: who, and the logout form's CSRF token."""

    user: PageUser
    csrf_token: str


class NotLoggedIn(Exception):
    """No valid login session: pages redirect to the login form, scripts get 401."""


class CsrfFailed(Exception):
    """A form without the session's CSRF token."""


async def current_login(
    request: Request, db: DbDep, settings: SettingsDep, now: NowDep
) -> LoginSession:
    # A script polling the queue or the chat is not the counsellor doing something.
    activity = not (request.method == "GET" and from_script(request))
    login = await session_for(
        db,
        request.cookies.get(cookie_name(settings)),
        now,
        settings.counsellor_idle,
        activity=activity,
    )
    if login is None:
        raise NotLoggedIn()
    # Error pages show the logout button (with this session's CSRF token) too. A snapshot: the
    # database session is closed (and its objects expired) by the time an error page renders.
    request.state.page_login = PageLogin(
        PageUser(login.user.username, login.user.role, login.user.municipality),
        login.session.csrf_token,
    )
    seen = login.user.last_seen_at
    if seen is None or now - seen >= _SEEN_EVERY:
        login.user.last_seen_at = now
        await db.commit()
    return login


LoginDep = Annotated[LoginSession, Depends(current_login)]


async def checked_login(
    login: LoginDep, csrf_token: Annotated[str, Form(alias=csrf.FIELD)] = ""
) -> LoginSession:
    """The login of a form post, after checking its CSRF token."""
    if not csrf.matches(login.session.csrf_token, csrf_token):
        raise CsrfFailed()
    return login


CheckedLoginDep = Annotated[LoginSession, Depends(checked_login)]


# Who may use the editors' pages (/editor): counsellors may not.
EDITOR_ROLES = frozenset({Role.EDITOR, Role.ADMIN})


class NotAllowed(Exception):
    """The login's role may not use this page: 403 (``code`` names the page's audience)."""

    def __init__(self, code: str = "editors_only") -> None:
        super().__init__(code)
        self.code = code


async def editor_login(login: LoginDep) -> LoginSession:
    """The login of an editor or admin."""
    if login.user.role not in EDITOR_ROLES:
        raise NotAllowed()
    return login


async def checked_editor_login(login: CheckedLoginDep) -> LoginSession:
    """The form post of an editor or admin, after checking its CSRF token."""
    if login.user.role not in EDITOR_ROLES:
        raise NotAllowed()
    return login


EditorLoginDep = Annotated[LoginSession, Depends(editor_login)]
CheckedEditorLoginDep = Annotated[LoginSession, Depends(checked_editor_login)]


async def admin_login(login: LoginDep) -> LoginSession:
    """The login of an admin (of their own municipality's staff)."""
    if login.user.role != Role.ADMIN:
        raise NotAllowed("admins_only")
    return login


async def checked_admin_login(login: CheckedLoginDep) -> LoginSession:
    """The form post of an admin, after checking its CSRF token."""
    if login.user.role != Role.ADMIN:
        raise NotAllowed("admins_only")
    return login


AdminLoginDep = Annotated[LoginSession, Depends(admin_login)]
CheckedAdminLoginDep = Annotated[LoginSession, Depends(checked_admin_login)]
