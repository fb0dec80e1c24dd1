"""Huurtoeslag (Wet op de huurtoeslag), simplified rules in force since 1 January 2026.

Only the kale huur counts (no service costs) and the rent limit is no longer a condition: rent
above the maximale huurgrens is simply not subsidised (art. 13). The basishuur rises with income
above the inkomensijkpunt (27 % single / 22 % multi-person, per year, art. 21(2)). Of the rent
above the basishuur, 100 % is paid up to the kwaliteitskortingsgrens, 65 % up to the
aftoppingsgrens and 40 % up to the maximale huurgrens (art. 21; Besluit op de huurtoeslag art. 7).
The monthly amount is rounded down to whole euros. Income of co-residents also counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from ..builder import ResultBuilder
from ..facts import (
    Interval,
    _Unknown,
    at_least,
    at_most_between,
    bool_options,
    equals,
    tri_or,
)
from ..household import Household
from ..model import ModeParam, Param, spec
from ..money import PPM
from .base import Calculator, Context, euro, interval_bounds, min_age_check, toeslag_amount

_SCALE = 12 * PPM  # exact arithmetic: cents per month x 12 x PPM


@dataclass(frozen=True, slots=True)
class HuurtoeslagParams:
    min_age: Param = field(metadata=spec("years"))
    adult_age: Param = field(metadata=spec("years"))
    max_rent_adult: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    max_rent_young: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    kwaliteitskortingsgrens: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    aftoppingsgrens_small: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    aftoppingsgrens_large: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    large_household_size: Param = field(metadata=spec("count"))
    share_to_kwaliteitskortingsgrens: Param = field(metadata=spec("percent", nullable=True))
    share_to_aftoppingsgrens: Param = field(metadata=spec("percent", nullable=True))
    share_to_max_rent: Param = field(metadata=spec("percent", nullable=True))
    basishuur_single: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    basishuur_multi: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    income_reduction_pct_single: Param = field(metadata=spec("percent", nullable=True))
    income_reduction_pct_multi: Param = field(metadata=spec("percent", nullable=True))
    inkomensijkpunt_single: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    inkomensijkpunt_multi: Param = field(metadata=spec("eurocent_per_year", nullable=True))
    asset_limit_single: Param = field(metadata=spec("eurocent", nullable=True))
    asset_limit_partner: Param = field(metadata=spec("eurocent", nullable=True))
    asset_limit_per_co_resident: Param = field(metadata=spec("eurocent", nullable=True))
    minimum_payment: Param = field(metadata=spec("eurocent_per_year"))
    rounding: ModeParam = field(metadata=spec("mode"))


def _amount_params(p: HuurtoeslagParams) -> tuple[Param | ModeParam, ...]:
    return (
        p.max_rent_adult,
        p.max_rent_young,
        p.kwaliteitskortingsgrens,
        p.aftoppingsgrens_small,
        p.aftoppingsgrens_large,
        p.share_to_kwaliteitskortingsgrens,
        p.share_to_aftoppingsgrens,
        p.share_to_max_rent,
        p.basishuur_single,
        p.basishuur_multi,
        p.income_reduction_pct_single,
        p.income_reduction_pct_multi,
        p.inkomensijkpunt_single,
        p.inkomensijkpunt_multi,
        p.minimum_payment,
        p.rounding,
    )


def monthly_cents(
    p: HuurtoeslagParams, income: int, rent: int, persons: int, adult_cap: bool
) -> int | None:
    """Huurtoeslag per month in eurocent (rounded down to a cent), or None without figures."""
    multi = persons > 1
    basis = (p.basishuur_multi if multi else p.basishuur_single).value
    ijkpunt = (p.inkomensijkpunt_multi if multi else p.inkomensijkpunt_single).value
    reduction = (p.income_reduction_pct_multi if multi else p.income_reduction_pct_single).value
    cap = (p.max_rent_adult if adult_cap else p.max_rent_young).value
    kkg = p.kwaliteitskortingsgrens.value
    large = persons >= p.large_household_size.required
    aft = (p.aftoppingsgrens_large if large else p.aftoppingsgrens_small).value
    shares = (
        p.share_to_kwaliteitskortingsgrens.value,
        p.share_to_aftoppingsgrens.value,
        p.share_to_max_rent.value,
    )
    if (
        basis is None
        or ijkpunt is None
        or reduction is None
        or cap is None
        or kkg is None
        or aft is None
        or None in shares
    ):
        return None
    base = basis * _SCALE + max(0, income - ijkpunt) * reduction
    top = min(rent, cap) * _SCALE
    total = 0
    for share, lower, upper in zip(shares, (0, kkg, aft), (kkg, aft, cap), strict=False):
        part = min(top, upper * _SCALE) - max(base, lower * _SCALE)
        if part > 0 and share is not None:
            total += part * share
    return total // (_SCALE * PPM)


def _count_options(fact: object, default: tuple[int, ...]) -> tuple[int, ...]:
    if isinstance(fact, Interval):
        return tuple(sorted({fact.lo, fact.hi if fact.hi is not None else fact.lo + 2}))
    return default


def evaluate(hh: Household, p: HuurtoeslagParams, ctx: Context, b: ResultBuilder) -> None:
    min_age_check(b, hh, p.min_age)
    housing = b.check("housing", equals(hh.housing, "rent"), ("housing",))
    co_options = _count_options(hh.co_residents_21_plus, (0, 1, 2))
    partner_options = bool_options(hh.has_partner)
    _asset_check(hh, p, b, partner_options, co_options)
    if housing is not True:
        return  # rent and income matter only for a tenant
    co_residents = hh.co_residents_21_plus
    if isinstance(co_residents, _Unknown) or (
        isinstance(co_residents, Interval) and co_residents.hi != 0
    ):
        b.cap("co_resident_income")  # their income counts too, and we do not ask it
    income = interval_bounds(hh.annual_income)
    rent = interval_bounds(hh.rent)
    kids = hh.children
    child_options = (len(kids),) if isinstance(kids, tuple) else (0, 1, 2)
    facts = ["rent", "annual_income", "has_partner", "children", "co_residents_21_plus", "age"]
    if hh.has_partner is True:
        facts.append("partner_age")
    if income is None or rent is None:
        b.undetermined(facts)
        return
    values: list[int | None] = []
    for partner, children, co in product(partner_options, child_options, co_options):
        adult = tri_or(
            at_least(hh.age, p.adult_age.required),
            at_least(hh.partner_age, p.adult_age.required) if partner else False,
            co > 0,
            children > 0,
        )
        persons = 1 + int(partner) + children + co
        for cap, level, rent_level in product(bool_options(adult), income, rent):
            values.append(monthly_cents(p, level, rent_level, persons, cap))
    toeslag_amount(b, values, "month", p.minimum_payment, p.rounding, _amount_params(p), facts)


def _asset_check(
    hh: Household,
    p: HuurtoeslagParams,
    b: ResultBuilder,
    partner_options: tuple[bool, ...],
    co_options: tuple[int, ...],
) -> None:
    # only the limits that can apply count for "verified"
    used = tuple(
        p.asset_limit_partner if option else p.asset_limit_single for option in partner_options
    )
    if max(co_options) > 0:
        used += (p.asset_limit_per_co_resident,)
    facts = ["assets", "co_residents_21_plus"]
    if len(partner_options) > 1:
        facts.append("has_partner")
    single, partner, per_person = (
        p.asset_limit_single.value,
        p.asset_limit_partner.value,
        p.asset_limit_per_co_resident.value,
    )
    if single is None or partner is None or per_person is None:
        b.undetermined(facts, used)
        return
    limits = [
        (partner if with_partner else single) + per_person * co
        for with_partner in partner_options
        for co in co_options
    ]
    open_top = not isinstance(hh.co_residents_21_plus, Interval) or (
        hh.co_residents_21_plus.hi is None
    )
    low, high = min(limits), None if open_top else max(limits)
    met = at_most_between(hh.assets, low, high)
    b.check("assets", met, facts, used, {"limit": euro(low if met else (high or low))})


CALCULATOR = Calculator(
    name="huurtoeslag",
    params_cls=HuurtoeslagParams,
    evaluate=evaluate,
    reasons={"age": ("min_age",), "housing": (), "assets": ("limit",), "amount": ("minimum",)},
    notes=("co_resident_income",),
    amount_period="month",
)
