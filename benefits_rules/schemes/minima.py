"""Checks shared by the municipal minima schemes: income against a percentage of the
bijstandsnorm, and assets against the Participatiewet asset limits."""

from __future__ import annotations

from ..builder import ResultBuilder
from ..facts import Interval, NumFact, Tri, at_most_between
from ..household import Household
from ..model import ModeParam, Param
from ..money import PPM, apply_ppm, format_percent
from .base import Context, euro, limits_check
from .norms import NormParams, NormRange, family_limit, household_norm, household_norm_key

_MEMO_SIZE = 8192


def norms_of(ctx: Context) -> NormParams | None:
    return ctx.norms if isinstance(ctx.norms, NormParams) else None


def threshold(norm: NormRange, pct_low: int, pct_high: int) -> tuple[int | None, int | None]:
    """Monthly income limit as a range: percentage x norm."""
    low = apply_ppm(norm.lo, pct_low) if norm.lo is not None else None
    high = apply_ppm(norm.hi, pct_high) if norm.hi is not None else None
    return low, high


def income_fact(hh: Household, norm: NormRange) -> NumFact:
    """Net monthly income; someone on bijstand has an income at the norm."""
    if hh.receives_bijstand is True and hh.net_monthly_income is None:
        if norm.lo is not None and norm.hi is not None:
            return Interval(norm.lo, norm.hi)
        return None
    return hh.net_monthly_income


def income_surplus(hh: Household, norm: NormRange, pct: int) -> int | None:
    """How far the monthly income is at least above ``pct`` of the highest possible norm.

    The base of an own contribution: the draagkracht of bijzondere bijstand and the
    betalingscapaciteit of kwijtschelding are each their own share of this surplus. None when the
    income may be at or under that limit (or is not known).
    """
    income = income_fact(hh, norm)
    _, high = threshold(norm, pct, pct)
    if isinstance(income, Interval) and high is not None and income.lo > high:
        return income.lo - high
    return None


def income_check(
    b: ResultBuilder,
    hh: Household,
    norm: NormRange,
    pct: tuple[Param, ...],
    *,
    code: str = "income",
    decisive: bool = True,
    values: dict[str, str] | None = None,
    extra_params: tuple[Param, ...] = (),
) -> Tri:
    """Income at most ``pct`` of the norm. ``pct`` is one parameter, or (min, max) when the
    municipality's exact percentage is not known."""
    pct_low, pct_high = pct[0].required, pct[-1].required
    on_bijstand = hh.receives_bijstand is True
    if on_bijstand and pct_low >= PPM:
        return b.check("bijstand", True, ("receives_bijstand",))
    low, high = threshold(norm, pct_low, pct_high)
    met = at_most_between(income_fact(hh, norm), low, high)
    if met is False and pct_low >= PPM and not isinstance(hh.receives_bijstand, bool):
        met = None  # someone on bijstand qualifies whatever the income: ask that first
    facts: tuple[str, ...] = ()  # what to ask: only needed while the check is open
    if met is None:
        if on_bijstand:
            facts = ("receives_bijstand", *norm.facts)
        elif hh.receives_bijstand is None and pct_low >= PPM:
            facts = ("receives_bijstand", "net_monthly_income", *norm.facts)
        else:
            facts = ("net_monthly_income", *norm.facts)
    shown = low if met else high
    all_values = {
        "limit": euro(shown) if shown is not None else "?",
        "percent": format_percent(pct_low if met else pct_high),
    }
    if values:
        all_values.update(values)
    params = (*pct, *extra_params, *norm.params)
    return b.check(code, met, facts, params, all_values, decisive=decisive, note=norm.note)


def asset_check(b: ResultBuilder, hh: Household, n: NormParams, *, decisive: bool = True) -> Tri:
    """Reason ``assets``: assets at most the Participatiewet limit (art. 34), which is higher for
    a couple or a single parent than for a single person."""
    limits = family_limit(hh, n)
    facts = ("assets",) if len(limits) == 1 else ("assets", "has_partner", "children")
    return limits_check(b, "assets", hh.assets, facts, limits, decisive=decisive)


def norm_for(
    hh: Household, ctx: Context, b: ResultBuilder, kostendelersnorm: ModeParam
) -> tuple[NormParams, NormRange] | None:
    """The norms of the period, or a note that this period has none.

    ``kostendelersnorm`` is the scheme's choice (``with`` / ``without``) whether the household's
    norm is lowered for kostendelers (Participatiewet art. 22a, since 2015).
    """
    with_kostendelers = kostendelersnorm.value == "with"
    n = norms_of(ctx)
    if n is None:
        b.undetermined((), (), note="no_norms")
        return None
    # Several schemes of one household ask for the same norm: keep it for the household first
    # (``ctx.cache``), which spares hashing the facts that make the key of the shared memo.
    own_key = ("norm", id(n), with_kostendelers)
    norm = ctx.cache.get(own_key)
    if norm is None:
        norm = ctx.cache[own_key] = _shared_norm(hh, ctx, n, with_kostendelers)
    return n, norm


def _shared_norm(hh: Household, ctx: Context, n: NormParams, with_kostendelers: bool) -> NormRange:
    # The norm depends only on a few facts and the period's figures; many households share it.
    key = ("norm", *household_norm_key(hh, n, with_kostendelers))
    memo = ctx.memo
    norm: NormRange | None = memo.get(key)
    if norm is None:
        norm = household_norm(hh, n, with_kostendelers)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[key] = norm
    return norm
