"""Bijzondere bijstand (Participatiewet art. 35, municipal beleidsregels).

For necessary costs from special circumstances. Below a percentage of the bijstandsnorm (without
kostendelersnorm where the municipality says so) there is no own contribution from income; above
it a share of the difference counts as draagkracht over a number of months. Assets above the
Participatiewet limit also count. The amount depends on the costs, so none is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..builder import ResultBuilder
from ..household import Household
from ..model import ModeParam, Param, spec
from ..money import apply_ppm
from .base import Calculator, Context, euro, min_age_check
from .minima import asset_check, income_check, income_surplus, norm_for


@dataclass(frozen=True, slots=True)
class BijzondereBijstandParams:
    min_age: Param = field(metadata=spec("years"))
    income_pct: Param = field(metadata=spec("percent"))
    draagkracht_pct: Param = field(metadata=spec("percent"))
    draagkracht_months: Param = field(metadata=spec("months"))
    kostendelersnorm: ModeParam = field(metadata=spec("mode"))


def evaluate(hh: Household, p: BijzondereBijstandParams, ctx: Context, b: ResultBuilder) -> None:
    min_age_check(b, hh, p.min_age)
    found = norm_for(hh, ctx, b, p.kostendelersnorm)
    if found is None:
        return
    n, norm = found
    values = {"draagkracht": "?"}
    surplus = income_surplus(hh, norm, p.income_pct.required)
    if surplus is not None:
        monthly = apply_ppm(surplus, p.draagkracht_pct.required)
        values["draagkracht"] = euro(monthly * p.draagkracht_months.required)
    income_check(
        b,
        hh,
        norm,
        (p.income_pct,),
        decisive=False,
        values=values,
        extra_params=(p.draagkracht_pct, p.draagkracht_months),
    )
    asset_check(b, hh, n, decisive=False)


CALCULATOR = Calculator(
    name="bijzondere_bijstand",
    params_cls=BijzondereBijstandParams,
    evaluate=evaluate,
    reasons={
        "age": ("min_age",),
        "income": ("limit", "percent", "draagkracht"),
        "bijstand": (),
        "assets": ("limit",),
    },
    notes=("no_norms",),
    uses_norms=True,
)
