"""Session start: fill the slots every answer may use (the municipality's phone number, town and
local organisations)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.municipality import municipality_slots


def session_start_events() -> list[EventType]:
    return [
        SessionStarted(),
        *(SlotSet(name, value) for name, value in municipality_slots().items()),
        ActionExecuted("action_listen"),
    ]


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return session_start_events()
