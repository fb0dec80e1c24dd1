"""Rasa actions of the benefits check. The logic is in actions.benefits_dialogue."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import benefits_dialogue as dialogue
from actions.benefits_result import short_result
from actions.check_steering import pause, typed_button
from actions.handoff import offer_handoff
from actions.municipality import conversation_municipality
from actions.texts import render, say, texts
from benefits_rules import Question
from benefits_rules.contract import (
    SLOT_BENEFITS_RESULT,
    SLOT_BENEFITS_RESULT_TEXT,
    SLOT_HOUSEHOLD,
    SLOT_SITUATION,
)

CHECK_SLOTS = ("check_active", "check_schemes", SLOT_HOUSEHOLD, "pending_fact", "check_state")


def _municipality_key(tracker: Tracker) -> str:
    """The conversation's municipality (the widget's): the household lives there unless the
    resident says otherwise."""
    return conversation_municipality(tracker.get_slot).key


def _household(tracker: Tracker) -> dict[str, Any]:
    household: dict[str, Any] = tracker.get_slot(SLOT_HOUSEHOLD) or dialogue.new_household(
        _municipality_key(tracker)
    )
    return household


def _answer_payload(payload: str) -> str:
    """A button payload that reaches the dialogue as the answer, whatever NLU would make of it."""
    return "/inform" + json.dumps({"answer": payload}, ensure_ascii=False)


def _button_answer(tracker: Tracker) -> str | None:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "answer" and entity.get("value") is not None:
            return str(entity["value"])
    return None


def _buttons(question: Question) -> list[dict[str, str]]:
    return [{"title": b.title, "payload": _answer_payload(b.payload)} for b in question.buttons]


def _ask(dispatcher: CollectingDispatcher, question: Question, with_why: bool = True) -> None:
    text = f"{question.text}\n{question.why}" if with_why else question.text
    dispatcher.utter_message(text=text, buttons=_buttons(question))


def _result_summary(result: dict[str, Any]) -> dict[str, Any]:
    keys = ("title", "outcome", "amount_per_month", "amount_per_year", "indicative", "not_checked")
    return {
        key: {k: r.get(k) for k in keys} for key, r in (result or {}).get("schemes", {}).items()
    }


def _say_step(
    dispatcher: CollectingDispatcher, tracker: Tracker, step: dialogue.Step, focused: bool
) -> list[EventType]:
    kept = [SlotSet(SLOT_HOUSEHOLD, step.household), SlotSet("check_state", step.state)]
    if step.corrected:
        say(dispatcher, tracker, "check_corrected")
    elif step.noted:
        say(dispatcher, tracker, "check_noted")
    if step.confirm is not None:
        entry = texts()[step.confirm.key]
        dispatcher.utter_message(
            text=render(tracker, step.confirm.key, **step.confirm.values),
            buttons=[
                {
                    "title": str(b["title"]).format(**step.confirm.values),
                    "payload": _answer_payload(str(b["answer"])),
                }
                for b in entry["buttons"]
            ],
        )
        return [*kept, SlotSet("check_active", True)]
    if step.reprompt is not None and not step.offer_help:
        key = step.reprompt if step.reprompt in texts() else "check_reprompt_choice"
        say(dispatcher, tracker, key)
    if step.question is not None:
        question = step.question
        if step.offer_help:
            say(dispatcher, tracker, "check_misunderstood_twice")
            dispatcher.utter_message(
                text=question.text,
                buttons=[
                    *_buttons(question),
                    *[dict(b) for b in texts()["check_misunderstood_twice"]["buttons"]],
                ],
            )
        else:
            count = (tracker.get_slot(SLOT_SITUATION) or {}).get("child_count")
            if (
                question.fact == "children"
                and step.reprompt is None
                and isinstance(count, int)
                and count > 1
            ):
                say(dispatcher, tracker, "check_children_count_known", count=count)
            _ask(dispatcher, question, with_why=step.reprompt is None)
        return [*kept, SlotSet("pending_fact", question.fact), SlotSet("check_active", True)]
    result = step.result or {}
    dispatcher.utter_message(text=short_result(result, partial(render, tracker)))
    say(dispatcher, tracker, "check_after_result_focused" if focused else "check_after_result")
    return [
        *kept,
        SlotSet("pending_fact", None),
        SlotSet("check_active", False),
        SlotSet(SLOT_BENEFITS_RESULT, _result_summary(result)),
        SlotSet(SLOT_BENEFITS_RESULT_TEXT, "\n\n".join(step.explanation)),
    ]


def start_check(dispatcher: CollectingDispatcher, tracker: Tracker, intent: str) -> list[EventType]:
    """Start (or widen) the check, focused by an ask_* intent, asking only what is missing."""
    household = _household(tracker)
    schemes = dialogue.focus(intent, household.get("municipality") or _municipality_key(tracker))
    if schemes:
        titles = dialogue.scheme_titles(household, schemes)
        joined = f" {render(tracker, 'list_or')} ".join(titles)
        say(dispatcher, tracker, "check_intro_focused", scheme=joined)
    else:
        say(dispatcher, tracker, "check_intro")
    step = dialogue.start(
        household,
        schemes,
        tracker.latest_message.get("text") or "",
        tracker.get_slot("check_state"),
    )
    return [
        SlotSet("check_schemes", list(schemes) if schemes else None),
        *_say_step(dispatcher, tracker, step, focused=bool(schemes)),
    ]


def resume_check(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Ask the question where the check was (or start it)."""
    household = _household(tracker)
    schemes = tracker.get_slot("check_schemes")
    say(dispatcher, tracker, "check_resumed")
    step = dialogue.start(household, schemes, "", tracker.get_slot("check_state"))
    return _say_step(dispatcher, tracker, step, focused=bool(schemes))


def _follow_button(
    dispatcher: CollectingDispatcher, tracker: Tracker, payload: str
) -> list[EventType]:
    """What the button with ``payload`` does, for a typed "ja" (in this action: no second
    action is predicted, so the dialogue policies never see an unexpected turn)."""
    if payload == "/ask_human":
        offer_handoff(dispatcher, tracker)
        return []
    if payload == "/resume_check":
        return resume_check(dispatcher, tracker)
    if payload == "/stop_check":
        return pause(dispatcher, tracker, person=False)
    return start_check(dispatcher, tracker, "check_benefits")


class ActionStartCheck(Action):
    """check_benefits or ask_*: start (or widen) the check, asking only what is missing."""

    def name(self) -> str:
        return "action_start_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or "check_benefits"
        return start_check(dispatcher, tracker, intent)


# What an answer-like message means when no check is waiting for an answer.
OUTSIDE_CHECK = {
    "affirm": "affirm",
    "deny": "deny",
    "inform": "inform_outside_check",
    "dont_know": "dont_know_outside_check",
}


def misunderstood_twice(events: list[dict[str, Any]]) -> bool:
    """True when the last two resident messages were both not understood."""
    intents = [
        (e.get("parse_data") or {}).get("intent", {}).get("name")
        for e in events
        if e.get("event") == "user"
    ]
    return intents[-2:] == ["nlu_fallback", "nlu_fallback"]


class ActionCheckAnswer(Action):
    """An answer during the check: validate it, ask again, ask the next question, or conclude.

    Yes, no, "weet ik niet", facts and unclear messages all come here; outside a check they get
    their ordinary answer (an unclear one: the request to rephrase, with topic buttons).
    """

    def name(self) -> str:
        return "action_check_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        if not tracker.get_slot("check_active"):
            intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
            button = typed_button(tracker.events, intent, text)
            if button is not None:
                return _follow_button(dispatcher, tracker, button)
            if intent in ("nlu_fallback", "inform") and dialogue.BENEFITS_QUESTION.search(
                text.lower()
            ):
                return start_check(dispatcher, tracker, "check_benefits")
            household = tracker.get_slot(SLOT_HOUSEHOLD)
            if tracker.get_slot(SLOT_BENEFITS_RESULT) and isinstance(household, dict):
                schemes = tracker.get_slot("check_schemes")
                revised = dialogue.revise(household, schemes, text)
                if revised is not None:
                    return _say_step(dispatcher, tracker, revised, focused=bool(schemes))
            if (tracker.get_slot("check_state") or {}).get("paused") and intent != "nlu_fallback":
                say(dispatcher, tracker, "check_resume_offer")
            elif intent == "nlu_fallback" and misunderstood_twice(tracker.events):
                say(dispatcher, tracker, "misunderstood_twice")
            else:
                say(dispatcher, tracker, OUTSIDE_CHECK.get(intent, "ask_rephrase"))
            return []
        button = _button_answer(tracker)
        if button is None and (
            dialogue.LEAVE.search(text.lower()) or dialogue.PERSON.search(text.lower())
        ):
            return pause(dispatcher, tracker, person=bool(dialogue.PERSON.search(text.lower())))
        schemes = tracker.get_slot("check_schemes")
        household = _household(tracker)
        step = dialogue.answer(
            household,
            schemes,
            tracker.get_slot("pending_fact"),
            text,
            button,
            tracker.get_slot("check_state"),
        )
        return _say_step(dispatcher, tracker, step, focused=bool(schemes))


class ActionStopCheck(Action):
    """Stop the check at once. The answers stay in this conversation: "verder met de check"
    continues where it was (the resident wipes them with "wis mijn gegevens")."""

    def name(self) -> str:
        return "action_stop_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return pause(dispatcher, tracker, person=False)


class ActionResumeCheck(Action):
    """ "Verder met de check": ask the question where the check was (or start it)."""

    def name(self) -> str:
        return "action_resume_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return resume_check(dispatcher, tracker)


class ActionRestartCheck(Action):
    """Forget every answer and start the check again from the first question."""

    def name(self) -> str:
        return "action_restart_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say(dispatcher, tracker, "check_restarted")
        household = dialogue.new_household(_municipality_key(tracker))
        step = dialogue.start(household, None, "")
        return [
            SlotSet("check_schemes", None),
            SlotSet(SLOT_BENEFITS_RESULT, None),
            *_say_step(dispatcher, tracker, step, focused=False),
        ]
