"""Remember which money topics came up, and whether any was urgent (for a warm handoff)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from benefits_rules.contract import SLOT_TOPICS, SLOT_URGENT

URGENT_TOPICS = frozenset({"bailiff_or_garnishment", "eviction_threat", "food_emergency"})


def topic_events(tracker: Tracker, topic: str, urgent: bool) -> list[EventType]:
    topics = list(tracker.get_slot(SLOT_TOPICS) or [])
    events: list[EventType] = []
    if topic not in topics:
        events.append(SlotSet(SLOT_TOPICS, [*topics, topic]))
    if urgent and not tracker.get_slot(SLOT_URGENT):
        events.append(SlotSet(SLOT_URGENT, True))
    return events


class ActionNoteTopic(Action):
    def name(self) -> str:
        return "action_note_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if not intent:
            return []
        return topic_events(tracker, intent, intent in URGENT_TOPICS)
