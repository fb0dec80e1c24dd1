"""Individuele inkomenstoeslag (Participatiewet art. 36, municipal verordening).

Conditions: age from the minimum age up to pension age; an income at most a percentage of the
bijstandsnorm for at least the required number of months; assets within the Participatiewet
limits. Paid once a year; the amount depends on the household type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..builder import ResultBuilder
from ..facts import Interval, _Unknown, at_least, bool_options
from ..household import Household
from ..model import ModeParam, Param, spec
from ..result import Amount
from .base import Calculator, Context, min_age_check, to_euros
from .minima import asset_check, income_check, norm_for
from .norms import pension_age_reached


@dataclass(frozen=True, slots=True)
class InkomenstoeslagParams:
    min_age: Param = field(metadata=spec("years"))
    income_pct: Param = field(metadata=spec("percent"))
    min_months_low_income: Param = field(metadata=spec("months"))
    kostendelersnorm: ModeParam = field(metadata=spec("mode"))
    amount_single: Param = field(metadata=spec("eurocent_per_year"))
    amount_single_parent: Param = field(metadata=spec("eurocent_per_year"))
    amount_couple: Param = field(metadata=spec("eurocent_per_year"))
    amount_kostendeler: Param = field(metadata=spec("eurocent_per_year"))
    rounding: ModeParam = field(metadata=spec("mode"))


def evaluate(hh: Household, p: InkomenstoeslagParams, ctx: Context, b: ResultBuilder) -> None:
    min_age_check(b, hh, p.min_age)
    found = norm_for(hh, ctx, b, p.kostendelersnorm)
    if found is not None:
        n, norm = found
        reached = pension_age_reached(hh.age, n.pension_age_months.required)
        b.check(
            "pension_age",
            None if reached is None else not reached,
            ("age",),
            (n.pension_age_months,),
            note="pension_age_unclear" if isinstance(hh.age, Interval) and hh.age.exact else None,
        )
        income_check(b, hh, norm, (p.income_pct,))
        asset_check(b, hh, n)
    b.check(
        "months_low_income",
        at_least(hh.months_on_low_income, p.min_months_low_income.required),
        ("months_on_low_income",),
        (p.min_months_low_income,),
        {
            "months": str(p.min_months_low_income.value),
            "years": str(p.min_months_low_income.required // 12),
        },
    )
    _amount(hh, p, ctx, b)


def _amount(hh: Household, p: InkomenstoeslagParams, ctx: Context, b: ResultBuilder) -> None:
    kids = hh.children
    co = hh.co_residents_21_plus
    if hh.has_partner is None or (hh.has_partner is False and kids is None):
        b.undetermined(("has_partner", "children"))
        return
    if co is None:
        b.undetermined(("co_residents_21_plus",))  # a kostendeler gets a lower amount
    options: set[int] = set()
    used: list[Param | ModeParam] = [p.rounding]
    min_sharer_age = ctx.norms.kostendeler_min_age.required if ctx.norms is not None else 21
    for partner in bool_options(hh.has_partner):
        if partner:
            options.add(p.amount_couple.required)
            used.append(p.amount_couple)
            continue
        with_kids = (len(kids) > 0,) if isinstance(kids, tuple) else (False, True)
        for has_kids in with_kids:
            base = p.amount_single_parent if has_kids else p.amount_single
            options.add(base.required)
            used.append(base)
            sharer_possible = (
                co is None or isinstance(co, _Unknown) or (isinstance(co, Interval) and co.hi != 0)
            )
            sharer_certain = isinstance(co, Interval) and co.lo > 0 and min_sharer_age <= 21
            if sharer_possible:
                options.add(p.amount_kostendeler.required)
                used.append(p.amount_kostendeler)
                if sharer_certain:
                    options.discard(base.required)
    b.set_amount(
        Amount("year", to_euros(min(options), p.rounding), to_euros(max(options), p.rounding)),
        used,
        ("has_partner", "children", "co_residents_21_plus"),
    )


CALCULATOR = Calculator(
    name="individuele_inkomenstoeslag",
    params_cls=InkomenstoeslagParams,
    evaluate=evaluate,
    reasons={
        "age": ("min_age",),
        "pension_age": (),
        "income": ("limit", "percent"),
        "bijstand": (),
        "assets": ("limit",),
        "months_low_income": ("months", "years"),
    },
    notes=("pension_age_unclear", "no_norms"),
    amount_period="year",
    uses_norms=True,
)
