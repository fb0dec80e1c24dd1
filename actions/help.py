"""Help when the resident asks for it ("help", "hulp") or the dialogue is lost: the topics the
bot knows and the offer of a person."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.resume import repeat_pending_question
from actions.texts import say


class ActionHelp(Action):
    """ "help", "hulp": a request for help (topics and a person), not a thank-you."""

    def name(self) -> str:
        return "action_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say(dispatcher, tracker, "help")
        repeat_pending_question(dispatcher, tracker)
        return []


class ActionCoreFallback(Action):
    """The dialogue does not know what to do next: say so and offer topics and a person."""

    def name(self) -> str:
        return "action_core_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say(dispatcher, tracker, "core_fallback")
        return [UserUtteranceReverted()]
