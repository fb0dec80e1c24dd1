"""Editors' changes to the rules: one parameter of a period, a new period, a scenario.

Each change is checked before it goes into the draft: the typed value in the parameter's unit
(a :class:`Problem` names the field and what is wrong; the pages say it in Dutch), then the whole
draft's rules read by benefits_rules' own loader, and a scenario's household by its own parser.
Files change with the one-value edits of :mod:`api.content.sourcetext`: comments and layout stay.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from api.content.rules import rules_book
from api.content.sourcetext import (
    SourceError,
    get_value,
    remove_key,
    set_key,
)
from benefits_rules.errors import RuleDataError
from benefits_rules.model import RuleBook
from benefits_rules.schema import MODE_CHOICES
from benefits_rules.schemes import CALCULATORS

__all__ = [
    "MAX_NOTE_CHARS",
    "ParamInput",
    "Problem",
    "Rejected",
    "check_rules",
    "fingerprint",
    "is_nullable",
    "new_period",
    "param_edit",
    "read_number",
]

MAX_NOTE_CHARS = 500
ProblemCode = Literal[
    "empty",
    "not_a_number",
    "negative",
    "too_precise",
    "not_whole",
    "choice",
    "url",
    "date",
    "future",
    "rules",
    "exists",
    "not_later",
    "until_before",
    "household",
    "name",
    "file",
    "yaml",
    "null_verified",
]


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field (``code``: the page's Dutch sentence; ``detail``: the
    checker's own words, such as the loader's file, line and field)."""

    field: str
    code: ProblemCode
    detail: str = ""


class Rejected(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


def fingerprint(value: Any) -> str:
    """A short token of what an editor saw (a parameter, a scenario): saved with the form, so
    a save over a colleague's newer change is noticed (compare-and-set)."""
    dumped = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(dumped.encode()).hexdigest()[:16]


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def read_number(text: str) -> Decimal:
    """A number as editors write it: "1.401,50", "1401,50", "13,73", "120". A point is only read
    as a thousands separator ("1.401"); decimals take a comma. Raises ValueError."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".", 1)
    elif _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    elif "." in cleaned:
        raise ValueError("use a comma for decimals")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError("not a number") from exc
    if not number.is_finite():
        raise ValueError("not a number")
    return number


def _yaml_value(unit: str, name: str, text: str, nullable: bool) -> Any:
    """The value to write for ``text`` typed in the parameter's unit; raises Rejected."""
    typed = text.strip()
    if not typed:
        if nullable:
            return None
        raise Rejected([Problem("value", "empty")])
    if unit == "mode":
        if typed not in MODE_CHOICES.get(name, ()):
            raise Rejected([Problem("value", "choice")])
        return typed
    try:
        number = read_number(typed)
    except ValueError as exc:
        raise Rejected([Problem("value", "not_a_number")]) from exc
    if number < 0:
        raise Rejected([Problem("value", "negative")])
    if unit.startswith("eurocent"):
        cents = number * 100
        if cents != cents.to_integral_value():
            raise Rejected([Problem("value", "too_precise")])
        return int(cents)
    if unit == "percent":
        if (number * 10_000) != (number * 10_000).to_integral_value():
            raise Rejected([Problem("value", "too_precise")])
        return int(number) if number == number.to_integral_value() else float(number)
    if number != number.to_integral_value():
        raise Rejected([Problem("value", "not_whole")])
    return int(number)


@dataclass(frozen=True)
class ParamInput:
    """The parameter form as typed (kept as typed, to show it again after a refusal)."""

    value: str
    source: str
    checked: str
    verified: bool
    note: str


def _date_field(name: str, typed: str, today: date, problems: list[Problem]) -> date | None:
    if not typed.strip():
        return None
    try:
        found = date.fromisoformat(typed.strip())
    except ValueError:
        problems.append(Problem(name, "date"))
        return None
    if found > today:
        problems.append(Problem(name, "future"))
    return found


def check_rules(tree: Mapping[str, str]) -> RuleBook:
    try:
        return rules_book(tree)
    except RuleDataError as exc:
        raise Rejected([Problem("rules", "rules", str(exc))]) from exc


def is_nullable(path: str, text: str, name: str) -> bool:
    """Whether the calculator of period ``path`` accepts an empty value (not found) for ``name``."""
    calculator = CALCULATORS.get(str(get_value(path, text, ["calculator"])))
    if calculator is None:
        return False
    fields = {f.name: f.metadata for f in dataclasses.fields(calculator.params_cls)}
    meta: Mapping[str, Any] = fields.get(name, {})
    return bool(meta.get("nullable"))


def param_edit(
    tree: Mapping[str, str], path: str, name: str, typed: ParamInput, nullable: bool, today: date
) -> dict[str, Any]:
    """The new values of parameter ``name`` of period ``path`` (checked against the whole
    tree's rules); raises :class:`Rejected` with every problem found."""
    entry = get_value(path, tree[path], ["parameters", name]) or {}
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    try:
        values["value"] = _yaml_value(str(entry.get("unit")), name, typed.value, nullable)
    except Rejected as exc:
        problems += exc.problems
    source = typed.source.strip()
    if not source.startswith(("https://", "http://")) or " " in source:
        problems.append(Problem("source", "url"))
    values["source"] = source
    values["checked"] = _date_field("checked", typed.checked, today, problems)
    values["verified"] = typed.verified
    if typed.verified and values.get("value", 0) is None:
        problems.append(Problem("verified", "null_verified"))
    values["note"] = " ".join(typed.note.split())[:MAX_NOTE_CHARS]
    if problems:
        raise Rejected(problems)
    return values


def apply_param(path: str, text: str, name: str, values: Mapping[str, Any]) -> str:
    """The period file with the parameter's fields set (an empty note or date is left out)."""
    where = ["parameters", name]
    try:
        for key, value in values.items():
            if value in (None, "") and key in ("checked", "note"):
                text = remove_key(path, text, where, key)
            else:
                text = set_key(path, text, where, key, value)
    except SourceError as exc:
        raise Rejected([Problem("file", "file", str(exc))]) from exc
    return text


def changed_tree(tree: Mapping[str, str], path: str, text: str) -> dict[str, str]:
    return {**tree, path: text}


def check_param(tree: Mapping[str, str], path: str, name: str, values: Mapping[str, Any]) -> None:
    """Refuse a parameter change that leaves the draft's rules unreadable."""
    check_rules(changed_tree(tree, path, apply_param(path, tree[path], name, values)))


@dataclass(frozen=True)
class NewPeriod:
    """A new period file (path and text) and the previous latest one, changed or not."""

    path: str
    text: str
    previous_path: str
    previous_text: str


def new_period(
    tree: Mapping[str, str], periods: tuple[str, ...], start_typed: str, until_typed: str
) -> NewPeriod:
    """A copy of the latest period from ``start`` (every parameter marked unverified, so editors
    see what still needs checking), ending at ``until`` when given; the previous latest period
    then ends the day before ``start`` where it said when it ends."""
    problems: list[Problem] = []
    far = date.max
    start = _date_field("valid_from", start_typed, far, problems)
    until = _date_field("valid_until", until_typed, far, problems)
    if start is None and not problems:
        problems.append(Problem("valid_from", "empty"))
    latest = periods[-1]
    latest_text = tree[latest]
    folder = latest.rsplit("/", 1)[0]
    path = f"{folder}/{start.isoformat() if start else ''}.yaml"
    if start is not None:
        latest_start = get_value(latest, latest_text, ["valid_from"])
        if path in tree:
            problems.append(Problem("valid_from", "exists"))
        elif isinstance(latest_start, date) and start <= latest_start:
            problems.append(Problem("valid_from", "not_later", latest_start.isoformat()))
        if until is not None and until < start:
            problems.append(Problem("valid_until", "until_before"))
    if problems or start is None:
        raise Rejected(problems)
    had_until = "valid_until" in (get_value(latest, latest_text, []) or {})
    try:
        text = set_key(path, latest_text, [], "valid_from", start)
        if until is None:
            text = remove_key(path, text, [], "valid_until")
        else:
            text = set_key(path, text, [], "valid_until", until)
        for name in get_value(path, text, ["parameters"]) or {}:
            text = set_key(path, text, ["parameters", name], "verified", False)
        previous = latest_text
        if had_until:
            previous = set_key(latest, latest_text, [], "valid_until", start - timedelta(days=1))
    except SourceError as exc:
        raise Rejected([Problem("file", "file", str(exc))]) from exc
    result = NewPeriod(path, text, latest, previous)
    check_rules({**tree, latest: previous, path: text})
    return result
