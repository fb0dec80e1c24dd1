"""Session start: fill the slots every answer may use (the municipality's phone number)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.municipality import municipality_settings


def session_start_events() -> list[EventType]:
    settings = municipality_settings()
    return [
        SessionStarted(),
        SlotSet("municipality_phone", settings["phone"]),
        ActionExecuted("action_listen"),
    ]


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return session_start_events()


class ActionDeleteConversation(Action):
    """ "Wis mijn gegevens": confirm, and ask the API to wipe the whole conversation.

    The API owns deletion (its database and this tracker); it sees the flag in the answer,
    deletes everything and sends the resident only this confirmation.
    """

    def name(self) -> str:
        return "action_delete_conversation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_conversation_deleted")
        dispatcher.utter_message(json_message={"delete_conversation": True})
        return []
