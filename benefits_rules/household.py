"""The household: typed, immutable facts about the resident (see :mod:`.parse` for input).

Facts are in whole units: money in eurocent, ages in years, durations in months. A fact is
``None`` (not asked yet), ``UNKNOWN`` (the resident does not know) or a value; numbers are
:class:`~benefits_rules.facts.Interval` so that exact answers and bands share one code path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from .facts import BoolFact, Interval, NumFact, StrFact, _Unknown

FactState = Literal["missing", "unknown", "range", "known"]
HOUSING_VALUES = ("rent", "owner", "other")
CHILDCARE_KINDS = ("dagopvang", "bso", "gastouder")


@dataclass(frozen=True, slots=True)
class Child:
    age: int


@dataclass(frozen=True, slots=True)
class ChildcareChild:
    hours_per_month: int | None
    hourly_price_cents: int | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class Childcare:
    uses_paid_childcare: BoolFact
    parents_work_or_study: BoolFact
    children: tuple[ChildcareChild, ...]


ChildrenFact = tuple[Child, ...] | _Unknown | None
ChildcareFact = Childcare | _Unknown | None


@dataclass(frozen=True, slots=True)
class Household:
    """Facts in whole units: money in eurocent, ages in years, durations in months."""

    reference_date: date
    municipality: StrFact = None
    age: NumFact = None
    has_partner: BoolFact = None
    partner_age: NumFact = None
    children: ChildrenFact = None
    annual_income: NumFact = None
    net_monthly_income: NumFact = None
    assets: NumFact = None
    housing: StrFact = None
    rent: NumFact = None
    health_insured: BoolFact = None
    co_residents_21_plus: NumFact = None
    receives_bijstand: BoolFact = None
    months_on_low_income: NumFact = None
    childcare: ChildcareFact = None
    unknown_facts: frozenset[str] = frozenset()
    # False when no reference date was given and today is used; the output then says so
    reference_date_given: bool = True

    def fact(self, name: str) -> object:
        """Value of a fact by household key; ``childcare.x`` reaches into the childcare object."""
        if name.startswith("childcare."):
            care = self.childcare
            if care is None or isinstance(care, _Unknown):
                return care
            return getattr(care, name.partition(".")[2])
        return getattr(self, name)

    def state(self, name: str) -> FactState:
        if name in self.unknown_facts:
            return "unknown"
        value = self.fact(name)
        if value is None:
            return "missing"
        if isinstance(value, _Unknown):
            return "unknown"
        if isinstance(value, Interval) and not value.exact:
            return "range"
        return "known"


FACT_NAMES = (
    "reference_date",
    "municipality",
    "age",
    "has_partner",
    "partner_age",
    "children",
    "annual_income",
    "net_monthly_income",
    "assets",
    "housing",
    "rent",
    "health_insured",
    "co_residents_21_plus",
    "receives_bijstand",
    "months_on_low_income",
    "childcare",
    "unknown_facts",
)
# Facts the chat can ask; ``childcare`` is asked through its two yes/no parts.
ASKABLE_FACTS = frozenset(
    name for name in FACT_NAMES if name not in ("reference_date", "childcare", "unknown_facts")
) | {"childcare.uses_paid_childcare", "childcare.parents_work_or_study"}
