"""Session start: remember the conversation's municipality and fill the slots every answer may
use (its phone number, town and local organisations)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.municipality import SESSION_METADATA_SLOT, municipality_of, municipality_slots


def session_start_events(metadata: Any = None) -> list[EventType]:
    """``SessionStarted`` empties every slot: the session's metadata is set again after it, so
    each later action still knows the conversation's municipality."""
    kept = [SlotSet(SESSION_METADATA_SLOT, metadata)] if metadata else []
    slots = municipality_slots(municipality_of(metadata))
    return [
        SessionStarted(),
        *kept,
        *(SlotSet(name, value) for name, value in slots.items()),
        ActionExecuted("action_listen"),
    ]


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return session_start_events(tracker.get_slot(SESSION_METADATA_SLOT))
