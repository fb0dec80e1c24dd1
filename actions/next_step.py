""" "Wat moet ik nu doen?" and "hoe vraag ik dat aan?": the next concrete step for what the
conversation is about, without losing the check's pending question.

The next step follows the newest money topic (slot ``topics``); how to apply comes from the
rules of the schemes being checked (each period's ``how_to_apply``), never from a list here.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.benefits_dialogue import new_household
from actions.municipality import conversation_municipality
from actions.resume import pending_question, repeat_pending_question
from actions.texts import fill, say, texts
from actions.topic_memory import noted_topics
from benefits_rules import evaluate, load_rules
from benefits_rules.contract import SLOT_HOUSEHOLD

# A check of more schemes than this has no one "dat" to apply for.
MAX_SCHEMES_TO_EXPLAIN = 2


def _next_step_key(tracker: Tracker) -> str:
    for topic in reversed(noted_topics(tracker)):
        if f"next_step_{topic}" in texts():
            return f"next_step_{topic}"
    return "next_step_unknown"


class ActionNextStep(Action):
    """The first concrete steps for the newest money topic, then the pending question."""

    def name(self) -> str:
        return "action_next_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        key = _next_step_key(tracker)
        say(dispatcher, tracker, key)
        if not repeat_pending_question(dispatcher, tracker) and key != "next_step_unknown":
            say(dispatcher, tracker, "next_step_offer")
        return []


def _schemes(tracker: Tracker) -> list[str]:
    chosen = tracker.get_slot("check_schemes") or []
    known = load_rules().all_scheme_keys()
    return [s for s in chosen if s in known][: MAX_SCHEMES_TO_EXPLAIN + 1]


class ActionHowToApply(Action):
    """How to apply for the scheme(s) being checked, then the pending question."""

    def name(self) -> str:
        return "action_how_to_apply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        schemes = _schemes(tracker)
        if not schemes or len(schemes) > MAX_SCHEMES_TO_EXPLAIN:
            if pending_question(tracker) is None:
                say(dispatcher, tracker, "apply_unknown")
            else:
                dispatcher.utter_message(text=fill(tracker, texts()["apply_unknown"]["text"]))
            repeat_pending_question(dispatcher, tracker)
            return []
        household = tracker.get_slot(SLOT_HOUSEHOLD) or new_household(
            conversation_municipality(tracker.get_slot).key
        )
        for result in evaluate(household, schemes).results:
            if result.how_to_apply is not None:
                how = result.how_to_apply
                say(
                    dispatcher, tracker, "apply_for", title=result.title, text=how.text, url=how.url
                )
        repeat_pending_question(dispatcher, tracker)
        return []
