"""Zorgtoeslag (Wet op de zorgtoeslag).

Since 2006: zorgtoeslag per year = standaardpremie (twice with a toeslagpartner) minus the
normpremie; normpremie = p1 x drempelinkomen + p2 x (toetsingsinkomen - drempelinkomen, if
positive) (art. 2), rounded to whole euros. Conditions: 18 or older, insured under the
Zorgverzekeringswet, income not above the published income limit, assets not above the asset limit;
no payment under the Awir minimum. Paid per month, rounded down to whole euros.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..builder import ResultBuilder
from ..facts import bool_options, is_true
from ..household import Household
from ..model import ModeParam, Param, spec
from ..money import PPM
from .base import (
    Calculator,
    Context,
    interval_bounds,
    min_age_check,
    partner_limit_check,
    toeslag_amount,
    toeslag_asset_check,
)


@dataclass(frozen=True, slots=True)
class ZorgtoeslagParams:
    min_age: Param = field(metadata=spec("years"))
    income_limit_single: Param = field(metadata=spec("eurocent_per_year"))
    income_limit_partner: Param = field(metadata=spec("eurocent_per_year"))
    asset_limit_single: Param = field(metadata=spec("eurocent"))
    asset_limit_partner: Param = field(metadata=spec("eurocent"))
    standaardpremie: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    drempelinkomen: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    normpremie_pct_drempel_single: Param = field(metadata=spec("percent", nullable=True))
    normpremie_pct_drempel_partner: Param = field(metadata=spec("percent", nullable=True))
    normpremie_pct_above_drempel: Param = field(metadata=spec("percent", nullable=True))
    minimum_payment: Param = field(metadata=spec("eurocent_per_year"))
    rounding: ModeParam = field(metadata=spec("mode"))
    normpremie_rounding: ModeParam = field(metadata=spec("mode"))


def yearly_cents(p: ZorgtoeslagParams, income: int, partner: bool) -> int | None:
    """Zorgtoeslag per year in eurocent for one toetsingsinkomen, before the Awir minimum."""
    premie = p.standaardpremie.value
    drempel = p.drempelinkomen.value
    pct_drempel = (
        p.normpremie_pct_drempel_partner if partner else p.normpremie_pct_drempel_single
    ).value
    pct_above = p.normpremie_pct_above_drempel.value
    if premie is None or drempel is None or pct_drempel is None or pct_above is None:
        return None
    # exact in eurocent x PPM, then rounded once, as Dienst Toeslagen does for the normpremie
    exact = drempel * pct_drempel + max(0, income - drempel) * pct_above
    if p.normpremie_rounding.value == "half_up_euro":
        normpremie = (exact + 50 * PPM) // (100 * PPM) * 100
    else:
        normpremie = exact // PPM
    return max(0, premie * (2 if partner else 1) - normpremie)


def _amount_params(p: ZorgtoeslagParams) -> tuple[Param | ModeParam, ...]:
    return (
        p.standaardpremie,
        p.drempelinkomen,
        p.normpremie_pct_drempel_single,
        p.normpremie_pct_drempel_partner,
        p.normpremie_pct_above_drempel,
        p.minimum_payment,
        p.rounding,
        p.normpremie_rounding,
    )


def evaluate(hh: Household, p: ZorgtoeslagParams, ctx: Context, b: ResultBuilder) -> None:
    min_age_check(b, hh, p.min_age)
    b.check("health_insured", is_true(hh.health_insured), ("health_insured",))
    income_met = partner_limit_check(
        b,
        "income",
        "annual_income",
        hh.annual_income,
        hh.has_partner,
        p.income_limit_single,
        p.income_limit_partner,
    )
    toeslag_asset_check(b, hh, p.asset_limit_single, p.asset_limit_partner)
    if income_met is False:
        return
    income = interval_bounds(hh.annual_income)
    amount_facts = (
        ("annual_income",) if isinstance(hh.has_partner, bool) else ("annual_income", "has_partner")
    )
    if income is None:
        b.undetermined(amount_facts)
        return
    options = bool_options(hh.has_partner)
    values = [yearly_cents(p, level, option) for option in options for level in income]
    toeslag_amount(
        b,
        values,
        "year",
        p.minimum_payment,
        p.rounding,
        _amount_params(p),
        amount_facts,
        # at the top of the income band there may be no zorgtoeslag at all
        nil_possible=income_met is not True,
    )


CALCULATOR = Calculator(
    name="zorgtoeslag",
    params_cls=ZorgtoeslagParams,
    evaluate=evaluate,
    reasons={
        "age": ("min_age",),
        "health_insured": (),
        "income": ("limit",),
        "assets": ("limit",),
        "amount": ("minimum",),
    },
    amount_period="month",
)
