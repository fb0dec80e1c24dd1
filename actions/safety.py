"""Safety first: suicide or self-harm and violence at home outrank every other topic.

The NLU safety net (bot/safety/) makes sure these intents arrive whatever the classifier
thinks. The answer gives 113 / Veilig Thuis and 112, offers a person, and marks the
conversation urgent so that a handoff, once the resident consents, is urgent in the inbox.
A benefits check waiting for an answer is paused: a "ja" now answers the offer, not the check.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.texts import say
from actions.topic_memory import latest_topic_events, noted_topics

# Intent -> the key of its answer (and, with crisis_declined_, of the answer to "nee").
CRISIS = {"crisis_suicide": "suicide", "domestic_violence": "violence"}


def latest_crisis(tracker: Tracker) -> str:
    """Which crisis the conversation is about: the newest crisis topic (suicide when unsure)."""
    topics = [t for t in noted_topics(tracker) if t in CRISIS]
    return CRISIS[topics[-1]] if topics else "suicide"


class ActionCrisis(Action):
    def name(self) -> str:
        return "action_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or "crisis_suicide"
        intent = intent if intent in CRISIS else "crisis_suicide"
        say(dispatcher, tracker, f"crisis_{CRISIS[intent]}")
        # The topic goes last, so that "nee" answers about this crisis.
        events = latest_topic_events(tracker, intent)
        if tracker.get_slot("check_active"):
            events.append(SlotSet("check_active", False))
        return events


class ActionCrisisDeclined(Action):
    """ "Nee" to a person after a crisis answer: the helplines again, no pressure."""

    def name(self) -> str:
        return "action_crisis_declined"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        say(dispatcher, tracker, f"crisis_declined_{latest_crisis(tracker)}")
        return []
