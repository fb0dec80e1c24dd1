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

    def __getitem__(self, scheme: str) -> SchemeResult:
        for result in self.results:
            if result.scheme == scheme:
                return result
        raise KeyError(scheme)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference_date": self.reference_date.isoformat(),
            "municipality": self.municipality,
            "missing": list(self.missing),
            "schemes": {result.scheme: result.to_dict() for result in self.results},
        }
