"""The editor's own municipality: its facts in the workspace (/editor/gemeente, Dutch).

Name, town, phone, privacy page, the not-understood switch, office hours per weekday and the
local contacts, with the schemes it offers (their parameters are on /editor/regelingen). An
editor or admin only ever sees their own municipality's file (``api/content/scope.py``). Edits
go into the draft like every edit (compare-and-set, conflicts shown, audited) after the checks
of ``api/content/facts.py``; a refused value stays in the form with the reason.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import CheckedEditorLoginDep, EditorLoginDep
from api.auth.sessions import LoginSession
from api.content import drafts, facts
from api.content.access import LiveDep
from api.content.scope import municipality_file, scope_of
from api.deps import DbDep, NowDep
from api.handoff.inbox import InboxError
from api.input_text import Printable
from api.pages import render, see_other

router = APIRouter(prefix="/editor/gemeente", include_in_schema=False)

Flash = Literal["basics", "hours", "contact", "added", "removed"]
_SHORT = 200
_SEEN = 20_000
Short = Annotated[str, Form(max_length=_SHORT), Printable]
Seen = Annotated[str, Form(max_length=_SEEN)]


async def _facts(
    db: AsyncSession, login: LoginSession, live: dict[str, str]
) -> tuple[facts.Facts, facts.Facts, dict[str, str]]:
    """The draft's and the live facts of the editor's municipality, and the live tree."""
    scope = scope_of(login.user)
    relative = municipality_file(scope.municipality)
    if not scope.municipality or not scope.allows(relative) or relative not in live:
        raise InboxError(404, "municipality_not_found")
    draft = await drafts.draft_tree(db, live, scope)
    return (
        facts.read_facts(scope.municipality, draft[relative]),
        facts.read_facts(scope.municipality, live[relative]),
        draft,
    )


async def _page(
    request: Request,
    login: LoginSession,
    db: AsyncSession,
    live: dict[str, str],
    *,
    part: str = "",
    typed: dict[str, Any] | None = None,
    seen: str | None = None,
    refused: facts.FactsRefused | None = None,
    conflict: drafts.Conflict | None = None,
    flash: str | None = None,
    status_code: int = 200,
) -> Response:
    draft, current, tree = await _facts(db, login, live)
    seen_by_part = {p: draft.seen(p) for p in ("basics", "hours")}
    seen_by_part |= {f"contact:{role}": draft.seen(f"contact:{role}") for role in draft.contacts}
    if seen is not None and not conflict:
        seen_by_part[part] = seen  # refused: the editor's view is still the one they had
    return render(
        request,
        "editor/gemeente.html",
        {
            "facts": draft,
            "live_facts": current,
            "changed": draft != current,
            "weekdays": facts.WEEKDAYS,
            "used": {role: facts.contact_in_use(tree, role) for role in draft.contacts},
            "part": part,
            "typed": typed or {},
            "seen": seen_by_part,
            "refused": refused,
            "conflict": conflict,
            "flash": flash,
        },
        login,
        status_code,
    )


async def _saved(
    request: Request,
    login: LoginSession,
    db: AsyncSession,
    live: dict[str, str],
    part: str,
    typed: dict[str, Any],
    seen: str,
    save: Any,
    flash: str,
) -> Response:
    try:
        await save
    except facts.FactsRefused as refused:
        return await _page(
            request,
            login,
            db,
            live,
            part=part,
            typed=typed,
            seen=seen,
            refused=refused,
            status_code=422,
        )
    except drafts.Conflict as conflict:
        # The form keeps the editor's values; saving again puts them over the colleague's.
        return await _page(
            request, login, db, live, part=part, typed=typed, conflict=conflict, status_code=409
        )
    except drafts.Refused:
        raise InboxError(404, "municipality_not_found") from None
    anchor = part.replace(":", "-")
    return see_other(f"/editor/gemeente?msg={flash}#{anchor}")


@router.get("")
async def municipality_page(
    request: Request,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    msg: Annotated[Flash | None, Query()] = None,
) -> Response:
    return await _page(request, login, db, live, flash=msg)


@router.post("/basis")
async def save_basics(
    request: Request,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    now: NowDep,
    seen: Seen,
    name: Short,
    place: Short,
    phone: Short,
    privacy_url: Short,
    keep_not_understood: Annotated[str, Form(max_length=1)] = "",
) -> Response:
    values = facts.Basics(name, place, phone, privacy_url, keep_not_understood == "1")
    save = facts.save_basics(db, scope_of(login.user), seen, values, login.user, now=now, live=live)
    return await _saved(request, login, db, live, "basics", asdict(values), seen, save, "basics")


@router.post("/tijden")
async def save_hours(
    request: Request, login: CheckedEditorLoginDep, db: DbDep, live: LiveDep, now: NowDep
) -> Response:
    form = await request.form()
    seen = str(form.get("seen", ""))[:_SEEN]
    typed: dict[str, Any] = {}
    hours: facts.Hours = {}
    for day in facts.WEEKDAYS:
        opens = str(form.get(f"{day}_open", ""))[:_SHORT]
        closes = str(form.get(f"{day}_close", ""))[:_SHORT]
        closed = form.get(f"{day}_closed") == "1"
        typed[day] = {"open": opens, "close": closes, "closed": closed}
        hours[day] = None if closed else (opens, closes)
    save = facts.save_hours(db, scope_of(login.user), seen, hours, login.user, now=now, live=live)
    return await _saved(request, login, db, live, "hours", typed, seen, save, "hours")


@router.post("/contacten")
async def add_contact(
    request: Request,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    now: NowDep,
    role: Short,
    name: Short,
    about: Short = "",
    phone: Short = "",
    url: Short = "",
) -> Response:
    role = role.strip().lower()
    values = facts.ContactValues(name, about, phone, url)
    typed = {"role": role, **asdict(values)}
    save = facts.save_contact(
        db, scope_of(login.user), role, "null", values, login.user, now=now, live=live
    )
    return await _saved(request, login, db, live, "new", typed, "null", save, "added")


@router.post("/contacten/{role}")
async def change_contact(
    request: Request,
    role: str,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    now: NowDep,
    seen: Seen,
    action: Annotated[Literal["save", "remove"], Form()] = "save",
    name: Short = "",
    about: Short = "",
    phone: Short = "",
    url: Short = "",
) -> Response:
    values = facts.ContactValues(name, about, phone, url) if action == "save" else None
    typed = asdict(facts.ContactValues(name, about, phone, url))
    save = facts.save_contact(
        db, scope_of(login.user), role, seen, values, login.user, now=now, live=live
    )
    flash = "contact" if action == "save" else "removed"
    return await _saved(request, login, db, live, f"contact:{role}", typed, seen, save, flash)
