"""Login and logout of counsellors (Dutch pages)."""

from __future__ import annotations

import math
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from api.auth import csrf
from api.auth.deps import CheckedLoginDep
from api.auth.sessions import LoginFailure, authenticate, close_session, cookie_name, open_session
from api.deps import DbDep, NowDep, SettingsDep
from api.input_text import Printable
from api.limits import client_address
from api.pages import LOGIN_PATH, render, see_other
from api.settings import Settings

router = APIRouter(prefix="/counsellor", include_in_schema=False)

_LOGIN_NONCE_SECONDS = 3600


def _nonce_cookie(settings: Settings) -> str:
    return "__Host-rk_login" if settings.cookie_secure else "rk_login"


def _login_page(
    request: Request,
    settings: Settings,
    error: str | None = None,
    status_code: int = 200,
    wait_seconds: int = 0,
) -> Response:
    """The form, with a fresh nonce cookie and the matching CSRF field."""
    nonce = secrets.token_urlsafe(32)
    response = render(
        request,
        "counsellor/login.html",
        {
            "login_csrf": csrf.login_token(settings.secret_key, nonce),
            "error": error,
            "wait_seconds": wait_seconds,
        },
        status_code=status_code,
    )
    if wait_seconds:
        response.headers["Retry-After"] = str(wait_seconds)
    response.set_cookie(
        _nonce_cookie(settings),
        nonce,
        max_age=_LOGIN_NONCE_SECONDS,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )
    return response


@router.get("/login")
async def login_form(request: Request, settings: SettingsDep) -> Response:
    return _login_page(request, settings)


@router.post("/login")
async def login(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    now: NowDep,
    username: Annotated[str, Form(max_length=64), Printable] = "",
    password: Annotated[str, Form(max_length=1024), Printable] = "",
    csrf_token: Annotated[str, Form(alias=csrf.FIELD)] = "",
) -> Response:
    nonce = request.cookies.get(_nonce_cookie(settings))
    if not csrf.login_token_valid(settings.secret_key, nonce, csrf_token):
        return _login_page(request, settings, "csrf", 403)
    result = await authenticate(
        db, username.strip().lower(), password, settings, now, client_address(request)
    )
    if isinstance(result, LoginFailure) and result.retry_at is not None:
        wait = max(1, math.ceil((result.retry_at - now).total_seconds()))
        return _login_page(request, settings, "wait", 429, wait)
    if isinstance(result, LoginFailure):
        return _login_page(request, settings, "invalid", 401)
    token = await open_session(db, result, settings, now)
    response = see_other("/counsellor/")
    response.set_cookie(
        cookie_name(settings),
        token,
        max_age=settings.counsellor_session_hours * 3600,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )
    response.delete_cookie(_nonce_cookie(settings), path="/", secure=settings.cookie_secure)
    return response


@router.post("/logout")
async def logout(login: CheckedLoginDep, db: DbDep, settings: SettingsDep, now: NowDep) -> Response:
    await close_session(db, login, now)
    response = see_other(LOGIN_PATH)
    response.delete_cookie(
        cookie_name(settings), path="/", secure=settings.cookie_secure, httponly=True
    )
    return response
