"""Session start: fill the slots every answer may use (the municipality's phone number)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import (
    ActionExecuted,
    EventType,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
)
from rasa_sdk.executor import CollectingDispatcher

from actions.municipality import municipality_settings
from actions.texts import say
from benefits_rules.contract import (
    SLOT_MUNICIPALITY_PHONE,
    delete_conversation_message,
    handoff_offer_message,
)


def session_start_events() -> list[EventType]:
    settings = municipality_settings()
    return [
        SessionStarted(),
        SlotSet(SLOT_MUNICIPALITY_PHONE, settings["phone"]),
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
        say(dispatcher, tracker, "conversation_deleted")
        dispatcher.utter_message(json_message=delete_conversation_message())
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


def offer_handoff(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Say that a person can help, and let the API show what would be shared."""
    say(dispatcher, tracker, "offer_handoff")
    dispatcher.utter_message(json_message=handoff_offer_message())


class ActionOfferHandoff(Action):
    """The resident wants a person: offer the warm handoff.

    The API and the widget show the consent screen (what would be shared, item by item); nothing
    leaves the conversation without the resident's explicit "Ja, deel dit".
    """

    def name(self) -> str:
        return "action_offer_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        offer_handoff(dispatcher, tracker)
        return []
