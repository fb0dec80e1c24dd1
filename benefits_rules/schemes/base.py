"""What every calculator shares: its declaration, the evaluation context and small helpers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from ..builder import ResultBuilder
from ..facts import BoolFact, Interval, NumFact, Tri, at_most_between, bool_options
from ..household import Household
from ..model import ModeParam, Param, SchemeVersion
from ..money import format_euro

HUGE_INCOME = 10**13  # eurocent; stands in for "no upper bound" in tapering formulas


@dataclass(frozen=True, slots=True)
class Context:
    """What a calculator may use besides the household and its own parameters."""

    reference_date: date
    norms: Any = None  # NormParams of the Participatiewet period, for municipal schemes
    norms_version: SchemeVersion | None = None
    cache: dict[Any, Any] = field(default_factory=dict)  # shared by the schemes of one household


Evaluate = Callable[[Household, Any, Context, ResultBuilder], None]


@dataclass(frozen=True, slots=True)
class Calculator:
    """A rule calculation that YAML files can name in ``calculator:``.

    ``reasons`` maps each reason code the calculator emits to the placeholders its texts may use;
    ``notes`` lists the situation-specific texts it needs (in the scheme's ``texts.yaml`` or in
    ``common.yaml``). A parameter set (``evaluate is None``) only holds shared figures.
    """

    name: str
    params_cls: type
    evaluate: Evaluate | None
    reasons: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    amount_period: Literal["month", "year"] | None = None
    uses_norms: bool = False


def to_euros(cents: int, rounding: ModeParam) -> int:
    """Whole euros as the executor pays them."""
    if rounding.value == "half_up_euro":
        return (cents + 50) // 100
    return cents // 100


def euro(cents: int) -> str:
    return format_euro(cents)


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
    used = tuple(with_partner if option else single for option in options)
    values = [p.value for p in used]
    facts = (fact_name,) if len(options) == 1 else (fact_name, "has_partner")
    if None in values:
        b.undetermined(facts, used)
        return None
    limits = [v for v in values if v is not None]
    low, high = min(limits), max(limits)
    met = at_most_between(fact, low, high)
    return b.check(code, met, facts, used, {"limit": euro(low if met else high)})


def interval_bounds(fact: NumFact) -> tuple[int, int] | None:
    """Lowest and highest value of a numeric fact; an open top becomes ``HUGE_INCOME``."""
    if not isinstance(fact, Interval):
        return None
    return fact.lo, fact.hi if fact.hi is not None else HUGE_INCOME
