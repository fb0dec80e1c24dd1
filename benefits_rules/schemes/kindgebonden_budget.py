"""Kindgebonden budget (Wet op het kindgebonden budget).

Per year: an amount per child under 18 for whom kinderbijslag is received, an alleenstaande-
ouderkop without a toeslagpartner, and a supplement per child aged 12-15 and 16-17; reduced by a
percentage of the toetsingsinkomen above a threshold (lower for singles). Assets must not exceed
the limit. Paid per month, rounded down to whole euros; no payment under the Awir minimum.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..builder import ResultBuilder
from ..facts import bool_options
from ..household import Child, Household
from ..model import ModeParam, Param, spec
from ..money import apply_ppm
from .base import (
    Calculator,
    Context,
    interval_bounds,
    min_age_check,
    toeslag_amount,
    toeslag_asset_check,
)


@dataclass(frozen=True, slots=True)
class KindgebondenBudgetParams:
    min_age: Param = field(metadata=spec("years"))
    amount_per_child: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    alleenstaande_ouderkop: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    supplement_age_1: Param = field(metadata=spec("years"))
    supplement_1: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    supplement_age_2: Param = field(metadata=spec("years"))
    supplement_2: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    threshold_single: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    threshold_partner: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    taper_pct: Param = field(metadata=spec("percent", nullable=True))
    asset_limit_single: Param = field(metadata=spec("eurocent"))
    asset_limit_partner: Param = field(metadata=spec("eurocent"))
    minimum_payment: Param = field(metadata=spec("eurocent_per_year"))
    rounding: ModeParam = field(metadata=spec("mode"))


def yearly_cents(
    p: KindgebondenBudgetParams, income: int, partner: bool, children: tuple[Child, ...]
) -> int | None:
    """Kindgebonden budget per year in eurocent, before the Awir minimum."""
    per_child = p.amount_per_child.value
    kop = p.alleenstaande_ouderkop.value
    sup_1, sup_2 = p.supplement_1.value, p.supplement_2.value
    threshold = (p.threshold_partner if partner else p.threshold_single).value
    taper = p.taper_pct.value
    if (
        per_child is None
        or kop is None
        or sup_1 is None
        or sup_2 is None
        or threshold is None
        or taper is None
    ):
        return None
    total = per_child * len(children) + (0 if partner else kop)
    for child in children:
        if child.age >= p.supplement_age_2.required:
            total += sup_2
        elif child.age >= p.supplement_age_1.required:
            total += sup_1
    return max(0, total - apply_ppm(max(0, income - threshold), taper))


def _amount_params(p: KindgebondenBudgetParams) -> tuple[Param | ModeParam, ...]:
    return (
        p.amount_per_child,
        p.alleenstaande_ouderkop,
        p.supplement_1,
        p.supplement_2,
        p.threshold_single,
        p.threshold_partner,
        p.taper_pct,
        p.minimum_payment,
        p.rounding,
    )


def evaluate(hh: Household, p: KindgebondenBudgetParams, ctx: Context, b: ResultBuilder) -> None:
    min_age_check(b, hh, p.min_age)
    children = hh.children if isinstance(hh.children, tuple) else None
    b.check("children", None if children is None else bool(children), ("children",))
    toeslag_asset_check(b, hh, p.asset_limit_single, p.asset_limit_partner)
    income = interval_bounds(hh.annual_income)
    facts = ("annual_income", "children", "has_partner")
    if children is None or income is None:
        b.undetermined(facts)
        return
    if not children:
        return
    values = [
        yearly_cents(p, level, partner, children)
        for partner in bool_options(hh.has_partner)
        for level in income
    ]
    toeslag_amount(b, values, "year", p.minimum_payment, p.rounding, _amount_params(p), facts)


CALCULATOR = Calculator(
    name="kindgebonden_budget",
    params_cls=KindgebondenBudgetParams,
    evaluate=evaluate,
    reasons={"age": ("min_age",), "children": (), "assets": ("limit",), "amount": ("minimum",)},
    amount_period="month",
)
