"""The editors' workspace: the draft's status, every resident-facing text, editing with checks.

Dutch pages for editors and admins (counsellors get 403). Edits go into the draft; residents
see nothing of it until it is published. Every edit is in the audit log, without its content.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import JSONResponse, Response

from api.auth.deps import CheckedEditorLoginDep, EditorLoginDep
from api.auth.sessions import LoginSession
from api.content import drafts
from api.content.access import LiveDep, draft_catalog, live_catalog
from api.content.catalog import Catalog, Item
from api.content.scope import Scope, scope_of
from api.deps import DbDep, NowDep
from api.handoff.inbox import InboxError
from api.pages import render, see_other

router = APIRouter(prefix="/editor", include_in_schema=False)

MAX_TEXT_CHARS = 2000
Flash = Literal["saved"]


def _messages(request: Request) -> Any:
    """The Dutch wording of check results (macros of editor/_problems.html)."""
    return request.app.state.templates.env.get_template("editor/_problems.html").module


def _own_item(scope: Scope, item_id: str) -> None:
    """Another municipality's item is not there for this editor: 404, never its content."""
    if not scope.allows(item_id.partition("#")[0]):
        raise InboxError(404, "item_not_found")


def _changed(live: Catalog, draft: Catalog) -> set[str]:
    live_values = {item.id: item.value for item in live.items}
    return {item.id for item in draft.items if live_values.get(item.id) != item.value}


@router.get("")
async def home(request: Request, login: EditorLoginDep, db: DbDep, live: LiveDep) -> Response:
    scope = scope_of(login.user)
    files = await drafts.draft_files(db, scope)
    draft = await draft_catalog(db, live, scope)
    changed = _changed(live_catalog(live, scope), draft)
    return render(
        request,
        "editor/home.html",
        {
            "files": sorted(files.values(), key=lambda f: f.path),
            "changed": [i for i in draft.items if i.id in changed],
        },
        login,
    )


@router.get("/antwoorden")
async def answers(
    request: Request,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    scope = scope_of(login.user)
    draft = await draft_catalog(db, live, scope)
    found = draft.search(q) if q.strip() else list(draft.items)
    return render(
        request,
        "editor/answers.html",
        {
            "q": q,
            "groups": draft.by_topic(found),
            "count": len(found),
            "changed": _changed(live_catalog(live, scope), draft),
        },
        login,
    )


async def _edit_page(
    request: Request,
    login: LoginSession,
    item: Item,
    live_item: Item,
    *,
    text: str,
    seen: str,
    status_code: int = 200,
    refused: drafts.Refused | None = None,
    conflict: drafts.Conflict | None = None,
    flash: str | None = None,
) -> Response:
    return render(
        request,
        "editor/edit.html",
        {
            "item": item,
            "live_item": live_item,
            "text": text,
            "seen": seen,
            "refused": refused,
            "conflict": conflict,
            "flash": flash,
            "max_chars": MAX_TEXT_CHARS,
        },
        login,
        status_code,
    )


@router.get("/antwoorden/bewerk")
async def edit(
    request: Request,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    item_id: Annotated[str, Query(alias="id", max_length=300)],
    msg: Annotated[Flash | None, Query()] = None,
) -> Response:
    scope = scope_of(login.user)
    _own_item(scope, item_id)
    item = (await draft_catalog(db, live, scope)).item(item_id)
    live_item = live_catalog(live, scope).item(item_id)
    if item is None or live_item is None:
        return see_other("/editor/antwoorden")
    return await _edit_page(
        request, login, item, live_item, text=item.value, seen=item.value, flash=msg
    )


@router.post("/antwoorden/bewerk")
async def save(
    request: Request,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    now: NowDep,
    item_id: Annotated[str, Form(alias="id", max_length=300)],
    seen: Annotated[str, Form(max_length=MAX_TEXT_CHARS)],
    text: Annotated[str, Form(max_length=MAX_TEXT_CHARS)],
) -> Response:
    scope = scope_of(login.user)
    _own_item(scope, item_id)
    live_item = live_catalog(live, scope).item(item_id)
    if live_item is None:
        return see_other("/editor/antwoorden")
    # Browsers send line breaks as CRLF; the files (and what the editor saw) have LF.
    text = text.replace("\r\n", "\n").strip()
    seen = seen.replace("\r\n", "\n")
    try:
        await drafts.save_item(db, item_id, seen, text, login.user, now=now, live=live)
    except drafts.Refused as refused:
        item = (await draft_catalog(db, live, scope)).item(item_id) or live_item
        return await _edit_page(
            request, login, item, live_item, text=text, seen=seen, status_code=422, refused=refused
        )
    except drafts.Conflict as conflict:
        item = (await draft_catalog(db, live, scope)).item(item_id) or live_item
        # The form now holds the editor's text, based on the colleague's: saving again is a
        # deliberate choice, made with both versions in view.
        return await _edit_page(
            request,
            login,
            item,
            live_item,
            text=text,
            seen=item.value,
            status_code=409,
            conflict=conflict,
        )
    return see_other(f"/editor/antwoorden/bewerk?id={quote(item_id)}&msg=saved")


@router.post("/check")
async def check(
    request: Request,
    login: CheckedEditorLoginDep,
    live: LiveDep,
    item_id: Annotated[str, Form(alias="id", max_length=300)],
    text: Annotated[str, Form(max_length=MAX_TEXT_CHARS)],
) -> Response:
    """The live check of the edit page: what saving ``text`` would be refused for."""
    live_item = live_catalog(live, scope_of(login.user)).item(item_id)
    if live_item is None:
        return JSONResponse({"error": {"code": "not_found", "message": ""}}, status_code=404)
    refused = drafts.check_value(live_item, text.replace("\r\n", "\n").strip())
    messages = _messages(request)
    problems: list[dict[str, str]] = []
    if refused is not None and refused.reason:
        problems.append({"message": str(messages.refusal(refused.reason)), "sentence": ""})
    if refused is not None:
        problems += [
            {"message": str(messages.placeholder(p)), "sentence": p.found}
            for p in refused.placeholder_problems
        ]
        problems += [
            {"message": str(messages.b1(p)), "sentence": p.sentence} for p in refused.b1_problems
        ]
    return JSONResponse({"ok": not problems, "problems": problems})
