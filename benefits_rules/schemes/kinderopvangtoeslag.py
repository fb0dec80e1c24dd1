"""Kinderopvangtoeslag (Wet kinderopvang).

Conditions checked: a child of primary-school age (up to the maximum age), paid childcare, and the
parent (and toeslagpartner) work, study or follow a trajectory. The amount needs the full
percentage table of the Besluit kinderopvangtoeslag of the year; until that table is in the rule
data the result gives the outcome only and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..builder import ResultBuilder
from ..facts import is_true
from ..household import Household
from ..model import Param, spec
from .base import Calculator, Context


@dataclass(frozen=True, slots=True)
class KinderopvangtoeslagParams:
    max_child_age: Param = field(metadata=spec("years"))
    max_hourly_rate_dagopvang: Param | None = field(
        default=None, metadata=spec("eurocent", optional=True)
    )
    max_hourly_rate_bso: Param | None = field(
        default=None, metadata=spec("eurocent", optional=True)
    )
    max_hourly_rate_gastouder: Param | None = field(
        default=None, metadata=spec("eurocent", optional=True)
    )
    max_hours_per_month: Param | None = field(default=None, metadata=spec("count", optional=True))
    full_percentage: Param | None = field(default=None, metadata=spec("percent", optional=True))
    full_percentage_income_limit: Param | None = field(
        default=None, metadata=spec("eurocent_per_year", optional=True)
    )
    minimum_percentage_first_child: Param | None = field(
        default=None, metadata=spec("percent", optional=True)
    )


def evaluate(hh: Household, p: KinderopvangtoeslagParams, ctx: Context, b: ResultBuilder) -> None:
    children = hh.children if isinstance(hh.children, tuple) else None
    young = (
        None
        if children is None
        else any(child.age <= p.max_child_age.required for child in children)
    )
    if (
        b.check(
            "young_child",
            young,
            ("children",),
            (p.max_child_age,),
            {"max_age": str(p.max_child_age.value)},
        )
        is not True
    ):
        return  # ask about childcare only once there is a child of that age
    b.check(
        "paid_childcare",
        is_true(_sub(hh, "childcare.uses_paid_childcare")),
        ("childcare.uses_paid_childcare",),
    )
    b.check(
        "work_or_study",
        is_true(_sub(hh, "childcare.parents_work_or_study")),
        ("childcare.parents_work_or_study",),
    )
    b.note("amount_not_available")


def _sub(hh: Household, name: str) -> bool | None:
    value = hh.fact(name)
    return value if isinstance(value, bool) else None


CALCULATOR = Calculator(
    name="kinderopvangtoeslag",
    params_cls=KinderopvangtoeslagParams,
    evaluate=evaluate,
    reasons={"young_child": ("max_age",), "paid_childcare": (), "work_or_study": ()},
    notes=("amount_not_available",),
)
