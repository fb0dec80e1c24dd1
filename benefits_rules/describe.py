"""A household and a result in words, one labelled item per fact (e.g. for a counsellor).

Reads the plain forms the chat keeps: a household as :func:`parse_household` takes it, the facts
said in passing as :func:`situation_facts` gives them, and per scheme a result as
``Evaluation.to_dict()`` has it (title, outcome, amount_per_month or amount_per_year). These come
from a conversation, so anything not in the expected shape or range is left out rather than
guessed at: only what can be described is described. Every label is a ``describe_*`` text in
``data/common.yaml``; amounts are whole euros in Dutch notation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .household import HOUSING_VALUES
from .loader import load_rules
from .model import CommonTexts
from .money import format_whole_euro
from .result import OUTCOMES

Topic = Literal["household", "situation", "benefit"]
MAX_AMOUNT = 1_000_000  # euro; a larger amount in a conversation is not described
_NAME = re.compile(r"[a-z ]{2,40}")


@dataclass(frozen=True, slots=True)
class Described:
    """One fact or outcome: ``topic`` says what it is about (``household`` facts of the rules,
    ``situation`` facts said in passing, a ``benefit``), ``key`` names the fact or the scheme,
    ``label`` is the Dutch line and ``value`` the plain value behind it."""

    topic: Topic
    key: str
    label: str
    value: Any


def describe(
    household: Any = None,
    situation: Any = None,
    results: Any = None,
    rules_dir: Path | None = None,
) -> tuple[Described, ...]:
    """The household's facts, then the facts said in passing, then each scheme's outcome."""
    common = load_rules(rules_dir).common
    return (
        *_household(household, common),
        *_situation(situation, household, common),
        *_results(results, common),
    )


def _number(value: Any, low: float, high: float) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return round(value) if low <= value <= high else None


def _children(children: Any, common: CommonTexts) -> Described | None:
    if not isinstance(children, list):
        return None
    ages = [
        age
        for child in children
        if isinstance(child, dict) and (age := _number(child.get("age"), 0, 30)) is not None
    ]
    if len(ages) != len(children):
        return None
    if not ages:
        return Described("household", "children", common.get("describe_children_none"), [])
    label = common.get(
        "describe_children", count=str(len(ages)), ages=", ".join(str(a) for a in sorted(ages))
    )
    return Described("household", "children", label, [{"age": a} for a in ages])


def _yes_no(fact: str, value: Any, common: CommonTexts) -> list[Described]:
    if not isinstance(value, bool):
        return []
    label = common.get(f"describe_{fact}_{'yes' if value else 'no'}")
    return [Described("household", fact, label, value)]


def _household(household: Any, common: CommonTexts) -> list[Described]:
    if not isinstance(household, dict):
        return []
    items: list[Described] = []
    if (age := _number(household.get("age"), 0, 120)) is not None:
        items.append(Described("household", "age", common.get("describe_age", age=str(age)), age))
    items += _yes_no("has_partner", household.get("has_partner"), common)
    if (children := _children(household.get("children"), common)) is not None:
        items.append(children)
    items += _amount(household, "net_monthly_income", MAX_AMOUNT, common)
    housing = household.get("housing")
    if housing in HOUSING_VALUES:
        label = common.get(f"describe_housing_{housing}")
        items.append(Described("household", "housing", label, housing))
    items += _amount(household, "rent", MAX_AMOUNT, common)
    items += _amount(household, "annual_income", MAX_AMOUNT, common)
    items += _amount(household, "assets", 100 * MAX_AMOUNT, common)
    items += _yes_no("receives_bijstand", household.get("receives_bijstand"), common)
    return items


def _amount(
    household: dict[str, Any], fact: str, most: int, common: CommonTexts
) -> list[Described]:
    amount = _number(household.get(fact), 0, most)
    if amount is None:
        return []
    label = common.get(f"describe_{fact}", amount=format_whole_euro(amount))
    return [Described("household", fact, label, amount)]


def _situation(situation: Any, household: Any, common: CommonTexts) -> list[Described]:
    """The number of children (when their ages are not known), arrears and their months, a
    bailiff, benefits already received."""
    if not isinstance(situation, dict):
        return []
    items: list[Described] = []
    known_children = isinstance(household, dict) and isinstance(household.get("children"), list)
    count = _number(situation.get("child_count"), 1, 20)
    if count is not None and not known_children:
        label = common.get("describe_child_count", count=str(count))
        items.append(Described("situation", "child_count", label, count))
    months = _number(situation.get("arrears_months"), 1, 120)
    if months is not None:
        label = common.get("describe_arrears_months", months=str(months))
        items.append(Described("situation", "arrears_months", label, months))
    elif situation.get("arrears") is True:
        items.append(Described("situation", "arrears", common.get("describe_arrears"), True))
    if situation.get("bailiff") is True:
        items.append(Described("situation", "bailiff", common.get("describe_bailiff"), True))
    received = situation.get("benefits_received")
    if isinstance(received, list):
        names = [r for r in received if isinstance(r, str) and _NAME.fullmatch(r)]
        if names:
            label = common.get("describe_benefits_received", names=", ".join(names))
            items.append(Described("situation", "benefits_received", label, names))
    return items


def _title(scheme: str, result: Mapping[str, Any]) -> str:
    title = result.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return scheme.replace("_", " ").capitalize()


def _results(results: Any, common: CommonTexts) -> list[Described]:
    if not isinstance(results, dict):
        return []
    items: list[Described] = []
    for scheme, result in results.items():
        if not isinstance(scheme, str) or not isinstance(result, dict):
            continue
        outcome = result.get("outcome")
        if outcome not in OUTCOMES:
            continue
        title = _title(scheme, result)
        said = common.get(f"describe_outcome_{outcome}")
        value: dict[str, Any] = {"outcome": outcome}
        label = common.get("describe_benefit", scheme=title, outcome=said)
        for field, period in (("amount_per_month", "month"), ("amount_per_year", "year")):
            amount = _number(result.get(field), 0, MAX_AMOUNT)
            if amount is not None:
                value[field] = amount
                label = common.get(
                    "describe_benefit_amount",
                    scheme=title,
                    outcome=said,
                    amount=format_whole_euro(amount),
                    period=common.get(f"period_{period}"),
                )
                break
        items.append(Described("benefit", scheme, label, value))
    return items
