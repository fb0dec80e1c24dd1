""" "Wis mijn gegevens": ask first, wipe only after an explicit yes, keep everything on a no.

The API owns deletion (its database and Rasa's tracker): it sees the flag in the answer,
deletes everything and sends the resident only the confirmation.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.resume import repeat_pending_question
from actions.texts import say
from benefits_rules.contract import delete_conversation_message


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


class ActionDeleteConversation(Action):
    """Yes to "wilt u echt alles wissen?": confirm, and ask the API to wipe the conversation."""

    def name(self) -> str:
        return "action_delete_conversation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say(dispatcher, tracker, "conversation_deleted")
        dispatcher.utter_message(json_message=delete_conversation_message())
        return []
