"""Steering outside the benefits check: "help", wiping only after an explicit yes, and typed
answers to the offer of a person.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.resume import repeat_pending_question
from actions.texts import say
from benefits_rules.contract import handoff_reply_message


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


class ActionConfirmDelete(Action):
    """ "Wis mijn gegevens": ask first. Only a clear yes to this question wipes anything."""

    def name(self) -> str:
        return "action_confirm_delete"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say(dispatcher, tracker, "confirm_delete")
        return []


class ActionKeepData(Action):
    """No (or anything but yes) to "wilt u echt alles wissen?": nothing is wiped."""

    def name(self) -> str:
        return "action_keep_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say(dispatcher, tracker, "delete_kept")
        repeat_pending_question(dispatcher, tracker)
        return []


class ActionHandoffReply(Action):
    """A typed yes or no to the offer of a person works like the consent screen's buttons.

    The API owns the handoff: it sees the flag, shows the preview first when the resident has
    not seen it yet, and otherwise shares it (chat when someone is free, else a reference code)
    or deletes it.
    """

    def name(self) -> str:
        return "action_handoff_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        dispatcher.utter_message(json_message=handoff_reply_message(intent == "affirm"))
        return []
