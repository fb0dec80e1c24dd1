"""Kwijtschelding of municipal taxes (Regeling kwijtschelding belastingen medeoverheden).

The betalingscapaciteit is a share of the income above the "kosten van bestaan", which the
council sets between 90 % and 100 % of the bijstandsnorm. No capacity means full kwijtschelding;
some capacity may still mean partial kwijtschelding, depending on the tax bill (not asked).
Assets above a small allowance exclude kwijtschelding.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..builder import ResultBuilder
from ..facts import at_most_between
from ..household import Household
from ..model import ModeParam, Param, spec
from ..money import apply_ppm
from .base import Calculator, Context, euro
from .minima import income_check, income_surplus, norm_for
from .norms import NormRange


@dataclass(frozen=True, slots=True)
class KwijtscheldingParams:
    costs_of_living_pct: Param = field(metadata=spec("percent", nullable=True))
    costs_of_living_pct_min: Param = field(metadata=spec("percent"))
    costs_of_living_pct_max: Param = field(metadata=spec("percent"))
    capacity_share_pct: Param = field(metadata=spec("percent"))
    kostendelersnorm: ModeParam = field(metadata=spec("mode"))
    asset_allowance_couple: Param = field(metadata=spec("eurocent"))
    asset_allowance_single_pct: Param = field(metadata=spec("percent"))
    asset_allowance_single_parent_pct: Param = field(metadata=spec("percent"))
    capacity_bound_pct: Param = field(metadata=spec("percent"))


def evaluate(hh: Household, p: KwijtscheldingParams, ctx: Context, b: ResultBuilder) -> None:
    found = norm_for(hh, ctx, b, p.kostendelersnorm)
    if found is None:
        return
    norm = found[1]
    pct = (
        (p.costs_of_living_pct,)
        if p.costs_of_living_pct.value is not None
        else (p.costs_of_living_pct_min, p.costs_of_living_pct_max)
    )
    values = {"capacity": "?"}
    surplus = income_surplus(hh, norm, pct[-1].required)
    yearly = None
    if surplus is not None:
        yearly = apply_ppm(surplus, p.capacity_share_pct.required) * 12
        values["capacity"] = euro(yearly)
    income_check(
        b,
        hh,
        norm,
        pct,
        decisive=False,
        values=values,
        extra_params=(p.costs_of_living_pct, p.capacity_share_pct),
    )
    _asset_check(hh, p, norm, b)
    if yearly is not None and norm.hi is not None:
        # The tax bill is not asked; a betalingscapaciteit above the bound pays any bill of
        # municipal taxes, so no missing fact could change the outcome.
        bound = apply_ppm(norm.hi * 12, p.capacity_bound_pct.required)
        if yearly > bound:
            b.check(
                "capacity",
                False,
                ("net_monthly_income",),
                (p.capacity_bound_pct, p.capacity_share_pct, *pct, *norm.params),
                {"capacity": euro(yearly), "limit": euro(bound)},
            )


def _asset_check(hh: Household, p: KwijtscheldingParams, norm: NormRange, b: ResultBuilder) -> None:
    """Without the municipality's choices we only know the most it could allow: one month of
    kosten van bestaan plus the largest optional allowance for the household type."""
    couple = p.asset_allowance_couple.required
    single = apply_ppm(couple, p.asset_allowance_single_pct.required)
    parent = apply_ppm(couple, p.asset_allowance_single_parent_pct.required)
    allowance = max(couple, single, parent)
    if hh.has_partner is False and isinstance(hh.children, tuple):
        allowance = parent if hh.children else single
    month = apply_ppm(norm.hi, p.costs_of_living_pct_max.required) if norm.hi else None
    high = None if month is None else month + allowance
    met = at_most_between(hh.assets, 0, high)
    b.check(
        "assets",
        met,
        ("assets",),
        (p.asset_allowance_couple, p.costs_of_living_pct, *norm.params),
        {"limit": euro(high) if high is not None else "?"},
        note="asset_rules_unknown",
    )


CALCULATOR = Calculator(
    name="kwijtschelding",
    params_cls=KwijtscheldingParams,
    evaluate=evaluate,
    reasons={
        "income": ("limit", "percent", "capacity"),
        "bijstand": (),
        "assets": ("limit",),
        "capacity": ("capacity", "limit"),
    },
    notes=("no_norms", "asset_rules_unknown"),
    uses_norms=True,
)
