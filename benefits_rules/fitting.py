"""Fit a typed answer to the question that was asked: its unit, its period, and common sense.

"720 euro per maand" at the rent question is 720; "6000 per jaar" at a monthly question is
confirmed first ("Bedoelt u 6.000 euro per jaar? Dat is 500 euro per maand."); a net monthly
income at the gross yearly question is kept as what it is, and the question is asked again,
because net cannot be turned into gross without the tax rules. A value far outside what is
plausible for the question (a rent of 6,000, an age of 300) is never used unconfirmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .money import format_whole_euro
from .reading import (
    Money,
    child_count,
    parse_age,
    parse_children,
    parse_count,
    parse_duration,
    parse_housing,
    parse_partner,
    parse_yes_no,
    read_money,
)

# Beyond these a typed value is asked back before it is used (not legal limits: sense checks).
MONTHLY_CEILING = {"rent": 2500.0, "net_monthly_income": 8000.0}
YEARLY_FLOOR = 3000.0  # a yearly income below this is most likely a monthly one
AGE_CONFIRM_ABOVE = 100
AGE_RANGE = (12, 120)
MAX_COUNT = 15
MAX_BARE_DURATION = 60  # "zeg 300" at "how long" is not a duration


@dataclass(frozen=True, slots=True)
class Confirm:
    """A question back before the value is used. ``key`` names the text; ``yes`` is the value
    when the resident confirms, ``no`` the value otherwise (None: ask the question again)."""

    key: str
    values: dict[str, str]
    yes: Any
    no: Any

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "values": self.values, "yes": self.yes, "no": self.no}


@dataclass(frozen=True, slots=True)
class Fit:
    """The answer read for the asked fact: ``value`` (None when not usable as it is), a
    ``confirm`` question, a ``problem`` (names a specific reprompt) and facts ``kept`` for
    other questions."""

    value: Any = None
    confirm: Confirm | None = None
    problem: str | None = None
    kept: dict[str, Any] = field(default_factory=dict)


def _euro(amount: float) -> str:
    return format_whole_euro(round(amount))


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def _month_fit(fact: str, said: Money) -> Fit:
    amount = said.euro
    if fact == "net_monthly_income" and said.basis == "gross":
        kept = {"annual_income": _whole(amount)} if said.period == "year" else {}
        return Fit(problem="need_net", kept=kept)
    if said.period == "week":
        return Fit(value=round(amount * 52 / 12))
    if said.period == "four_weeks":
        return Fit(value=round(amount * 13 / 12))
    monthly = round(amount / 12)
    ask_year = Confirm(
        "check_confirm_year_for_month",
        {"amount": _euro(amount), "converted": _euro(amount / 12)},
        yes=monthly,
        no=_whole(amount) if said.period != "year" else None,
    )
    if said.period == "year" or amount > MONTHLY_CEILING.get(fact, float("inf")):
        return Fit(confirm=ask_year)
    return Fit(value=_whole(amount))


def _year_fit(said: Money) -> Fit:
    amount = said.euro
    if said.basis == "net" and (said.period == "month" or (said.period is None and amount < 10000)):
        return Fit(problem="need_gross_year", kept={"net_monthly_income": _whole(amount)})
    if said.period == "week":
        return Fit(value=round(amount * 52))
    if said.period == "four_weeks":
        return Fit(value=round(amount * 13))
    if said.period == "month" or (said.period is None and 0 < amount < YEARLY_FLOOR):
        return Fit(
            confirm=Confirm(
                "check_confirm_month_for_year",
                {"amount": _euro(amount), "converted": _euro(amount * 12)},
                yes=round(amount * 12),
                no=_whole(amount) if said.period is None else None,
            )
        )
    return Fit(value=_whole(amount))


def _money_fit(fact: str, kind: str, text: str) -> Fit:
    said = read_money(text)
    if said is None:
        return Fit()
    if said.high is not None:
        return Fit(value={"min": _whole(said.euro), "max": _whole(said.high)})
    if kind == "money_year":
        return _year_fit(said)
    if kind == "money_month":
        return _month_fit(fact, said)
    return Fit(value=_whole(said.euro))


def _age_fit(text: str) -> Fit:
    age = parse_age(text)
    if age is None:
        return Fit()
    if not AGE_RANGE[0] <= age <= AGE_RANGE[1]:
        return Fit(problem="age_impossible")
    if age > AGE_CONFIRM_ABOVE:
        return Fit(confirm=Confirm("check_confirm_age", {"age": str(age)}, yes=age, no=None))
    return Fit(value=age)


def _months_fit(text: str) -> Fit:
    duration = parse_duration(text)
    if duration is None:
        return Fit()
    number, unit = duration
    if unit is not None or number == 0:
        return Fit(value=number)
    if number > MAX_BARE_DURATION:
        return Fit()
    return Fit(
        confirm=Confirm(
            "check_confirm_years_or_months", {"number": str(number)}, yes=number * 12, no=number
        )
    )


def fit_answer(fact: str, kind: str, text: str) -> Fit:
    """Read ``text`` as the answer to the question for ``fact`` (of ``answer_kind`` ``kind``)."""
    if kind in ("money", "money_month", "money_year"):
        return _money_fit(fact, kind, text)
    if kind == "age":
        return _age_fit(text)
    if kind == "months":
        return _months_fit(text)
    if kind == "number":
        count = parse_count(text)
        return Fit(value=count) if count is not None and count <= MAX_COUNT else Fit()
    if kind == "children":
        children = parse_children(text)
        # "2 kinderen", or a plain "ja": there are children; their ages are what is needed
        if children is None and (child_count(text) or parse_yes_no(text) is True):
            return Fit(problem="children_ages")
        return Fit(value=children)
    if fact == "has_partner":
        return Fit(value=parse_partner(text))
    if fact == "housing":
        return Fit(value=parse_housing(text) or {"anders": "other"}.get(text.strip().lower()))
    if fact == "municipality":
        return Fit(value=municipality_named(text))
    if kind == "yes_no":
        return Fit(value=parse_yes_no(text))
    return Fit()


def municipality_named(text: str) -> str | None:
    """The key of the served municipality the answer names ("in Heerlen"); only municipalities
    the installation serves (deployment.yaml) count."""
    from .loader import load_rules  # local import: the loader needs the reading modules' types

    said = text.lower()
    book = load_rules()
    for key in book.served:
        place = book.municipalities[key].place.lower()
        if re.search(rf"\b({re.escape(key)}|{re.escape(place)})\b", said):
            return key
    return None


def plausible_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Facts said in passing, without those outside the plausible range for their question:
    those are asked (and confirmed) when their question comes."""
    kept: dict[str, Any] = {}
    for fact, value in facts.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if fact in MONTHLY_CEILING and value > MONTHLY_CEILING[fact]:
                continue
            if fact == "annual_income" and 0 < value < YEARLY_FLOOR:
                continue
            if fact == "age" and not AGE_RANGE[0] <= value <= AGE_CONFIRM_ABOVE:
                continue
        kept[fact] = value
    return kept
