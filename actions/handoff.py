"""The warm handoff to a person: the offer, and a typed yes or no to it.

The API and the widget own the consent screen (what would be shared, item by item) and the
handoff itself; these actions only send the flags (benefits_rules.contract) the API acts on.
Nothing leaves the conversation without the resident's explicit "Ja, deel dit".
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.texts import say
from benefits_rules.contract import handoff_offer_message, handoff_reply_message


def offer_handoff(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Say that a person can help, and let the API show what would be shared."""
    say(dispatcher, tracker, "offer_handoff")
    dispatcher.utter_message(json_message=handoff_offer_message())


class ActionOfferHandoff(Action):
    """The resident wants a person: offer the warm handoff (the consent screen follows)."""

    def name(self) -> str:
        return "action_offer_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        offer_handoff(dispatcher, tracker)
        return []


class ActionHandoffReply(Action):
    """A typed yes or no to the offer of a person works like the consent screen's buttons.

    The API owns the handoff: it sees the flag, shows the preview first when the resident has
    not seen it yet, and otherwise shares it (chat when someone is free, else a reference code)
    or deletes it.
    """

    def name(self) -> str:
        return "action_handoff_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        dispatcher.utter_message(json_message=handoff_reply_message(intent == "affirm"))
        return []
