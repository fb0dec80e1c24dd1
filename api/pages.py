"""What every counsellor page shares: templates, security headers, error pages, mounting.

Pages are server-rendered Dutch HTML under a strict Content-Security-Policy: no inline
scripts or styles, only our own static files. Nothing is cached: pages show resident data.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from api.auth.deps import CsrfFailed, NotAllowed, NotLoggedIn, PageLogin, from_script
from api.auth.sessions import LoginSession
from api.errors import error_response
from api.handoff.inbox import InboxError
from api.municipality import municipality_config

API_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = API_DIR / "templates"
STATIC_DIR = API_DIR / "static"
LOGIN_PATH = "/counsellor/login"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
        "object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))

    @pass_context
    def local_time(context: Context, value: datetime | None, fmt: str = "%d-%m-%Y %H:%M") -> str:
        zone = ZoneInfo(context.get("municipality_timezone") or "Europe/Amsterdam")
        return value.astimezone(zone).strftime(fmt) if value is not None else ""

    templates.env.filters["local_time"] = local_time
    return templates


def _municipality(request: Request, context: dict[str, Any]) -> dict[str, Any]:
    """The logged-in counsellor's or editor's own municipality (name, time zone), read live;
    the installation's default on pages without a login."""
    user = getattr(context.get("login"), "user", None)
    rules_dir = request.app.state.settings.rules_dir
    key = getattr(user, "municipality", None)
    config = municipality_config(key, rules_dir)
    # A staff member's own municipality, never another's (one this installation does not serve
    # falls back to the default's facts): then its key stands in for its name.
    name = config.name if not key or config.key == key else key
    return {"municipality_name": name, "municipality_timezone": config.timezone}


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    login: LoginSession | None = None,
    status_code: int = 200,
) -> Response:
    csrf_token = login.session.csrf_token if login else None
    return _template(
        request, template, {"login": login, "csrf": csrf_token, **context}, status_code
    )


def _template(
    request: Request, template: str, context: dict[str, Any], status_code: int
) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        template,
        {**_municipality(request, context), **context},
        status_code=status_code,
        headers=SECURITY_HEADERS,
    )


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})


def done(request: Request, url: str) -> Response:
    """After a successful form post: 204 for the script, a redirect (PRG) for the browser."""
    return Response(status_code=204) if from_script(request) else see_other(url)


def _error_page(request: Request, status_code: int, code: str) -> Response:
    if from_script(request):
        return error_response(status_code, code, code)
    # With the login (when there is one), so the page has the logout form and its CSRF token.
    page: PageLogin | None = getattr(request.state, "page_login", None)
    context = {"login": page, "csrf": page.csrf_token if page else None, "code": code}
    return _template(request, "counsellor/error.html", context, status_code)


def install(app: FastAPI) -> None:
    """Templates, static files and the error pages of the counsellor area."""
    app.state.templates = make_templates()
    app.mount("/counsellor/static", StaticFiles(directory=STATIC_DIR), name="counsellor-static")

    async def not_logged_in(request: Request, _exc: Exception) -> Response:
        if from_script(request):
            return JSONResponse(
                status_code=401, content={"error": {"code": "login_required", "message": ""}}
            )
        return see_other(LOGIN_PATH)

    async def csrf_failed(request: Request, _exc: Exception) -> Response:
        return _error_page(request, 403, "csrf")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NotAllowed)
        return _error_page(request, 403, exc.code)

    async def inbox_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InboxError)
        return _error_page(request, exc.status_code, exc.code)

    app.add_exception_handler(NotLoggedIn, not_logged_in)
    app.add_exception_handler(CsrfFailed, csrf_failed)
    app.add_exception_handler(NotAllowed, not_allowed)

    app.add_exception_handler(InboxError, inbox_error)
