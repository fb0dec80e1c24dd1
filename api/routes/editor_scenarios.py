"""Scenarios as the safety net: editors see every scenario pass or fail on the draft, run them
all again, and add or change one in a form (a household and the outcome and amount the law
gives it). The household is checked by benefits_rules' own parser; the scenario goes into the
draft's scenario file of its scheme, audited and compare-and-set like every other save.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Annotated, Any, Literal

import yaml
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.auth.deps import CheckedEditorLoginDep, EditorLoginDep
from api.auth.sessions import LoginSession
from api.content import drafts
from api.content.access import LiveDep
from api.content.files import RULES_PREFIX
from api.content.rule_edits import Problem, Rejected, fingerprint
from api.content.rules import SchemeFolder, run_tree, scenario_file, visible_schemes
from api.content.scenario_edits import (
    BOOL_FACTS,
    NUMBER_FACTS,
    TEXT_FACTS,
    ScenarioInput,
    scenario_edit,
    write_scenario,
)
from api.content.scope import scope_of
from api.content.sourcetext import get_value
from api.deps import DbDep, NowDep
from api.pages import render, see_other
from benefits_rules.household import HOUSING_VALUES
from benefits_rules.result import OUTCOMES

router = APIRouter(prefix="/editor/scenarios", include_in_schema=False)

Flash = Literal["saved", "ran"]
FORM_FACTS = (*TEXT_FACTS, *BOOL_FACTS, *NUMBER_FACTS, "children", "children_none")
# Facts the form has no field for; they stay editable as "overige gegevens".
SHOWN = {*TEXT_FACTS, *BOOL_FACTS, *NUMBER_FACTS, "children"}


def _schemes(login: LoginSession, tree: Mapping[str, str]) -> list[SchemeFolder]:
    """The schemes with scenarios: those with texts (a parameter set is not evaluated alone)."""
    visible = visible_schemes(tree, login.user.municipality or None)
    return [s for s in visible if f"{s.folder}/texts.yaml" in tree]


@router.get("")
async def scenarios_page(
    request: Request,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    msg: Annotated[Flash | None, Query()] = None,
) -> Response:
    tree = await drafts.draft_tree(db, live, scope_of(login.user))
    schemes = _schemes(login, tree)
    run = await asyncio.to_thread(run_tree, tree)
    results = run.of({s.key for s in schemes})
    return render(
        request,
        "editor/scenarios.html",
        {"schemes": schemes, "run": run, "results": results, "flash": msg},
        login,
    )


def _form_of(item: Mapping[str, Any]) -> dict[str, str]:
    """A scenario of the file as the form's fields."""
    household: Mapping[str, Any] = item.get("household") or {}
    form: dict[str, str] = {}
    for fact in TEXT_FACTS:
        if fact in household:
            form[fact] = str(household[fact])
    for fact in BOOL_FACTS:
        if isinstance(household.get(fact), bool):
            form[fact] = "ja" if household[fact] else "nee"
    for fact in NUMBER_FACTS:
        if fact in household and household[fact] is not None:
            form[fact] = str(household[fact]).replace(".", ",")
    children = household.get("children")
    if isinstance(children, list):
        ages = [str(c.get("age")) for c in children if isinstance(c, dict)]
        form["children"] = ", ".join(ages)
        form["children_none"] = "" if ages else "ja"
    other = {k: v for k, v in household.items() if k not in SHOWN}
    form["other"] = yaml.safe_dump(other, default_flow_style=True, allow_unicode=True).strip()
    form["other"] = "" if form["other"] == "{}" else form["other"]
    expect: Mapping[str, Any] = item.get("expect") or {}
    form["name"] = str(item.get("name", ""))
    form["outcome"] = str(expect.get("outcome", "eligible"))
    yearly = expect.get("amount_per_year")
    monthly = expect.get("amount_per_month")
    form["period"] = "year" if yearly is not None else "month"
    amount = yearly if yearly is not None else monthly
    form["amount"] = "" if amount is None else str(amount)
    indicative = expect.get("indicative")
    form["indicative"] = "" if indicative is None else ("ja" if indicative else "nee")
    return form


def _item(tree: Mapping[str, str], file: str, index: int) -> Mapping[str, Any] | None:
    path = RULES_PREFIX + file
    if path not in tree:
        return None
    item = get_value(path, tree[path], ["scenarios", index])
    return item if isinstance(item, dict) else None


async def _form_page(
    request: Request,
    login: LoginSession,
    tree: Mapping[str, str],
    *,
    form: Mapping[str, str],
    scheme: str,
    file: str = "",
    index: int | None = None,
    seen: str = "",
    problems: list[Problem] | None = None,
    conflict: drafts.Conflict | None = None,
    status_code: int = 200,
) -> Response:
    run = await asyncio.to_thread(run_tree, tree)
    result = next(
        (r for r in run.results if (r.scenario.file, r.scenario.index) == (file, index)), None
    )
    return render(
        request,
        "editor/scenario.html",
        {
            "schemes": _schemes(login, tree),
            "form": form,
            "scheme": scheme,
            "file": file,
            "index": index,
            "seen": seen,
            "problems": problems or [],
            "conflict": conflict,
            "result": result,
            "outcomes": OUTCOMES,
            "housing": HOUSING_VALUES,
            "municipality": login.user.municipality,
        },
        login,
        status_code,
    )


@router.get("/nieuw")
async def new_page(
    request: Request,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    scheme: Annotated[str, Query(alias="regeling", max_length=80)] = "",
) -> Response:
    tree = await drafts.draft_tree(db, live, scope_of(login.user))
    form = {"reference_date": "", "outcome": "eligible", "period": "month"}
    return await _form_page(request, login, tree, form=form, scheme=scheme)


@router.get("/bewerk")
async def edit_page(
    request: Request,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    file: Annotated[str, Query(alias="bestand", max_length=200)],
    index: Annotated[int, Query(alias="nummer", ge=0)],
) -> Response:
    tree = await drafts.draft_tree(db, live, scope_of(login.user))
    item = _item(tree, file, index)
    scheme = get_value(RULES_PREFIX + file, tree.get(RULES_PREFIX + file, "{}"), ["scheme"])
    if item is None or scheme not in {s.key for s in _schemes(login, tree)}:
        return see_other("/editor/scenarios")
    return await _form_page(
        request,
        login,
        tree,
        form=_form_of(item),
        scheme=str(scheme),
        file=file,
        index=index,
        seen=fingerprint(item),
    )


@router.post("/bewaar")
async def save(
    request: Request,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    now: NowDep,
) -> Response:
    raw = await request.form()
    form = {key: str(raw.get(key, ""))[:2000] for key in (*FORM_FACTS, "other", "name")}
    shortish = ("outcome", "amount", "period", "indicative")
    form.update({key: str(raw.get(key, ""))[:200] for key in shortish})
    scheme = str(raw.get("scheme", ""))[:80]
    file = str(raw.get("bestand", ""))[:200]
    seen = str(raw.get("seen", ""))[:64]
    number = str(raw.get("nummer", ""))
    index = int(number) if number.isdigit() else None
    tree = await drafts.draft_tree(db, live, scope_of(login.user))
    if scheme not in {s.key for s in _schemes(login, tree)}:
        return see_other("/editor/scenarios")
    existing = _item(tree, file, index) if index is not None else None
    if index is not None and (
        existing is None or file != scenario_file(scheme)[len(RULES_PREFIX) :]
    ):
        return see_other("/editor/scenarios")

    async def page(status: int, **extra: Any) -> Response:
        return await _form_page(
            request,
            login,
            tree,
            form=form,
            scheme=scheme,
            file=file,
            index=index,
            status_code=status,
            **extra,
        )

    if existing is not None and fingerprint(existing) != seen:
        conflict = await drafts.conflict_in(db, scenario_file(scheme))
        return await page(409, seen=fingerprint(existing), conflict=conflict)
    period: Literal["month", "year"] = "year" if form["period"] == "year" else "month"
    typed = ScenarioInput(
        scheme=scheme,
        name=form["name"],
        facts={k: form[k] for k in FORM_FACTS},
        other=form["other"],
        outcome=form["outcome"] if form["outcome"] in OUTCOMES else "eligible",
        amount=form["amount"],
        period=period,
        indicative=form["indicative"],
        keep=dict(existing.get("expect") or {}) if existing else {},
    )
    path = scenario_file(scheme)
    try:
        item = await asyncio.to_thread(scenario_edit, tree, typed)
        write_scenario(path, tree.get(path, ""), scheme, item, index)  # refused here, if at all
    except Rejected as rejected:
        return await page(422, seen=seen, problems=rejected.problems)

    def change(current: str, row: drafts.DraftRow | None) -> str:
        if index is not None:
            now_there = get_value(path, current, ["scenarios", index]) if current else None
            if fingerprint(now_there) != seen:
                raise drafts.Conflict(None, row.by if row else None, row.at if row else None)
        return write_scenario(path, current, scheme, item, index)

    try:
        await drafts.save_files(db, {path: change}, login.user, now=now, live=live)
    except Rejected as rejected:
        return await page(422, seen=seen, problems=rejected.problems)
    except drafts.Conflict as conflict:
        tree = await drafts.draft_tree(db, live, scope_of(login.user))
        fresh = _item(tree, file, index) if index is not None else None
        return await page(409, seen=fingerprint(fresh) if fresh else "", conflict=conflict)
    return see_other("/editor/scenarios?msg=saved")
