"""Rasa actions of the benefits check. The logic is in actions.benefits_dialogue."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import benefits_dialogue as dialogue
from actions.municipality import municipality_key
from actions.texts import say

CHECK_SLOTS = ("check_active", "check_schemes", "household", "pending_fact")


def _answer_payload(payload: str) -> str:
    """A button payload that reaches the dialogue as the answer, whatever NLU would make of it."""
    return "/inform" + json.dumps({"answer": payload}, ensure_ascii=False)


def _button_answer(tracker: Tracker) -> str | None:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "answer" and entity.get("value") is not None:
            return str(entity["value"])
    return None


def _say_step(
    dispatcher: CollectingDispatcher, tracker: Tracker, step: dialogue.Step, focused: bool
) -> list[EventType]:
    if step.corrected:
        say(dispatcher, tracker, "check_corrected")
    if step.reprompt_kind is not None:
        say(dispatcher, tracker, f"check_reprompt_{step.reprompt_kind}")
    if step.question is not None:
        question = step.question
        dispatcher.utter_message(
            text=f"{question.text}\n{question.why}",
            buttons=[
                {"title": b.title, "payload": _answer_payload(b.payload)} for b in question.buttons
            ],
        )
        return [
            SlotSet("household", step.household),
            SlotSet("pending_fact", question.fact),
            SlotSet("check_active", True),
        ]
    say(dispatcher, tracker, "check_result_intro")
    for block in step.explanation:
        dispatcher.utter_message(text=block)
    say(dispatcher, tracker, "check_after_result_focused" if focused else "check_after_result")
    summary = {
        key: {k: r.get(k) for k in ("outcome", "amount_per_month", "amount_per_year", "indicative")}
        for key, r in (step.result or {}).get("schemes", {}).items()
    }
    return [
        SlotSet("household", step.household),
        SlotSet("pending_fact", None),
        SlotSet("check_active", False),
        SlotSet("benefits_result", summary),
        SlotSet("benefits_result_text", "\n\n".join(step.explanation)),
    ]


class ActionStartCheck(Action):
    """check_benefits or ask_*: start (or widen) the check, asking only what is missing."""

    def name(self) -> str:
        return "action_start_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or "check_benefits"
        schemes = dialogue.FOCUS.get(intent)
        household = tracker.get_slot("household") or dialogue.new_household(municipality_key())
        if schemes:
            titles = dialogue.scheme_titles(household, schemes)
            say(dispatcher, tracker, "check_intro_focused", scheme=" of ".join(titles))
        else:
            say(dispatcher, tracker, "check_intro")
        step = dialogue.start(household, schemes, tracker.latest_message.get("text") or "")
        return [
            SlotSet("check_schemes", list(schemes) if schemes else None),
            *_say_step(dispatcher, tracker, step, focused=bool(schemes)),
        ]


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
        if not tracker.get_slot("check_active"):
            intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
            if intent == "nlu_fallback" and misunderstood_twice(tracker.events):
                say(dispatcher, tracker, "misunderstood_twice")
            else:
                say(dispatcher, tracker, OUTSIDE_CHECK.get(intent, "ask_rephrase"))
            return []
        schemes = tracker.get_slot("check_schemes")
        household = tracker.get_slot("household") or dialogue.new_household(municipality_key())
        step = dialogue.answer(
            household,
            schemes,
            tracker.get_slot("pending_fact"),
            tracker.latest_message.get("text") or "",
            _button_answer(tracker),
        )
        return _say_step(dispatcher, tracker, step, focused=bool(schemes))


class ActionStopCheck(Action):
    def name(self) -> str:
        return "action_stop_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say(dispatcher, tracker, "check_stopped")
        return [SlotSet(slot, False if slot == "check_active" else None) for slot in CHECK_SLOTS]


class ActionRestartCheck(Action):
    """Forget every answer and start the check again from the first question."""

    def name(self) -> str:
        return "action_restart_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say(dispatcher, tracker, "check_restarted")
        household = dialogue.new_household(municipality_key())
        step = dialogue.start(household, None, "")
        return [
            SlotSet("check_schemes", None),
            SlotSet("benefits_result", None),
            *_say_step(dispatcher, tracker, step, focused=False),
        ]


class ActionSaveResult(Action):
    """Give the resident the result as a file to keep on their own device; we keep nothing."""

    def name(self) -> str:
        return "action_save_result"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.get_slot("benefits_result_text")
        if not text:
            say(dispatcher, tracker, "no_result_to_save")
            return []
        say(dispatcher, tracker, "result_saved")
        dispatcher.utter_message(
            json_message={"download": {"filename": "uitkomst-geldcheck.txt", "content": text}}
        )
        return []
