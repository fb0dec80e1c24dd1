"""The benefits check as a conversation, without Rasa: one pure step per resident message.

benefits_rules decides what is still missing (least sensitive first) and when the outcome is
clear; this module reads the resident's answer, applies corrections ("nee ik heb twee kinderen")
and says what to do next: ask, ask again, or show the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from actions import parsing
from benefits_rules import (
    InvalidHousehold,
    Question,
    apply_answer,
    evaluate,
    explain,
    load_rules,
    next_question,
    parse_household,
)

# Which schemes an ask_* intent focuses the check on.
FOCUS: Mapping[str, tuple[str, ...]] = {
    "ask_zorgtoeslag": ("zorgtoeslag",),
    "ask_huurtoeslag": ("huurtoeslag",),
    "ask_kindgebonden_budget": ("kindgebonden_budget",),
    "ask_kinderopvangtoeslag": ("kinderopvangtoeslag",),
    "ask_bijzondere_bijstand": ("bijzondere_bijstand",),
    "ask_kwijtschelding": ("kwijtschelding",),
    "ask_minimaregelingen": (
        "individuele_inkomenstoeslag",
        "fit_en_fun",
        "leergeld",
        "bijzondere_bijstand",
        "kwijtschelding",
    ),
}


@dataclass(frozen=True)
class Step:
    """What the bot does after one resident message in the check."""

    household: dict[str, Any]
    question: Question | None = None
    # Set when the answer was not understood: the answer kind the reprompt explains.
    reprompt_kind: str | None = None
    corrected: tuple[str, ...] = ()
    result: dict[str, Any] | None = None
    explanation: tuple[str, ...] = field(default_factory=tuple)


def scheme_titles(household: Mapping[str, Any], schemes: Sequence[str]) -> list[str]:
    """The Dutch names of the schemes, as benefits_rules gives them."""
    results = evaluate(household, schemes).to_dict()["schemes"]
    return [str(results[key]["title"]) for key in schemes if key in results]


def new_household(municipality: str, today: date | None = None) -> dict[str, Any]:
    return {"reference_date": (today or date.today()).isoformat(), "municipality": municipality}


def _apply(household: dict[str, Any], fact: str, value: Any) -> dict[str, Any] | None:
    """The household with the fact set, or None when the value is not valid for it."""
    try:
        updated = apply_answer(household, fact, value)
        parse_household(updated)
    except InvalidHousehold:
        return None
    return updated


def _typed_value(question_kind: str, fact: str, text: str) -> Any:
    if fact == "has_partner":
        return parsing.parse_partner(text)
    if fact == "housing":
        return parsing.parse_housing(text) or {"anders": "other"}.get(text.strip().lower())
    if fact == "municipality":
        return "heerlen" if "heerlen" in text.lower() else None
    if fact.endswith("uses_paid_childcare") or fact.endswith("parents_work_or_study"):
        return parsing.parse_yes_no(text)
    return parsing.parse_for_kind(question_kind, text)


def _finish_or_ask(
    household: dict[str, Any], schemes: Sequence[str] | None, corrected: tuple[str, ...]
) -> Step:
    question = next_question(household, schemes)
    if question is not None:
        return Step(household=household, question=question, corrected=corrected)
    evaluation = evaluate(household, schemes)
    text = explain(evaluation)
    return Step(
        household=household,
        corrected=corrected,
        result=evaluation.to_dict(),
        explanation=tuple(block for block in text.split("\n\n") if block.strip()),
    )


def start(household: Mapping[str, Any], schemes: Sequence[str] | None, text: str) -> Step:
    """Start (or resume) the check; facts in the opening message count already."""
    updated = dict(household)
    for fact, value in parsing.mentioned_facts(text).items():
        updated = _apply(updated, fact, value) or updated
    return _finish_or_ask(updated, schemes, ())


def answer(
    household: Mapping[str, Any],
    schemes: Sequence[str] | None,
    pending: str | None,
    text: str,
    button_answer: str | None = None,
) -> Step:
    """Handle the resident's answer to the pending question (or a correction of an earlier one)."""
    updated = dict(household)
    if pending is None:
        return start(updated, schemes, text)
    kind = load_rules().questions[pending].answer_kind
    if button_answer is not None:
        applied = _apply(updated, pending, button_answer)
        if applied is None:
            return Step(
                household=updated, question=next_question(updated, schemes), reprompt_kind=kind
            )
        return _finish_or_ask(applied, schemes, ())

    mentioned = parsing.mentioned_facts(text)
    corrected: list[str] = []
    for fact, value in mentioned.items():
        if fact == pending:
            continue
        before = updated.get(fact)
        applied = _apply(updated, fact, value)
        if applied is not None:
            if before is not None and before != applied.get(fact):
                corrected.append(fact)
            updated = applied

    others = [fact for fact in mentioned if fact != pending]
    if others and pending not in mentioned:
        # "nee ik heb twee kinderen": a correction of an earlier answer, not an answer to the
        # pending question (its "nee" must not count as one); ask the pending question again.
        return _finish_or_ask(updated, schemes, tuple(corrected))
    if parsing.is_dont_know(text):
        return _finish_or_ask(
            _apply(updated, pending, "unknown") or updated, schemes, tuple(corrected)
        )
    value = mentioned.get(pending)
    if value is None:
        value = _typed_value(kind, pending, text)
    # An income per month given where the year was asked (or the other way round) is kept as
    # that fact; the question is then asked again.
    if pending == "annual_income" and "net_monthly_income" in mentioned:
        value = None
    if pending == "net_monthly_income" and "annual_income" in mentioned:
        value = None
    applied = _apply(updated, pending, value) if value is not None else None
    if applied is None:
        if corrected:
            return _finish_or_ask(updated, schemes, tuple(corrected))
        return Step(household=updated, question=next_question(updated, schemes), reprompt_kind=kind)
    return _finish_or_ask(applied, schemes, tuple(corrected))
