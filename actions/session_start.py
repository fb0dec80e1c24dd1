"""Session start: fill the slots every answer may use (the municipality's phone number)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.municipality import served_municipality
from benefits_rules.contract import SLOT_MUNICIPALITY_PHONE


def session_start_events() -> list[EventType]:
    return [
        SessionStarted(),
        SlotSet(SLOT_MUNICIPALITY_PHONE, served_municipality().phone),
        ActionExecuted("action_listen"),
    ]


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return session_start_events()
