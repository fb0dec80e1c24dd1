"""Energy arrears: the answer depends on what the resident wrote. A (threatened) cut-off of gas,
electricity or water is urgent (a person first); otherwise the self-help answer."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.texts import say
from actions.topic_memory import topic_events

# Words that signal a (threatened) cut-off of gas, electricity or water.
_CUTOFF = re.compile(
    r"\b(afsluit\w*|afgesloten|afsnijd\w*|afgesneden|dichtgedraaid|dicht\s*draaien|"
    r"(zonder|geen)\s+(stroom|gas|licht|water|verwarming)|uitgezet|afsluiting\w*)\b",
    re.IGNORECASE,
)


def is_energy_cutoff(text: str) -> bool:
    """True when the message speaks of a (threatened) cut-off of energy or water."""
    return bool(_CUTOFF.search(text))


class ActionAnswerEnergy(Action):
    """Energy arrears: with a cut-off the urgent answer (person first), otherwise self-help."""

    def name(self) -> str:
        return "action_answer_energy"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        urgent = is_energy_cutoff(text)
        if urgent:
            say(dispatcher, tracker, "energy_cutoff")
        else:
            say(dispatcher, tracker, "cannot_pay_energy")
            dispatcher.utter_message(response="utter_offer_next")
        return topic_events(tracker, "cannot_pay_energy", urgent)
