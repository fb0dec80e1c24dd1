"""What the conversation remembers about its topics: which money topics came up (slot
``topics``, in order) and whether any was urgent (slot ``urgent``).

The API reads both for the warm handoff: the counsellor sees the topics, and an urgent
conversation comes first in the inbox. Every action that notes a topic does it through here.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from benefits_rules.contract import SLOT_TOPICS, SLOT_URGENT

URGENT_TOPICS = frozenset({"bailiff_or_garnishment", "eviction_threat", "food_emergency"})


def noted_topics(tracker: Tracker) -> list[str]:
    """The topics of the conversation so far, oldest first."""
    return list(tracker.get_slot(SLOT_TOPICS) or [])


def topic_events(tracker: Tracker, topic: str, urgent: bool) -> list[EventType]:
    """Note ``topic`` (once) and, when it is urgent, mark the conversation urgent."""
    topics = noted_topics(tracker)
    events: list[EventType] = []
    if topic not in topics:
        events.append(SlotSet(SLOT_TOPICS, [*topics, topic]))
    if urgent and not tracker.get_slot(SLOT_URGENT):
        events.append(SlotSet(SLOT_URGENT, True))
    return events


def latest_topic_events(tracker: Tracker, topic: str) -> list[EventType]:
    """Note ``topic`` as the newest (moved to the end) and mark the conversation urgent.

    For a crisis: whatever came up before, the newest crisis is what a "nee" answers.
    """
    topics = [t for t in noted_topics(tracker) if t != topic]
    return [SlotSet(SLOT_TOPICS, [*topics, topic]), SlotSet(SLOT_URGENT, True)]


class ActionNoteTopic(Action):
    """Note the intent of the resident's message as a topic (urgent ones mark the conversation)."""

    def name(self) -> str:
        return "action_note_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if not intent:
            return []
        return topic_events(tracker, intent, intent in URGENT_TOPICS)
