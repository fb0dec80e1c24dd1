"""Bijzondere bijstand (Participatiewet art. 35, municipal beleidsregels).

For necessary costs from special circumstances. Below a percentage of the bijstandsnorm (without
kostendelersnorm where the municipality says so) there is no own contribution from income; above
it a share of the difference counts as draagkracht over a number of months. Assets above the
Participatiewet limit also count. The amount depends on the costs, so none is computed; when the
own contribution alone is more than a year of the norm (a bound in the rule data), the household
is not eligible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..builder import ResultBuilder
from ..facts import Interval
from ..household import Household
from ..model import ModeParam, Param, spec
from ..money import apply_ppm
from .base import Calculator, Context, euro, min_age_check
from .minima import asset_check, income_check, income_surplus, norm_for
from .norms import NormParams, NormRange, family_limit


@dataclass(frozen=True, slots=True)
class BijzondereBijstandParams:
    min_age: Param = field(metadata=spec("years"))
    income_pct: Param = field(metadata=spec("percent"))
    draagkracht_pct: Param = field(metadata=spec("percent"))
    draagkracht_months: Param = field(metadata=spec("months"))
    kostendelersnorm: ModeParam = field(metadata=spec("mode"))
    own_contribution_bound_pct: Param = field(metadata=spec("percent"))


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
    _far_above_check(hh, p, n, norm, surplus, b)


def _far_above_check(
    hh: Household,
    p: BijzondereBijstandParams,
    n: NormParams,
    norm: NormRange,
    surplus: int | None,
    b: ResultBuilder,
) -> None:
    """Not eligible when the own contribution alone is more than the bound: a share
    (``own_contribution_bound_pct``) of a whole year of the highest norm that may apply.

    The costs are never asked, so income or assets above the limits only lower the outcome to
    "possibly" - unless even the lowest own contribution (income above the limit over the
    draagkrachtperiode, plus all assets above the asset limit) is that large: then no cost the
    scheme covers could change the outcome. ``surplus``: the income above the limit (see
    ``income_surplus``).
    """
    if norm.hi is None:
        return
    from_income = 0
    if surplus is not None:
        from_income = apply_ppm(surplus, p.draagkracht_pct.required)
        from_income *= p.draagkracht_months.required
    limits = family_limit(hh, n)
    from_assets = 0
    if isinstance(hh.assets, Interval) and all(limit.value is not None for limit in limits):
        from_assets = max(0, hh.assets.lo - max(limit.required for limit in limits))
    own = from_income + from_assets
    bound = apply_ppm(norm.hi * 12, p.own_contribution_bound_pct.required)
    if own > bound:
        b.check(
            "own_contribution",
            False,
            ("net_monthly_income", "assets"),
            (p.own_contribution_bound_pct, p.draagkracht_pct, p.draagkracht_months, *limits),
            {"draagkracht": euro(own), "limit": euro(bound)},
        )


CALCULATOR = Calculator(
    name="bijzondere_bijstand",
    params_cls=BijzondereBijstandParams,
    evaluate=evaluate,
    reasons={
        "age": ("min_age",),
        "income": ("limit", "percent", "draagkracht"),
        "bijstand": (),
        "assets": ("limit",),
        "own_contribution": ("draagkracht", "limit"),
    },
    notes=("no_norms",),
    uses_norms=True,
)
