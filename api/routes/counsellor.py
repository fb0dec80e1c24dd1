"""The counsellor's inbox: the queue, their own handoffs, presence, call-backs (Dutch pages)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from api import audit
from api.auth.deps import CheckedLoginDep, LoginDep
from api.deps import DbDep, NowDep, SettingsDep
from api.handoff import inbox
from api.handoff.availability import HANDOFF_ROLES
from api.handoff.callbacks import PhoneVault
from api.input_text import Printable
from api.pages import done, render, see_other

router = APIRouter(prefix="/counsellor", include_in_schema=False)

# Flash messages after a redirect; the template holds the Dutch text of each.
Flash = Literal["online", "offline", "profile", "code_not_found", "closed", "released"]


@router.get("/")
async def inbox_page(
    request: Request,
    login: LoginDep,
    db: DbDep,
    msg: Annotated[Flash | None, Query()] = None,
) -> Response:
    if login.user.role not in HANDOFF_ROLES:
        # Editors get their own pages in a later issue; until then this page says what they can do.
        return render(request, "counsellor/editor.html", {}, login)
    return render(
        request,
        "counsellor/inbox.html",
        {
            "queue": await inbox.queue(db, login.user),
            "mine": await inbox.mine(db, login.user),
            "flash": msg,
        },
        login,
    )


@router.get("/inbox/queue")
async def queue_fragment(request: Request, login: LoginDep, db: DbDep) -> Response:
    """The queue's table body, fetched every few seconds by counsellor.js."""
    return render(
        request,
        "counsellor/_queue.html",
        {"queue": await inbox.queue(db, login.user)},
        login,
    )


@router.post("/presence")
async def set_presence(
    request: Request,
    login: CheckedLoginDep,
    db: DbDep,
    now: NowDep,
    online: Annotated[Literal["1", "0"], Form()],
) -> Response:
    """The online/offline toggle: chat-now is offered to residents only while someone is online."""
    inbox.ensure_handles_handoffs(login.user)
    login.user.online = online == "1"
    login.user.last_seen_at = now
    audit.record(db, login.user, "online" if login.user.online else "offline", now)
    await db.commit()
    return done(request, f"/counsellor/?msg={'online' if login.user.online else 'offline'}")


@router.post("/profile")
async def set_display_name(
    request: Request,
    login: CheckedLoginDep,
    db: DbDep,
    display_name: Annotated[str, Form(min_length=1, max_length=80), Printable],
) -> Response:
    """The name or role residents see while this counsellor writes to them."""
    cleaned = " ".join(display_name.split())
    if not cleaned:
        raise inbox.InboxError(422, "empty_text")
    login.user.display_name = cleaned
    await db.commit()
    return done(request, "/counsellor/?msg=profile")


@router.post("/lookup")
async def lookup(
    login: CheckedLoginDep, db: DbDep, code: Annotated[str, Form(max_length=20), Printable] = ""
) -> Response:
    """Find a handoff by the reference code a resident quotes on the phone."""
    handoff = await inbox.find_by_code(db, login.user, code)
    if handoff is None:
        return see_other("/counsellor/?msg=code_not_found")
    return see_other(f"/counsellor/handoffs/{handoff.id}")


@router.get("/callbacks")
async def callbacks_page(
    request: Request, login: LoginDep, db: DbDep, settings: SettingsDep, now: NowDep
) -> Response:
    """Open call-back requests; a number is shown only to the counsellor who claimed it."""
    rows = await inbox.callback_list(db, login.user, PhoneVault(settings.callback_phone_key), now)
    return render(request, "counsellor/callbacks.html", {"rows": rows}, login)
