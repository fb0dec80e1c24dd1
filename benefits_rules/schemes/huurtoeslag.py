"""Huurtoeslag (Wet op de huurtoeslag), simplified rules in force since 1 January 2026.

Only the kale huur counts (no service costs) and the rent limit is no longer a condition: rent
above the maximale huurgrens is simply not subsidised (art. 13). Of the rent above the basishuur,
100 % is paid up to the kwaliteitskortingsgrens, 65 % up to the aftoppingsgrens and 40 % up to the
maximale huurgrens (art. 21; Besluit op de huurtoeslag art. 7); an income reduction - 27 % (single)
or 22 % (multi-person) of the income above the inkomensijkpunt, per year, divided by 12 (art.
21(2)) - is subtracted from that total. The monthly amount is rounded down to whole euros. Income
of co-residents also counts, and each co-resident has their own asset limit (Awir art. 7): the
applicant's limit does not grow with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from ..builder import ResultBuilder
from ..facts import Interval, at_least, bool_options, equals, tri_or
from ..household import Household
from ..model import ModeParam, Param, spec
from ..money import PPM
from .base import (
    Calculator,
    Context,
    euro,
    interval_bounds,
    limits_check,
    min_age_check,
    partner_limits,
    toeslag_amount,
)


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
    asset_limit_co_resident: Param = field(metadata=spec("eurocent", nullable=True))
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
    """Huurtoeslag per month in eurocent (rounded down to a cent), or None without figures.

    Wet op de huurtoeslag art. 21 (2026): A + B + C are the shares of the rent above the
    basishuur in the three bands (up to the kwaliteitskortingsgrens, the aftoppingsgrens and the
    maximale huurgrens); the income reduction D = (income - inkomensijkpunt) x percentage / 12 is
    subtracted from their total: max(0, A + B + C - D). D does not raise the basishuur.
    """
    multi = persons > 1
    basis = (p.basishuur_multi if multi else p.basishuur_single).value
    ijkpunt = (p.inkomensijkpunt_multi if multi else p.inkomensijkpunt_single).value
    reduction = (p.income_reduction_pct_multi if multi else p.income_reduction_pct_single).value
    cap = (p.max_rent_adult if adult_cap else p.max_rent_young).value
    kkg = p.kwaliteitskortingsgrens.value
    large = persons >= p.large_household_size.required
    aft = (p.aftoppingsgrens_large if large else p.aftoppingsgrens_small).value
    share_a = p.share_to_kwaliteitskortingsgrens.value
    share_b = p.share_to_aftoppingsgrens.value
    share_c = p.share_to_max_rent.value
    if (
        basis is None
        or ijkpunt is None
        or reduction is None
        or cap is None
        or kkg is None
        or aft is None
        or share_a is None
        or share_b is None
        or share_c is None
    ):
        return None
    top = min(rent, cap)
    # bands in cents x PPM (shares are parts per million); D in the same unit, x 12 for a month
    bands = (
        max(0, min(top, kkg) - basis) * share_a
        + max(0, min(top, aft) - max(basis, kkg)) * share_b
        + max(0, min(top, cap) - max(basis, aft)) * share_c
    )
    reduction_12 = max(0, income - ijkpunt) * reduction  # cents x PPM per year
    return max(0, bands * 12 - reduction_12) // (12 * PPM)


def _count_options(fact: object, default: tuple[int, ...]) -> tuple[int, ...]:
    if isinstance(fact, Interval):
        return tuple(sorted({fact.lo, fact.hi if fact.hi is not None else fact.lo + 2}))
    return default


def evaluate(hh: Household, p: HuurtoeslagParams, ctx: Context, b: ResultBuilder) -> None:
    min_age_check(b, hh, p.min_age)
    housing = b.check("housing", equals(hh.housing, "rent"), ("housing",))
    co_options = _count_options(hh.co_residents_21_plus, (0, 1, 2))
    partner_options = bool_options(hh.has_partner)
    _asset_check(hh, p, b, partner_options)
    if housing is not True:
        return  # rent and income matter only for a tenant
    _co_resident_notes(hh, p, b)
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
    hh: Household, p: HuurtoeslagParams, b: ResultBuilder, partner_options: tuple[bool, ...]
) -> None:
    """Awir art. 7: the assets of the applicant and toeslagpartner against their own limit."""
    used = partner_limits(partner_options, p.asset_limit_single, p.asset_limit_partner)
    facts = ("assets",) if len(partner_options) == 1 else ("assets", "has_partner")
    limits_check(b, "assets", hh.assets, facts, used)


def _co_resident_notes(hh: Household, p: HuurtoeslagParams, b: ResultBuilder) -> None:
    """Co-residents' income counts, and each has their own asset limit (Awir art. 7(3)-(4));
    we ask neither, so with co-residents the outcome is at best "possibly" and says why."""
    co_residents = hh.co_residents_21_plus
    if isinstance(co_residents, Interval) and co_residents.hi == 0:
        return
    b.cap("co_resident_income")
    limit = p.asset_limit_co_resident
    if limit.value is not None:
        b.cap("co_resident_assets", {"limit": euro(limit.value)}, (limit,))


CALCULATOR = Calculator(
    name="huurtoeslag",
    params_cls=HuurtoeslagParams,
    evaluate=evaluate,
    reasons={"age": ("min_age",), "housing": (), "assets": ("limit",), "amount": ("minimum",)},
    notes=("co_resident_income", "co_resident_assets"),
    note_placeholders={"co_resident_assets": ("limit",)},
    amount_period="month",
)
