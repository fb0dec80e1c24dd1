"""Understanding: per intent its example sentences; add, change, move and remove them.

Changes go into the draft (a new model is trained when the draft is published). A change of an
example someone else changed or removed meanwhile is a conflict, shown, never applied.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from api.auth.deps import CheckedEditorLoginDep, EditorLoginDep
from api.auth.sessions import LoginSession
from api.content import drafts
from api.content.access import LiveDep, draft_catalog
from api.content.scope import scope_of
from api.content.understanding import example_warnings, normalise
from api.deps import DbDep, NowDep
from api.input_text import Printable
from api.pages import render, see_other

router = APIRouter(prefix="/editor/begrip", include_in_schema=False)

Flash = Literal["added", "changed", "moved", "removed"]
_MAX = drafts.MAX_EXAMPLE_CHARS * 2  # longer is refused with a reason, not a 422 from the form


async def _page(
    request: Request,
    login: LoginSession,
    db: DbDep,
    live: dict[str, str],
    intent: str | None,
    *,
    flash: str | None = None,
    refused: drafts.Refused | None = None,
    conflict: drafts.Conflict | None = None,
    status_code: int = 200,
) -> Response:
    catalog = await draft_catalog(db, live, scope_of(login.user))
    warnings = example_warnings(catalog)
    selected = catalog.intent(intent) if intent else None
    duplicates, in_two = warnings.for_intent(selected.name) if selected else ([], {})
    return render(
        request,
        "editor/understanding.html",
        {
            "intents": catalog.intents,
            "selected": selected,
            "duplicates": duplicates,
            "in_two": in_two,
            "in_two_by_example": {
                e: in_two.get(normalise(e), []) for e in (selected.examples if selected else ())
            },
            "warning_count": {
                i.name: len(warnings.for_intent(i.name)[0]) + len(warnings.for_intent(i.name)[1])
                for i in catalog.intents
            },
            "flash": flash,
            "refused": refused,
            "conflict": conflict,
        },
        login,
        status_code,
    )


@router.get("")
async def understanding(
    request: Request,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    intent: Annotated[str | None, Query(max_length=100)] = None,
    msg: Annotated[Flash | None, Query()] = None,
) -> Response:
    return await _page(request, login, db, live, intent, flash=msg)


@router.post("")
async def change(
    request: Request,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    now: NowDep,
    action: Annotated[Literal["add", "change", "move", "remove"], Form()],
    intent: Annotated[str, Form(max_length=100)],
    old: Annotated[str, Form(max_length=_MAX), Printable] = "",
    new: Annotated[str, Form(max_length=_MAX), Printable] = "",
    target: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    change = drafts.ExampleChange
    steps = {
        "add": [change(intent, None, new)],
        "change": [change(intent, old, new)],
        "remove": [change(intent, old, None)],
        "move": [change(intent, old, None), change(target, None, old)],
    }[action]
    try:
        if action == "move" and (not target or target == intent):
            raise drafts.Refused("unknown_intent")
        await drafts.change_examples(db, steps, login.user, now=now, live=live)
    except drafts.Refused as refused:
        return await _page(request, login, db, live, intent, refused=refused, status_code=422)
    except drafts.Conflict as conflict:
        return await _page(request, login, db, live, intent, conflict=conflict, status_code=409)
    flash = {"add": "added", "change": "changed", "move": "moved", "remove": "removed"}[action]
    return see_other(f"/editor/begrip?intent={quote(intent)}&msg={flash}#voorbeelden")
