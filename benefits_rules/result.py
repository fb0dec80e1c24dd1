"""Evaluation results: immutable, and ``to_dict()`` gives the JSON the API and the CLI return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from .model import HowToApply, Source

Outcome = Literal["eligible", "possibly_eligible", "not_eligible", "unknown"]
OUTCOMES: tuple[Outcome, ...] = ("eligible", "possibly_eligible", "not_eligible", "unknown")


@dataclass(frozen=True, slots=True)
class Reason:
    """One condition that was checked. ``verified`` says whether only verified figures decided it;
    ``short`` is a lower-case fragment used in one-sentence summaries."""

    code: str
    met: bool
    text: str
    verified: bool = True
    decisive: bool = True
    short: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "met": self.met, "text": self.text}


@dataclass(frozen=True, slots=True)
class Amount:
    """Whole euros per ``period`` ("month" or "year"); ``minimum == maximum`` when exact."""

    period: Literal["month", "year"]
    minimum: int
    maximum: int

    @property
    def exact(self) -> bool:
        return self.minimum == self.maximum


@dataclass(frozen=True, slots=True)
class SchemeResult:
    scheme: str
    title: str
    outcome: Outcome
    amount: Amount | None
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]
    not_checked: tuple[str, ...]
    sources: tuple[Source, ...]
    rules_period: tuple[date, date | None] | None
    indicative: bool
    how_to_apply: HowToApply | None

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount
        exact = amount.maximum if amount is not None and amount.exact else None
        return {
            "scheme": self.scheme,
            "title": self.title,
            "outcome": self.outcome,
            "amount_per_month": exact if amount is not None and amount.period == "month" else None,
            "amount_per_year": exact if amount is not None and amount.period == "year" else None,
            "amount_min": amount.minimum if amount is not None else None,
            "amount_max": amount.maximum if amount is not None else None,
            "amount_period": amount.period if amount is not None else None,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "missing": list(self.missing),
            "not_checked": list(self.not_checked),
            "sources": [{"title": s.title, "url": s.url} for s in self.sources],
            "rules_period": None
            if self.rules_period is None
            else {
                "valid_from": self.rules_period[0].isoformat(),
                "valid_to": None
                if self.rules_period[1] is None
                else self.rules_period[1].isoformat(),
            },
            "indicative": self.indicative,
            "how_to_apply": None
            if self.how_to_apply is None
            else {
                "text": self.how_to_apply.text,
                "url": self.how_to_apply.url,
            },
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Results per scheme, plus ``missing``: facts still worth asking for the schemes whose
    outcome is not settled, least sensitive first."""

    reference_date: date
    municipality: str | None
    results: tuple[SchemeResult, ...]
    missing: tuple[str, ...] = ()
    reference_date_given: bool = True  # False: no date was given, today's rules were used

    @property
    def has_rules(self) -> bool:
        """Whether rules are published for the reference date for any scheme evaluated."""
        return any(result.rules_period is not None for result in self.results)

    def __getitem__(self, scheme: str) -> SchemeResult:
        for result in self.results:
            if result.scheme == scheme:
                return result
        raise KeyError(scheme)

    def to_dict(self, *, sources: bool = True) -> dict[str, Any]:
        """The JSON form; ``sources=False`` leaves the source lists out of the schemes (the CLI
        then writes them once per scheme and period)."""
        schemes = {}
        for result in self.results:
            item = result.to_dict()
            if not sources:
                del item["sources"]
            schemes[result.scheme] = item
        return {
            "reference_date": self.reference_date.isoformat(),
            "reference_date_given": self.reference_date_given,
            "rules_found": self.has_rules,
            "municipality": self.municipality,
            "missing": list(self.missing),
            "schemes": schemes,
        }


_new_object = object.__new__
_SET_SCHEME_RESULT = tuple(
    getattr(SchemeResult, name).__set__
    for name in (
        "scheme",
        "title",
        "outcome",
        "amount",
        "reasons",
        "missing",
        "not_checked",
        "sources",
        "rules_period",
        "indicative",
        "how_to_apply",
    )
)


def new_scheme_result(
    scheme: str,
    title: str,
    outcome: Outcome,
    amount: Amount | None,
    reasons: tuple[Reason, ...],
    missing: tuple[str, ...],
    not_checked: tuple[str, ...],
    sources: tuple[Source, ...],
    rules_period: tuple[date, date | None] | None,
    indicative: bool,
    how_to_apply: HowToApply | None,
) -> SchemeResult:
    """``SchemeResult(...)`` for the evaluator's hot path: sets the slots directly, which is
    about twice as fast as the frozen dataclass's ``__init__`` (one ``object.__setattr__`` per
    field). The result is the same frozen object."""
    (
        set_scheme,
        set_title,
        set_outcome,
        set_amount,
        set_reasons,
        set_missing,
        set_not_checked,
        set_sources,
        set_rules_period,
        set_indicative,
        set_how_to_apply,
    ) = _SET_SCHEME_RESULT
    result: SchemeResult = _new_object(SchemeResult)
    set_scheme(result, scheme)
    set_title(result, title)
    set_outcome(result, outcome)
    set_amount(result, amount)
    set_reasons(result, reasons)
    set_missing(result, missing)
    set_not_checked(result, not_checked)
    set_sources(result, sources)
    set_rules_period(result, rules_period)
    set_indicative(result, indicative)
    set_how_to_apply(result, how_to_apply)
    return result
