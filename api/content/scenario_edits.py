"""Editors' scenarios: the form's household and expectations, checked by benefits_rules' own
household parser against the draft's rules, and written into the scheme's scenario file (a new
scenario at the end, a changed one in its place; comments and the other scenarios stay)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import yaml

from api.content.rule_edits import Problem, Rejected, check_rules, read_number
from api.content.sourcetext import SourceError, append_item, replace_item
from benefits_rules import InvalidHousehold, parse_household
from benefits_rules.model import RuleBook
from benefits_rules.schema import SCHEMA_VERSION

__all__ = [
    "BOOL_FACTS",
    "NUMBER_FACTS",
    "TEXT_FACTS",
    "ScenarioInput",
    "scenario_edit",
    "scenario_item",
    "write_scenario",
]


@dataclass(frozen=True)
class ScenarioInput:
    """The scenario form: the household's facts as typed (fact -> text) and what to expect."""

    scheme: str
    name: str
    facts: Mapping[str, str]
    other: str
    outcome: str
    amount: str
    period: Literal["month", "year"]
    indicative: str = ""  # "ja" / "nee": expected to be an indication or not; "": not checked
    keep: Mapping[str, Any] = field(default_factory=dict)  # other expectations, kept as they were


BOOL_FACTS = ("has_partner", "health_insured", "receives_bijstand")
NUMBER_FACTS = (
    "age",
    "partner_age",
    "annual_income",
    "net_monthly_income",
    "assets",
    "rent",
    "co_residents_21_plus",
    "months_on_low_income",
)
TEXT_FACTS = ("reference_date", "municipality", "housing")


def _household(typed: ScenarioInput, problems: list[Problem]) -> dict[str, Any]:
    household: dict[str, Any] = {}
    for fact in TEXT_FACTS:
        if typed.facts.get(fact, "").strip():
            household[fact] = typed.facts[fact].strip()
    for fact in BOOL_FACTS:
        answer = typed.facts.get(fact, "")
        if answer in ("ja", "nee"):
            household[fact] = answer == "ja"
    for fact in NUMBER_FACTS:
        written = typed.facts.get(fact, "").strip()
        if not written:
            continue
        try:
            number = read_number(written)
        except ValueError:
            problems.append(Problem(fact, "not_a_number"))
            continue
        whole = number == number.to_integral_value()
        household[fact] = int(number) if whole else float(number)
    ages = typed.facts.get("children", "").strip()
    if ages:
        try:
            household["children"] = [{"age": int(a)} for a in re.split(r"[,\s]+", ages) if a]
        except ValueError:
            problems.append(Problem("children", "not_a_number"))
    elif typed.facts.get("children_none") == "ja":
        household["children"] = []
    if typed.other.strip():
        try:
            other = yaml.safe_load(typed.other)
        except yaml.YAMLError:
            other = None
        if not isinstance(other, dict):
            problems.append(Problem("other", "yaml"))
        else:
            household.update(other)
    return household


def scenario_item(typed: ScenarioInput, book: RuleBook) -> dict[str, Any]:
    """The scenario as it goes into the file; raises :class:`Rejected` (every problem found).
    The household is checked by benefits_rules' own parser against the draft's rules."""
    problems: list[Problem] = []
    name = " ".join(typed.name.split())
    if not name:
        problems.append(Problem("name", "empty"))
    household = _household(typed, problems)
    if not problems:
        try:
            parse_household(household, book=book)
        except InvalidHousehold as exc:
            fact = exc.field.split("[")[0].split(".")[0]
            shown = (
                fact if fact in (*TEXT_FACTS, *BOOL_FACTS, *NUMBER_FACTS, "children") else "other"
            )
            problems.append(Problem(shown, "household", str(exc)))
    expect: dict[str, Any] = {"outcome": typed.outcome}
    keys = ("amount_per_month", "amount_per_year")
    expect.update(
        {k: v for k, v in typed.keep.items() if k not in ("outcome", "indicative", *keys)}
    )
    if typed.indicative in ("ja", "nee"):
        expect["indicative"] = typed.indicative == "ja"
    if typed.amount.strip():
        try:
            amount = read_number(typed.amount)
        except ValueError:
            amount = Decimal("0.5")
        if amount != amount.to_integral_value() or amount < 0:
            problems.append(Problem("amount", "not_whole"))
        else:
            expect["amount_per_month" if typed.period == "month" else "amount_per_year"] = int(
                amount
            )
    if problems:
        raise Rejected(problems)
    return {"name": name, "household": household, "expect": expect}


def scenario_edit(tree: Mapping[str, str], typed: ScenarioInput) -> dict[str, Any]:
    """The scenario as it goes into the file, checked against the draft's rules."""
    return scenario_item(typed, check_rules(tree))


def write_scenario(path: str, text: str, scheme: str, item: Any, index: int | None) -> str:
    """The scenario file ``path`` ("" when it is new) with ``item`` added (``index`` None) or
    replacing scenario ``index``."""
    try:
        if not text:
            header = f"schema_version: {SCHEMA_VERSION}\nscheme: {scheme}\nscenarios:\n"
            return header + _first_item(path, item)
        if index is None:
            return append_item(path, text, ["scenarios"], item)
        return replace_item(path, text, ["scenarios"], index, item)
    except SourceError as exc:
        raise Rejected([Problem("file", "file", str(exc))]) from exc


def _first_item(path: str, item: dict[str, Any]) -> str:
    # A new file: one item written the same way append_item writes them, checked by reading.
    seed = "scenarios:\n  - name: x\n"
    written = replace_item(path, seed, ["scenarios"], 0, item)
    return written[len("scenarios:\n") :].rstrip("\n") + "\n"
