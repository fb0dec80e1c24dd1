"""Rasa actions of the benefits check. The logic is in actions.benefits_dialogue."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import benefits_dialogue as dialogue
from actions.benefits_result import not_checked, short_result
from actions.municipality import municipality_key
from actions.texts import render, say, texts
from benefits_rules import Question

CHECK_SLOTS = ("check_active", "check_schemes", "household", "pending_fact", "check_state")


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
    kept = [SlotSet("household", step.household), SlotSet("check_state", step.state)]
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
                for b in entry.get("buttons") or []
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
                    *[dict(b) for b in texts()["check_misunderstood_twice"].get("buttons") or []],
                ],
            )
        else:
            count = (tracker.get_slot("situation") or {}).get("child_count")
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
        SlotSet("benefits_result", _result_summary(result)),
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


# A typed "ja"/"nee" outside the check answers the buttons of the bot's last message
# ("Ja, ik wil iemand spreken"): the action behind the button's payload runs.
BUTTON_ACTIONS = {
    "/ask_human": "action_offer_handoff",
    "/check_benefits": "action_start_check",
    "/resume_check": "action_resume_check",
    "/save_result": "action_save_result",
    "/stop_check": "action_stop_check",
}


def last_buttons(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for event in reversed(events):
        if event.get("event") == "user":
            continue
        if event.get("event") == "bot":
            return list((event.get("data") or {}).get("buttons") or [])
    return []


def typed_yes_no_button(events: list[dict[str, Any]], intent: str) -> str | None:
    """The action of the "Ja ..." (affirm) or "Nee ..." (deny) button the bot just offered."""
    prefix = {"affirm": "ja", "deny": "nee"}.get(intent)
    if prefix is None:
        return None
    for button in last_buttons(events):
        title = str(button.get("title") or "").lower()
        if title == prefix or title.startswith((prefix + ",", prefix + " ")):
            return BUTTON_ACTIONS.get(str(button.get("payload") or ""))
    return None


def _pause(dispatcher: CollectingDispatcher, tracker: Tracker, person: bool) -> list[EventType]:
    """Leave the check at once; the answers stay in this conversation to continue later."""
    state = dict(tracker.get_slot("check_state") or {})
    state["paused"] = True
    state.pop("confirm", None)
    say(dispatcher, tracker, "check_paused")
    if person:
        say(dispatcher, tracker, "offer_handoff")
        dispatcher.utter_message(json_message={"handoff_offer": True})
    return [SlotSet("check_active", False), SlotSet("check_state", state)]


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
            follow = typed_yes_no_button(tracker.events, intent)
            if follow is not None:
                return [FollowupAction(follow)]
            if intent in ("nlu_fallback", "inform") and dialogue.BENEFITS_QUESTION.search(
                text.lower()
            ):
                return [FollowupAction("action_start_check")]
            household = tracker.get_slot("household")
            if tracker.get_slot("benefits_result") and isinstance(household, dict):
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
            return _pause(dispatcher, tracker, person=bool(dialogue.PERSON.search(text.lower())))
        schemes = tracker.get_slot("check_schemes")
        household = tracker.get_slot("household") or dialogue.new_household(municipality_key())
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
        return _pause(dispatcher, tracker, person=False)


class ActionResumeCheck(Action):
    """ "Verder met de check": ask the question where the check was (or start it)."""

    def name(self) -> str:
        return "action_resume_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        household = tracker.get_slot("household") or dialogue.new_household(municipality_key())
        schemes = tracker.get_slot("check_schemes")
        say(dispatcher, tracker, "check_resumed")
        step = dialogue.start(household, schemes, "", tracker.get_slot("check_state"))
        return _say_step(dispatcher, tracker, step, focused=bool(schemes))


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


class ActionResultDetail(Action):
    """ "Meer uitleg" and "Wat kon u niet nagaan?" after a result."""

    def name(self) -> str:
        return "action_result_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        full = tracker.get_slot("benefits_result_text")
        summary = tracker.get_slot("benefits_result")
        if not full or not isinstance(summary, dict):
            active = tracker.get_slot("check_active")
            say(dispatcher, tracker, "check_no_result_yet" if active else "no_result_to_save")
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "check_not_checked":
            dispatcher.utter_message(
                text=not_checked({"schemes": summary}, partial(render, tracker))
            )
        else:
            for block in str(full).split("\n\n"):
                dispatcher.utter_message(text=block)
        say(dispatcher, tracker, "check_after_detail")
        return []


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
