"""Editors keep the regelingen current: per scheme its periods and every parameter with value,
unit, source, date checked and verified; a change goes into the draft, and the page then shows
which scenarios it breaks (household, expected and actual side by side).

Editors see the national schemes and their own municipality's (the account's municipality).
Every save is a compare-and-set on what the editor saw, and is in the audit log.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import CheckedEditorLoginDep, EditorLoginDep
from api.auth.sessions import LoginSession
from api.content import drafts
from api.content.access import LiveDep
from api.content.rule_edits import (
    MAX_NOTE_CHARS,
    ParamInput,
    Rejected,
    apply_param,
    check_param,
    fingerprint,
    is_nullable,
    new_period,
    param_edit,
)
from api.content.rules import (
    NATIONAL,
    SchemeFolder,
    build_period,
    rule_param,
    run_tree,
    visible_schemes,
)
from api.content.scope import scope_of
from api.content.sourcetext import get_value
from api.deps import DbDep, NowDep
from api.pages import render, see_other

router = APIRouter(prefix="/editor/regelingen", include_in_schema=False)

Flash = Literal["saved", "period"]


def schemes_for(login: LoginSession, tree: Mapping[str, str]) -> list[SchemeFolder]:
    """The schemes this editor keeps (see :func:`visible_schemes`)."""
    return visible_schemes(tree, login.user.municipality or None)


def _find(login: LoginSession, tree: Mapping[str, str], scope: str, key: str) -> SchemeFolder:
    for scheme in schemes_for(login, tree):
        if (scheme.scope, scheme.key) == (scope, key):
            return scheme
    raise LookupError(key)


@router.get("")
async def overview(request: Request, login: EditorLoginDep, db: DbDep, live: LiveDep) -> Response:
    tree = await drafts.draft_tree(db, live, scope_of(login.user))
    schemes = schemes_for(login, tree)
    run = await asyncio.to_thread(run_tree, tree)
    failing: dict[str, int] = {}
    for result in run.failed:
        failing[result.scheme] = failing.get(result.scheme, 0) + 1
    return render(
        request,
        "editor/regelingen.html",
        {
            "schemes": schemes,
            "latest": {s.key: build_period(s.periods[-1], tree[s.periods[-1]]) for s in schemes},
            "failing": failing,
            "run": run,
            "municipality": login.user.municipality,
            "national": NATIONAL,
        },
        login,
    )


async def _scheme_page(
    request: Request,
    login: LoginSession,
    tree: Mapping[str, str],
    live: Mapping[str, str],
    scheme: SchemeFolder,
    *,
    flash: str | None = None,
    period_form: Mapping[str, str] | None = None,
    problems: list[Any] | None = None,
    status_code: int = 200,
) -> Response:
    run = await asyncio.to_thread(run_tree, tree)
    periods = [build_period(path, tree[path]) for path in scheme.periods]
    latest = periods[-1]
    suggested = {
        "valid_from": date(latest.valid_from.year + 1, 1, 1).isoformat(),
        "valid_until": date(latest.valid_from.year + 1, 12, 31).isoformat(),
    }
    return render(
        request,
        "editor/regeling.html",
        {
            "scheme": scheme,
            "periods": list(reversed(periods)),
            "changed": {path for path in scheme.periods if live.get(path) != tree[path]},
            "results": run.of({scheme.key}),
            "run": run,
            "flash": flash,
            "period_form": period_form or suggested,
            "problems": problems or [],
        },
        login,
        status_code,
    )


@router.get("/{scope}/{key}")
async def scheme_page(
    request: Request,
    scope: str,
    key: str,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    msg: Annotated[Flash | None, Query()] = None,
) -> Response:
    tree = await drafts.draft_tree(db, live, scope_of(login.user))
    try:
        scheme = _find(login, tree, scope, key)
    except LookupError:
        return see_other("/editor/regelingen")
    return await _scheme_page(request, login, tree, live, scheme, flash=msg)


def _entry(tree: Mapping[str, str], path: str, name: str) -> dict[str, Any] | None:
    entry = get_value(path, tree[path], ["parameters", name]) if path in tree else None
    return entry if isinstance(entry, dict) else None


def _period_path(scheme: SchemeFolder, period: str) -> str:
    return f"{scheme.folder}/{period}.yaml"


def _typed(name: str, entry: Mapping[str, Any]) -> ParamInput:
    """The form's fields for a parameter as written (the value in the units editors read)."""
    param = rule_param(name, entry)
    return ParamInput(
        value=param.shown if param.unit != "mode" else str(param.value),
        source=param.source,
        checked=param.checked.isoformat() if isinstance(param.checked, date) else "",
        verified=param.verified,
        note=param.note,
    )


async def _param_page(
    request: Request,
    login: LoginSession,
    tree: Mapping[str, str],
    live: Mapping[str, str],
    scheme: SchemeFolder,
    path: str,
    name: str,
    *,
    typed: ParamInput,
    seen: str,
    problems: list[Any] | None = None,
    conflict: drafts.Conflict | None = None,
    status_code: int = 200,
) -> Response:
    period = build_period(path, tree[path])
    param = next(p for p in period.params if p.name == name)
    live_entry = _entry(live, path, name)
    return render(
        request,
        "editor/parameter.html",
        {
            "scheme": scheme,
            "period": period,
            "param": param,
            "live_param": _typed(name, live_entry) if live_entry else None,
            "typed": typed,
            "seen": seen,
            "problems": problems or [],
            "conflict": conflict,
            "nullable": is_nullable(path, tree[path], name),
            "max_note": MAX_NOTE_CHARS,
        },
        login,
        status_code,
    )


Located = tuple[dict[str, str], SchemeFolder, str, dict[str, Any]]


async def _locate(
    login: LoginSession,
    db: AsyncSession,
    live: Mapping[str, str],
    scope: str,
    key: str,
    period: str,
    name: str,
) -> Located | Response:
    """The draft tree, the scheme, the period file and the parameter, or where to go instead."""
    tree = await drafts.draft_tree(db, live, scope_of(login.user))
    try:
        scheme = _find(login, tree, scope, key)
    except LookupError:
        return see_other("/editor/regelingen")
    path = _period_path(scheme, period)
    entry = _entry(tree, path, name)
    if entry is None:
        return see_other(f"/editor/regelingen/{scope}/{key}")
    return tree, scheme, path, entry


@router.get("/{scope}/{key}/bewerk")
async def param_page(
    request: Request,
    scope: str,
    key: str,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    period: Annotated[str, Query(alias="periode", max_length=10)],
    name: Annotated[str, Query(alias="parameter", max_length=80)],
) -> Response:
    found = await _locate(login, db, live, scope, key, period, name)
    if isinstance(found, Response):
        return found
    tree, scheme, path, entry = found
    return await _param_page(
        request,
        login,
        tree,
        live,
        scheme,
        path,
        name,
        typed=_typed(name, entry),
        seen=fingerprint(entry),
    )


@router.post("/{scope}/{key}/bewerk")
async def save_param(
    request: Request,
    scope: str,
    key: str,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    now: NowDep,
    period: Annotated[str, Form(alias="periode", max_length=10)],
    name: Annotated[str, Form(alias="parameter", max_length=80)],
    seen: Annotated[str, Form(max_length=64)],
    value: Annotated[str, Form(max_length=100)] = "",
    source: Annotated[str, Form(max_length=1000)] = "",
    checked: Annotated[str, Form(max_length=20)] = "",
    verified: Annotated[str, Form(max_length=5)] = "",
    note: Annotated[str, Form(max_length=MAX_NOTE_CHARS * 2)] = "",
) -> Response:
    found = await _locate(login, db, live, scope, key, period, name)
    if isinstance(found, Response):
        return found
    tree, scheme, path, entry = found
    typed = ParamInput(value, source, checked, verified == "ja", note)

    async def page(status: int, **extra: Any) -> Response:
        return await _param_page(
            request, login, tree, live, scheme, path, name, typed=typed, status_code=status, **extra
        )

    if fingerprint(entry) != seen:
        # A colleague saved this parameter since the editor opened it: show theirs, keep ours.
        conflict = await drafts.conflict_in(db, path)
        return await page(409, seen=fingerprint(entry), conflict=conflict)
    nullable = is_nullable(path, tree[path], name)
    try:
        values = param_edit(tree, path, name, typed, nullable, now.date())
        await asyncio.to_thread(check_param, tree, path, name, values)
    except Rejected as rejected:
        return await page(422, seen=seen, problems=rejected.problems)

    def change(text: str, row: drafts.DraftRow | None) -> str:
        current = get_value(path, text, ["parameters", name])
        if fingerprint(current) != seen:
            raise drafts.Conflict(None, row.by if row else None, row.at if row else None)
        return apply_param(path, text, name, values)

    try:
        await drafts.save_files(db, {path: change}, login.user, now=now, live=live)
    except drafts.Conflict as conflict:
        tree = await drafts.draft_tree(db, live, scope_of(login.user))
        fresh = _entry(tree, path, name) or entry
        return await page(409, seen=fingerprint(fresh), conflict=conflict)
    return see_other(f"/editor/regelingen/{scope}/{key}?msg=saved#periode-{quote(period)}")


@router.post("/{scope}/{key}/periode")
async def add_period(
    request: Request,
    scope: str,
    key: str,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    now: NowDep,
    valid_from: Annotated[str, Form(max_length=20)] = "",
    valid_until: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    tree = await drafts.draft_tree(db, live, scope_of(login.user))
    try:
        scheme = _find(login, tree, scope, key)
    except LookupError:
        return see_other("/editor/regelingen")
    typed = {"valid_from": valid_from, "valid_until": valid_until}
    try:
        made = await asyncio.to_thread(new_period, tree, scheme.periods, valid_from, valid_until)
    except Rejected as rejected:
        return await _scheme_page(
            request,
            login,
            tree,
            live,
            scheme,
            period_form=typed,
            problems=rejected.problems,
            status_code=422,
        )
    seen_latest = tree[made.previous_path]

    def previous(text: str, row: drafts.DraftRow | None) -> str:
        if text != seen_latest:
            raise drafts.Conflict(None, row.by if row else None, row.at if row else None)
        return made.previous_text

    def added(text: str, row: drafts.DraftRow | None) -> str:
        if text:  # a colleague added this period meanwhile
            raise drafts.Conflict(None, row.by if row else None, row.at if row else None)
        return made.text

    try:
        await drafts.save_files(
            db, {made.previous_path: previous, made.path: added}, login.user, now=now, live=live
        )
    except drafts.Conflict:
        tree = await drafts.draft_tree(db, live, scope_of(login.user))
        return await _scheme_page(
            request,
            login,
            tree,
            live,
            _find(login, tree, scope, key),
            period_form=typed,
            flash="conflict",
            status_code=409,
        )
    return see_other(f"/editor/regelingen/{scope}/{key}?msg=period")
