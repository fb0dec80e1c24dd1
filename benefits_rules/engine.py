"""Evaluates a household against the schemes in force on its reference date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .builder import ResultBuilder
from .errors import UnknownScheme
from .facts import _Unknown
from .household import Household
from .loader import load_rules
from .model import RuleBook, SchemeRules, SchemeVersion, Source
from .parse import parse_household
from .result import Evaluation, Reason, SchemeResult
from .schemes import CALCULATORS, Context
from .schemes.base import Evaluate

NORMS_SET = "participatiewet"


def evaluate(
    household: Mapping[str, Any] | Household,
    schemes: Sequence[str] | None = None,
    rules_dir: Path | None = None,
    *,
    book: RuleBook | None = None,
) -> Evaluation:
    """Which schemes the household probably gets, why, and how much.

    ``schemes=None`` means all national schemes plus those of the household's municipality.
    Raises :class:`InvalidHousehold` for bad input and :class:`UnknownScheme` for a bad key.
    ``book``: rules already read (e.g. an editor's draft), instead of ``rules_dir``.
    """
    if book is None:
        book = load_rules(rules_dir)
    hh = (
        household
        if isinstance(household, Household)
        else parse_household(household, rules_dir, book=book)
    )
    keys = resolve_schemes(book, hh, schemes)
    cache: dict[Any, Any] = {}  # shared by the schemes of this household
    contexts: dict[int, Context] = {}  # one per norms version
    results = tuple([_evaluate_one(book, hh, key, cache, contexts) for key in keys])
    wanted: dict[str, None] = {}
    for result in results:
        if result.outcome in ("unknown", "possibly_eligible"):
            wanted.update(dict.fromkeys(result.missing))
    order = book.fact_order
    missing = tuple(sorted(wanted, key=lambda fact: order.get(fact, 10_000)))
    municipality = hh.municipality if isinstance(hh.municipality, str) else None
    return Evaluation(hh.reference_date, municipality, results, missing, hh.reference_date_given)


def resolve_schemes(
    book: RuleBook, hh: Household, schemes: Sequence[str] | None
) -> tuple[str, ...]:
    if schemes is None:
        keys = list(book.national)
        if isinstance(hh.municipality, str):
            keys.extend(book.municipalities[hh.municipality].schemes)
        return tuple(keys)
    known = book.all_scheme_keys()
    if isinstance(schemes, str):
        schemes = [schemes]
    for key in schemes:
        if key not in known:
            raise UnknownScheme(key, known)
    return tuple(dict.fromkeys(schemes))


@dataclass(frozen=True, slots=True)
class _Plan:
    """What evaluating one scheme on one date needs, looked up once and reused."""

    version: SchemeVersion
    evaluate: Evaluate
    norms_version: SchemeVersion | None
    sources: tuple[Source, ...]
    rules_period: tuple[date, date | None]
    reasons: dict[Any, Reason]  # reasons already made from the scheme's texts (ResultBuilder)


_NO_PLAN = object()


def _plan(book: RuleBook, rules: SchemeRules, day: date) -> _Plan | None:
    plans = book.plans
    cache_key = (id(rules), day)  # the rules live as long as the book that holds this cache
    cached = plans.get(cache_key, _NO_PLAN)
    if cached is not _NO_PLAN:
        return cached  # type: ignore[no-any-return]
    version = rules.version_for(day)
    plan: _Plan | None = None
    if version is not None:
        calculator = CALCULATORS[version.calculator]
        assert calculator.evaluate is not None  # the loader refuses parameter sets here
        norms_version = None
        sources = list(version.sources)
        if calculator.uses_norms:
            norms = book.parameter_sets.get(NORMS_SET)
            norms_version = norms.version_for(day) if norms is not None else None
            if norms_version is not None:
                sources.extend(s for s in norms_version.sources if s not in sources)
        # the book keeps the rules (and their texts) alive, so their id stays theirs
        reasons = book.reasons.setdefault(id(rules), {})
        plan = _Plan(
            version,
            calculator.evaluate,
            norms_version,
            tuple(sources),
            (version.valid_from, version.valid_to),
            reasons,
        )
    if len(plans) > 4096:  # many different reference dates: start over
        plans.clear()
    plans[cache_key] = plan
    return plan


def _evaluate_one(
    book: RuleBook,
    hh: Household,
    key: str,
    cache: dict[Any, Any],
    contexts: dict[int, Context],
) -> SchemeResult:
    rules = book.national.get(key)
    if rules is None:
        found = _municipal_rules(book, hh, key)
        if isinstance(found, SchemeResult):
            return found
        rules = found
    plan = _plan(book, rules, hh.reference_date)
    if plan is None:
        return _special(book, rules, "unknown", not_checked=(book.common.get("no_rules"),))
    norms = plan.norms_version
    ctx = contexts.get(id(norms))  # the plan keeps ``norms`` alive
    if ctx is None:
        params = norms.params if norms else None
        ctx = contexts[id(norms)] = Context(hh.reference_date, params, norms, cache, book.memo)
    builder = ResultBuilder(hh, rules, book.questions, book.common, plan.reasons)
    version = plan.version
    plan.evaluate(hh, version.params, ctx, builder)
    return builder.finish(rules.key, plan.rules_period, plan.sources, version.how_to_apply)


def _municipal_rules(book: RuleBook, hh: Household, key: str) -> SchemeRules | SchemeResult:
    if isinstance(hh.municipality, str):
        rules = book.municipalities[hh.municipality].schemes.get(key)
        if rules is not None:
            return rules
    template = next(m.schemes[key] for m in book.municipalities.values() if key in m.schemes)
    if hh.municipality is None:
        return _special(book, template, "unknown", missing=("municipality",))
    if isinstance(hh.municipality, _Unknown):
        note = book.questions["municipality"].unknown_text
        return _special(book, template, "unknown", not_checked=(note,))
    municipality = book.municipalities[hh.municipality]
    rules = municipality.schemes.get(key)
    if rules is None:
        name = municipality.place
        reason = Reason(
            "municipality",
            False,
            book.common.get("not_offered", municipality=name),
            short=book.common.get("not_offered_short", municipality=name),
        )
        return _special(book, template, "not_eligible", reasons=(reason,))
    return rules


def _special(
    book: RuleBook,
    rules: SchemeRules,
    outcome: Any,
    *,
    missing: tuple[str, ...] = (),
    not_checked: tuple[str, ...] = (),
    reasons: tuple[Reason, ...] = (),
) -> SchemeResult:
    """A result without a calculation: no rules for the date, or the municipality question."""
    return SchemeResult(
        scheme=rules.key,
        title=rules.texts.title,
        outcome=outcome,
        amount=None,
        reasons=reasons,
        missing=missing,
        not_checked=not_checked,
        sources=(),
        rules_period=None,
        indicative=False,
        how_to_apply=None,
    )
