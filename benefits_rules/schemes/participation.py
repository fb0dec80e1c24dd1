"""Participation allowance for adults on a low income (Heerlen: Fit & Fun regeling).

A fixed amount per adult per year for social, sports or cultural activities. Conditions: the
minimum age, and bijstand or an income at most a percentage of the bijstandsnorm.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..builder import ResultBuilder
from ..facts import bool_options
from ..household import Household
from ..model import ModeParam, Param, spec
from ..result import Amount
from .base import Calculator, Context, min_age_check, to_euros
from .minima import income_check, norm_for


@dataclass(frozen=True, slots=True)
class ParticipationParams:
    min_age: Param = field(metadata=spec("years"))
    income_pct: Param = field(metadata=spec("percent"))
    kostendelersnorm: ModeParam = field(metadata=spec("mode"))
    amount_per_adult: Param = field(metadata=spec("eurocent_per_year"))
    rounding: ModeParam = field(metadata=spec("mode"))


def evaluate(hh: Household, p: ParticipationParams, ctx: Context, b: ResultBuilder) -> None:
    min_age_check(b, hh, p.min_age)
    found = norm_for(hh, ctx, b, p.kostendelersnorm)
    if found is not None:
        income_check(b, hh, found[1], (p.income_pct,))
    if hh.has_partner is None:
        b.undetermined(("has_partner",))
    adults = [1 + int(partner) for partner in bool_options(hh.has_partner)]
    per_adult = p.amount_per_adult.required
    b.set_amount(
        Amount(
            "year",
            to_euros(per_adult * min(adults), p.rounding),
            to_euros(per_adult * max(adults), p.rounding),
        ),
        (p.amount_per_adult, p.rounding),
        ("has_partner",),
    )


CALCULATOR = Calculator(
    name="participation_allowance",
    params_cls=ParticipationParams,
    evaluate=evaluate,
    reasons={"age": ("min_age",), "income": ("limit", "percent"), "bijstand": ()},
    notes=("no_norms",),
    amount_period="year",
    uses_norms=True,
)
