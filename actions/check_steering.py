"""Steering the check: leave it at once, and typed "ja"/"nee" that answer the last buttons."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.session import offer_handoff
from actions.texts import say

# A typed "ja"/"nee" outside the check answers the buttons of the bot's last message
# ("Ja, ik wil iemand spreken"): what the button does, happens.
FOLLOWED_PAYLOADS = frozenset({"/ask_human", "/check_benefits", "/resume_check", "/stop_check"})


def last_buttons(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for event in reversed(events):
        if event.get("event") == "user":
            continue
        if event.get("event") == "bot":
            return list((event.get("data") or {}).get("buttons") or [])
    return []


def typed_yes_no_button(events: list[dict[str, Any]], intent: str) -> str | None:
    """The payload of the "Ja ..." (affirm) or "Nee ..." (deny) button the bot just offered."""
    prefix = {"affirm": "ja", "deny": "nee"}.get(intent)
    if prefix is None:
        return None
    for button in last_buttons(events):
        title = str(button.get("title") or "").lower()
        if title == prefix or title.startswith((prefix + ",", prefix + " ")):
            payload = str(button.get("payload") or "")
            return payload if payload in FOLLOWED_PAYLOADS else None
    return None


def pause(dispatcher: CollectingDispatcher, tracker: Tracker, person: bool) -> list[EventType]:
    """Leave the check at once; the answers stay in this conversation to continue later."""
    state = dict(tracker.get_slot("check_state") or {})
    state["paused"] = True
    state.pop("confirm", None)
    say(dispatcher, tracker, "check_paused")
    if person:
        offer_handoff(dispatcher, tracker)
    return [SlotSet("check_active", False), SlotSet("check_state", state)]
