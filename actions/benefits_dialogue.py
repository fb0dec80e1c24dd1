"""The benefits check as a conversation, without Rasa: one pure step per resident message.

benefits_rules decides what is still missing (least sensitive first) and when the outcome is
clear, and reads what the resident typed (benefits_rules.reading, .fitting, .mentions: the one
parser). This module keeps the conversation: facts said in passing count, corrections update,
implausible answers are asked back, a second misunderstanding offers buttons and a person.
``state`` (a plain dict in a slot) holds a pending confirmation and the misunderstanding count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from benefits_rules import (
    InvalidHousehold,
    Question,
    apply_answer,
    child_count,
    evaluate,
    explain,
    fit_answer,
    is_dont_know,
    load_municipality,
    load_rules,
    mentioned_facts,
    next_question,
    parse_household,
    parse_yes_no,
    plausible_facts,
    read_duration,
)
from benefits_rules.fitting import Confirm

# An ask_<scheme> intent focuses the check on that scheme; this one on the municipality's own
# schemes (the list in its municipality.yaml).
ASK_PREFIX = "ask_"
ASK_MUNICIPAL_SCHEMES = "ask_minimaregelingen"
# A clear wish to leave the check, typed during it ("stop, ik wil geen check", "laat maar").
LEAVE = re.compile(
    r"\b(stop\w*|laat\s+maar|hou\s+op|houd\s+op|geen\s+(check|vragen|zin)|niet\s+meer\s+verder|"
    r"later\s+verder|even\s+pauze|pauzeren|ander\s+onderwerp|iets\s+anders\s+vragen|"
    r"ik\s+wil\s+(eruit|weg|niet\s+meer))\b"
)
PERSON = re.compile(
    r"\b((iemand|een\s+mens|mens|medewerker|persoon|hulpverlener)\s+(spreken|bellen|praten)|"
    r"met\s+(een\s+)?(mens|medewerker|iemand|persoon)\s+(praten|spreken)|echt\s+mens)\b"
)
ANSWER_MISSES_BEFORE_HELP = 2
# A question about benefits the classifier did not place ("kan ik nog iets krijgen?"): the check.
BENEFITS_QUESTION = re.compile(
    r"\b(recht\s+op|(nog\s+)?iets\s+krijgen|ergens\s+(geld\s+)?krijgen|toeslag\w*|"
    r"regeling\w*|aanspraak|in\s+aanmerking)\b"
)


@dataclass(frozen=True)
class Step:
    """What the bot does after one resident message in the check."""

    household: dict[str, Any]
    state: dict[str, Any] = field(default_factory=dict)
    question: Question | None = None
    # Set when the answer was not understood: the text key of the reprompt.
    reprompt: str | None = None
    offer_help: bool = False  # the second misunderstanding in a row: buttons and a person
    confirm: Confirm | None = None
    corrected: tuple[str, ...] = ()
    noted: bool = False  # facts for other questions were taken from the message
    result: dict[str, Any] | None = None
    explanation: tuple[str, ...] = ()


def focus(intent: str, municipality: str) -> tuple[str, ...] | None:
    """The schemes an ask_* intent focuses the check on; None for any other intent."""
    if intent == ASK_MUNICIPAL_SCHEMES:
        return tuple(load_municipality(municipality).schemes)
    scheme = intent.removeprefix(ASK_PREFIX)
    if scheme != intent and scheme in load_rules().all_scheme_keys():
        return (scheme,)
    return None


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


def absorb(
    household: Mapping[str, Any], text: str, skip: str | None = None
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The household with every plausible fact stated in ``text``; and which facts changed."""
    updated = dict(household)
    changed: list[str] = []
    for fact, value in plausible_facts(mentioned_facts(text)).items():
        if fact == skip:
            continue
        before = updated.get(fact)
        applied = _apply(updated, fact, value)
        if applied is not None:
            if before is not None and before != applied.get(fact):
                changed.append(fact)
            updated = applied
    return updated, tuple(changed)


def _finish_or_ask(
    household: dict[str, Any],
    schemes: Sequence[str] | None,
    state: dict[str, Any],
    corrected: tuple[str, ...] = (),
) -> Step:
    state = {k: v for k, v in state.items() if k not in ("confirm", "misses", "paused")}
    question = next_question(household, schemes)
    if question is not None:
        return Step(household=household, state=state, question=question, corrected=corrected)
    evaluation = evaluate(household, schemes)
    text = explain(evaluation)
    return Step(
        household=household,
        state=state,
        corrected=corrected,
        result=evaluation.to_dict(),
        explanation=tuple(block for block in text.split("\n\n") if block.strip()),
    )


def start(
    household: Mapping[str, Any],
    schemes: Sequence[str] | None,
    text: str,
    state: Mapping[str, Any] | None = None,
) -> Step:
    """Start (or resume) the check; facts in the opening message count already."""
    updated, _ = absorb(household, text)
    return _finish_or_ask(updated, schemes, dict(state or {}))


def button_payload(question: Question | None, text: str) -> str | None:
    """A typed button title ("ik huur", "Weet ik niet") works like the button."""
    if question is None:
        return None
    typed = re.sub(r"[^\w\s.+-]", "", text.lower()).strip()
    for button in question.buttons:
        if re.sub(r"[^\w\s.+-]", "", button.title.lower()).strip() == typed:
            return button.payload
    return None


def _not_understood(
    household: dict[str, Any],
    schemes: Sequence[str] | None,
    state: dict[str, Any],
    reprompt: str,
    corrected: tuple[str, ...] = (),
) -> Step:
    misses = int(state.get("misses") or 0) + 1
    state = {**state, "misses": misses}
    state.pop("confirm", None)
    return Step(
        household=household,
        state=state,
        question=next_question(household, schemes),
        reprompt=reprompt,
        offer_help=misses >= ANSWER_MISSES_BEFORE_HELP,
        corrected=corrected,
    )


def _confirmed(
    household: dict[str, Any],
    schemes: Sequence[str] | None,
    pending: str,
    state: dict[str, Any],
    text: str,
    button_answer: str | None,
) -> Step | None:
    """The answer to a confirmation question; None when the text is a new answer instead."""
    confirm = state["confirm"]
    said = (button_answer or text).strip().lower()
    yes = parse_yes_no(said)
    if confirm.get("key") == "check_confirm_years_or_months":
        duration = read_duration(said)
        if duration is not None and duration[1] is not None:
            yes = None  # "2 jaar": a full new answer
        elif re.search(r"\bjaa?r", said):
            yes = True
        elif re.search(r"\bmaand", said):
            yes = False
    if yes is None:
        return None
    value = confirm["yes"] if yes else confirm["no"]
    if value is None:
        kind = load_rules().questions[pending].answer_kind
        return _not_understood(household, schemes, state, f"check_reprompt_{kind}")
    applied = _apply(household, pending, value)
    if applied is None:
        return None
    return _finish_or_ask(applied, schemes, state)


def answer(
    household: Mapping[str, Any],
    schemes: Sequence[str] | None,
    pending: str | None,
    text: str,
    button_answer: str | None = None,
    state: Mapping[str, Any] | None = None,
) -> Step:
    """Handle the resident's answer to the pending question (or a correction of an earlier one)."""
    current = dict(state or {})
    updated = dict(household)
    if pending is None:
        return start(updated, schemes, text, current)
    if current.get("confirm"):
        done = _confirmed(updated, schemes, pending, current, text, button_answer)
        if done is not None:
            return done
        current.pop("confirm")
    kind = load_rules().questions[pending].answer_kind
    if button_answer is None:
        button_answer = button_payload(next_question(updated, schemes), text)
    if button_answer is not None:
        applied = _apply(updated, pending, button_answer)
        if applied is None:
            return _not_understood(updated, schemes, current, f"check_reprompt_{kind}")
        return _finish_or_ask(applied, schemes, current)

    updated, corrected = absorb(updated, text, skip=pending)
    mentioned = mentioned_facts(text)
    # "housing" that only follows from a named rent is not a fact of its own here
    implied = {"housing"} if "rent" in mentioned else set()
    others = [fact for fact in mentioned if fact != pending and fact not in implied]
    if (corrected or others) and pending not in mentioned:
        # "nee wacht, 2 kinderen", "ik heb niks gespaard" at the rent question: about another
        # question, not an answer to the pending one (its "nee" or "niks" must not count as
        # one); go on from there.
        step = _finish_or_ask(updated, schemes, current, corrected)
        return replace(step, noted=not corrected)
    if re.search(r"\bnee\s+(wacht|sorry)|\bwacht\b|\bfout\b|\bik\s+bedoel", text.lower()):
        recount = _children_recount(updated, text)
        if recount is not None:
            return _finish_or_ask(recount, schemes, current, ("children",))
    if is_dont_know(text):
        return _finish_or_ask(_apply(updated, pending, "unknown") or updated, schemes, current)
    fitted = fit_answer(pending, kind, text)
    for fact, value in plausible_facts(fitted.kept).items():
        updated = _apply(updated, fact, value) or updated
    if fitted.confirm is not None:
        current["confirm"] = fitted.confirm.to_dict()
        return Step(household=updated, state=current, confirm=fitted.confirm)
    applied = _apply(updated, pending, fitted.value) if fitted.value is not None else None
    if applied is None:
        if fitted.problem is None and _children_recount(updated, text) is not None:
            return _finish_or_ask(_children_recount(updated, text) or updated, schemes, current)
        if corrected:
            return _finish_or_ask(updated, schemes, current, corrected)
        if fitted.problem is not None:
            # understood, but not enough (the ages of the children, net instead of gross):
            # say what is needed; this is not a misunderstanding
            current.pop("misses", None)
            return Step(
                household=updated,
                state=current,
                question=next_question(updated, schemes),
                reprompt=f"check_reprompt_{fitted.problem}",
            )
        return _not_understood(updated, schemes, current, f"check_reprompt_{kind}")
    return _finish_or_ask(applied, schemes, current, corrected)


def revise(household: Mapping[str, Any], schemes: Sequence[str] | None, text: str) -> Step | None:
    """A correction after the result ("nee wacht, 2 kinderen", "mijn huur is 800"): the
    check again with the new facts (asking what is now missing), or None if nothing changed."""
    updated, corrected = absorb(household, text)
    recount = _children_recount(updated, text)
    if recount is not None:
        updated, corrected = recount, (*corrected, "children")
    if updated == dict(household):
        return None
    return _finish_or_ask(updated, schemes, {}, corrected or ("household",))


def _children_recount(household: dict[str, Any], text: str) -> dict[str, Any] | None:
    """ "nee wacht, 2 kinderen" when other children were known: ask their ages again."""
    count = child_count(text)
    known = household.get("children")
    if count is None or not isinstance(known, list) or len(known) == count:
        return None
    updated = dict(household)
    updated.pop("children", None)
    return updated
