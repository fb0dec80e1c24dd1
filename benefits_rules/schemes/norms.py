"""Participatiewet norms (bijstandsnormen) as used by the municipal minima schemes.

The norm depends on age (under 21, 21 to pension age, pension age), on having a partner, and -
where a scheme applies it - on the kostendelersnorm (art. 22a): per person
(40 % + A x 30 %) / A of the gehuwdennorm, A = number of kostendelers (people from the minimum
age who share the home). Figures that are not in the data (youth and pension-age norms) give a
range: youth norms are lower than the 21+ norm, pension-age norms higher.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..facts import BoolFact, Interval, NumFact, Tri, at_least, bool_options, tri_or
from ..household import Household
from ..model import Param, spec
from .base import Calculator


@dataclass(frozen=True, slots=True)
class NormParams:
    norm_single: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    norm_couple: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    norm_single_pension_age: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    norm_couple_pension_age: Param = field(metadata=spec("eurocent_per_month", nullable=True))
    adult_age: Param = field(metadata=spec("years"))
    pension_age_months: Param = field(metadata=spec("months"))
    kostendelers_base_pct: Param = field(metadata=spec("percent"))
    kostendelers_step_pct: Param = field(metadata=spec("percent"))
    kostendeler_min_age: Param = field(metadata=spec("years"))
    asset_limit_single: Param = field(metadata=spec("eurocent", nullable=True))
    asset_limit_family: Param = field(metadata=spec("eurocent", nullable=True))


@dataclass(frozen=True, slots=True)
class NormRange:
    """The monthly norm lies in [lo, hi]; None means that side is not known."""

    lo: int | None
    hi: int | None
    facts: tuple[str, ...]
    params: tuple[Param, ...]
    note: str | None = None  # why the norm is a range, when no fact we can ask would settle it


def pension_age_reached(age: NumFact, pension_age_months: int) -> Tri:
    """Ages are whole years, so someone of 67 may or may not have reached 67 years 3 months."""
    if not isinstance(age, Interval):
        return None
    if age.lo * 12 >= pension_age_months:
        return True
    if age.hi is not None and age.hi * 12 + 11 < pension_age_months:
        return False
    return None


def _categories(n: NormParams, ages: tuple[NumFact, ...]) -> tuple[Tri, Tri]:
    pension = tri_or(*(pension_age_reached(a, n.pension_age_months.required) for a in ages))
    young = tri_or(*(_negate(at_least(a, n.adult_age.required)) for a in ages))
    return pension, young


def _negate(value: Tri) -> Tri:
    return None if value is None else not value


def _kostendelers_factor(n: NormParams, unit: int, sharers: int | None) -> tuple[int, int]:
    """(numerator, denominator) of norm with ``sharers`` kostendelers / norm without any."""
    base, step = n.kostendelers_base_pct.required, n.kostendelers_step_pct.required
    if sharers is None:  # no upper bound on the number of kostendelers: the limit
        return unit * step, base + unit * step
    total = unit + sharers
    return unit * (base + total * step), total * (base + unit * step)


def household_norm(hh: Household, n: NormParams, with_kostendelers: bool) -> NormRange:
    """The household's monthly bijstandsnorm (including holiday pay) as a range."""
    facts = ["has_partner", "age"]
    params = [n.norm_single, n.norm_couple, n.pension_age_months]
    partner: BoolFact = hh.has_partner
    lows: list[int | None] = []
    highs: list[int | None] = []
    for with_partner in bool_options(partner):
        ages: tuple[NumFact, ...] = (hh.age, hh.partner_age) if with_partner else (hh.age,)
        if with_partner and hh.has_partner is True and "partner_age" not in facts:
            facts.append("partner_age")  # asked only once we know there is a partner
        pension, young = _categories(n, ages)
        base = (n.norm_couple if with_partner else n.norm_single).value
        pension_norm = (
            n.norm_couple_pension_age if with_partner else n.norm_single_pension_age
        ).value
        candidates: list[tuple[int | None, int | None]] = []
        if pension is not False:
            params.append(n.norm_couple_pension_age if with_partner else n.norm_single_pension_age)
            candidates.append(
                (pension_norm, pension_norm) if pension_norm is not None else (base, None)
            )
        if pension is not True:
            if young is not False:
                params.append(n.adult_age)
                candidates.append((None, base))
            if young is not True:
                candidates.append((base, base))
        low = _bound(candidates, 0, min)
        high = _bound(candidates, 1, max)
        if with_kostendelers:
            low, high = _apply_kostendelers(hh, n, 2 if with_partner else 1, low, high)
        lows.append(low)
        highs.append(high)
    note = None
    if with_kostendelers:
        facts.append("co_residents_21_plus")
        params += [n.kostendelers_base_pct, n.kostendelers_step_pct, n.kostendeler_min_age]
        co = hh.co_residents_21_plus
        if isinstance(co, Interval) and co.hi != 0 and n.kostendeler_min_age.required > 21:
            note = "kostendeler_unclear"
    if (
        note is None
        and isinstance(hh.age, Interval)
        and hh.age.exact
        and pension_age_reached(hh.age, n.pension_age_months.required) is None
    ):
        note = "pension_age_unclear"
    return NormRange(
        None if None in lows else min(v for v in lows if v is not None),
        None if None in highs else max(v for v in highs if v is not None),
        tuple(facts),
        tuple(params),
        note,
    )


def household_norm_key(hh: Household, n: NormParams, with_kostendelers: bool) -> tuple[Any, ...]:
    """What :func:`household_norm` depends on, as a cheap hashable key for a memo: the ages only
    through their category (under the adult age, pension age reached, an exact age), so that
    households of different ages share one norm."""
    co = hh.co_residents_21_plus
    return (
        id(n),  # the caller's memo lives in the rule book that holds ``n``
        with_kostendelers,
        hh.has_partner,
        _age_class(hh.age, n),
        _age_class(hh.partner_age, n),
        (co.lo, co.hi) if isinstance(co, Interval) else None,
    )


def _age_class(age: NumFact, n: NormParams) -> tuple[Tri, Tri, bool] | None:
    if not isinstance(age, Interval):
        return None  # not asked and "weet ik niet" count the same
    return (
        pension_age_reached(age, n.pension_age_months.required),
        at_least(age, n.adult_age.required),
        age.exact,
    )


def _bound(
    candidates: list[tuple[int | None, int | None]], side: int, pick: Callable[[list[int]], int]
) -> int | None:
    """The lowest low or highest high; None when any candidate has no bound on that side."""
    values = [candidate[side] for candidate in candidates]
    if None in values:
        return None
    return pick([v for v in values if v is not None])


def _apply_kostendelers(
    hh: Household, n: NormParams, unit: int, low: int | None, high: int | None
) -> tuple[int | None, int | None]:
    co = hh.co_residents_21_plus
    if isinstance(co, Interval):
        # co-residents aged 21 up to the kostendeler age do not count: we only know "21 or older"
        fewest = co.lo if n.kostendeler_min_age.required <= 21 else 0
        most = co.hi
    else:
        fewest, most = 0, None
    if low is not None:
        num, den = _kostendelers_factor(n, unit, most)
        low = low * num // den
    if high is not None:
        num, den = _kostendelers_factor(n, unit, fewest)
        high = high * num // den
    return low, high


def family_limit(hh: Household, n: NormParams) -> tuple[Param, ...]:
    """The asset limits that may apply: single, or couple / single parent."""
    partner = hh.has_partner
    kids = hh.children
    has_kids: Tri = (len(kids) > 0) if isinstance(kids, tuple) else None
    family = tri_or(partner if isinstance(partner, bool) else None, has_kids)
    if family is None:
        return (n.asset_limit_single, n.asset_limit_family)
    return (n.asset_limit_family,) if family else (n.asset_limit_single,)


CALCULATOR = Calculator(name="bijstandsnormen", params_cls=NormParams, evaluate=None)
