"""What every calculator shares: its declaration, the evaluation context and small helpers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, cast

from ..builder import ResultBuilder
from ..facts import BoolFact, Interval, NumFact, Tri, at_least, at_most_between, bool_options
from ..household import Household
from ..model import ModeParam, Param, SchemeVersion
from ..money import format_euro
from ..result import Amount

HUGE_INCOME = 10**13  # eurocent; stands in for "no upper bound" in tapering formulas


@dataclass(frozen=True, slots=True)
class Context:
    """What a calculator may use besides the household and its own parameters."""

    reference_date: date
    norms: Any = None  # NormParams of the Participatiewet period, for municipal schemes
    norms_version: SchemeVersion | None = None
    cache: dict[Any, Any] = field(default_factory=dict)  # shared by the schemes of one household
    # shared by all households of one rule book: keys must hold everything the value depends on
    memo: dict[Any, Any] = field(default_factory=dict)


Evaluate = Callable[[Household, Any, Context, ResultBuilder], None]


@dataclass(frozen=True, slots=True)
class Calculator:
    """A rule calculation that YAML files can name in ``calculator:``.

    ``reasons`` maps each reason code the calculator emits to the placeholders its texts may use;
    ``notes`` lists the situation-specific texts it needs (in the scheme's ``texts.yaml`` or in
    ``common.yaml``), ``note_placeholders`` the placeholders a note may use. A parameter set
    (``evaluate is None``) only holds shared figures.
    """

    name: str
    params_cls: type
    evaluate: Evaluate | None
    reasons: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    note_placeholders: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    amount_period: Literal["month", "year"] | None = None
    uses_norms: bool = False


def to_euros(cents: int, rounding: ModeParam) -> int:
    """Whole euros as the executor pays them."""
    if rounding.value == "half_up_euro":
        return (cents + 50) // 100
    return cents // 100


euro = format_euro  # Dutch notation of an amount in eurocent, for reason texts


def min_age_check(b: ResultBuilder, hh: Household, min_age: Param) -> Tri:
    """Reason ``age``: the applicant is at least the scheme's minimum age.

    Each scheme states its own minimum age and legal basis in its rule data (``min_age``); only
    the comparison is shared.
    """
    return b.check(
        "age",
        at_least(hh.age, min_age.required),
        ("age",),
        (min_age,),
        {"min_age": str(min_age.value)},
    )


def toeslag_amount(
    b: ResultBuilder,
    values: Sequence[int | None],
    per: Literal["month", "year"],
    minimum_payment: Param,
    rounding: ModeParam,
    params: tuple[Param | ModeParam, ...],
    facts: Sequence[str],
    *,
    nil_possible: bool = False,
) -> None:
    """Awir minimum and monthly payment of a toeslag (zorgtoeslag, kindgebonden budget,
    huurtoeslag), from the amounts the household may get.

    ``values``: the amount in eurocent per ``per`` (year or month) for each combination of facts
    not known exactly yet; ``None`` where a figure is missing from the rule data. Since 2006 the
    Awir pays no toeslag under a yearly minimum (``minimum_payment``; reason ``amount``). A toeslag
    is paid per month, rounded to whole euros as the executor does (``rounding``).
    ``nil_possible``: another condition is still open, so the lowest amount is nil. ``params``:
    all figures the amount rests on (including ``minimum_payment`` and ``rounding``).
    """
    if None in values:
        b.undetermined(facts, params)
        return
    known = [v for v in values if v is not None]
    low, high = min(known), max(known)
    months_per_value = 12 if per == "year" else 1
    to_year = 12 // months_per_value
    minimum = minimum_payment.required
    met = b.check(
        "amount",
        at_least(Interval(low * to_year, high * to_year), minimum),
        facts,
        params,
        {"minimum": euro(minimum)},
    )
    if met is False:
        return
    if nil_possible or low * to_year < minimum:
        low = 0  # below the minimum nothing is paid
    b.set_amount(
        Amount(
            "month",
            to_euros(low // months_per_value, rounding),
            to_euros(high // months_per_value, rounding),
        ),
        params,
        facts,
    )


def limits_check(
    b: ResultBuilder,
    code: str,
    fact: NumFact,
    facts: tuple[str, ...],
    limits: tuple[Param, ...],
    *,
    decisive: bool = True,
) -> Tri:
    """``fact`` at most a limit, where ``limits`` are the ones that may apply to the household.

    Which limits may apply is the scheme's legal rule; this only decides the comparison: met
    under the lowest, not met over the highest, open in between or while a figure is missing.
    """
    values = [limit.value for limit in limits]
    if None in values:
        b.undetermined(facts, limits)
        return None
    known = cast(list[int], values)  # no None, tested above
    low, high = min(known), max(known)
    met = at_most_between(fact, low, high)
    return b.check(
        code, met, facts, limits, {"limit": euro(low if met else high)}, decisive=decisive
    )


def partner_limit_check(
    b: ResultBuilder,
    code: str,
    fact_name: str,
    fact: NumFact,
    partner_fact: BoolFact,
    single: Param,
    with_partner: Param,
) -> Tri:
    """``fact`` at most a limit that depends on having a toeslagpartner.

    When it is not known yet whether there is a partner, the check is still decided if the fact is
    under the lower or over the higher of the two limits.
    """
    options = bool_options(partner_fact)
    used = partner_limits(options, single, with_partner)
    facts = (fact_name,) if len(options) == 1 else (fact_name, "has_partner")
    return limits_check(b, code, fact, facts, used)


def partner_limits(
    options: tuple[bool, ...], single: Param, with_partner: Param
) -> tuple[Param, ...]:
    """The limits for the values having a toeslagpartner can still take (see ``bool_options``)."""
    if len(options) == 1:
        return (with_partner,) if options[0] else (single,)
    return (single, with_partner)  # bool_options gives (False, True)


def toeslag_asset_check(b: ResultBuilder, hh: Household, single: Param, with_partner: Param) -> Tri:
    """Reason ``assets``: the Awir asset test of zorgtoeslag and kindgebonden budget.

    Assets (rendementsgrondslag) at most the limit for a household without or with a
    toeslagpartner; figures, sources and dates are in the rule data. Huurtoeslag adds a separate
    limit for each co-resident's own assets (Awir art. 7), see ``huurtoeslag``.
    """
    return partner_limit_check(
        b, "assets", "assets", hh.assets, hh.has_partner, single, with_partner
    )


def interval_bounds(fact: NumFact) -> tuple[int, ...] | None:
    """Lowest and highest value of a numeric fact, once when they are the same (an exact answer:
    amounts are computed at each bound); an open top becomes ``HUGE_INCOME``."""
    if not isinstance(fact, Interval):
        return None
    if fact.hi == fact.lo:
        return (fact.lo,)
    return fact.lo, fact.hi if fact.hi is not None else HUGE_INCOME
