"""Referral schemes that decide for themselves (Heerlen: Stichting Leergeld Parkstad).

The only condition we check is a child in the age range; the organisation looks at income and
situation itself, so the outcome is at most "possibly eligible".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..builder import ResultBuilder
from ..household import Household
from ..model import Param, spec
from .base import Calculator, Context


@dataclass(frozen=True, slots=True)
class ReferralParams:
    child_min_age: Param = field(metadata=spec("years"))
    child_max_age: Param = field(metadata=spec("years"))


def evaluate(hh: Household, p: ReferralParams, ctx: Context, b: ResultBuilder) -> None:
    low, high = p.child_min_age.required, p.child_max_age.required
    kids = hh.children
    met = None if not isinstance(kids, tuple) else any(low <= c.age <= high for c in kids)
    if (
        b.check(
            "child_age",
            met,
            ("children",),
            (p.child_min_age, p.child_max_age),
            {"min_age": str(low), "max_age": str(high)},
        )
        is not False
    ):
        b.cap("referral")


CALCULATOR = Calculator(
    name="referral",
    params_cls=ReferralParams,
    evaluate=evaluate,
    reasons={"child_age": ("min_age", "max_age")},
    notes=("referral",),
)
