"""Steering the check: leave it at once, and typed "ja"/"nee" that answer the last buttons."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import offer_handoff
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


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def typed_button(events: list[dict[str, Any]], intent: str, text: str) -> str | None:
    """The payload of the button of the bot's last message that the resident typed: its title
    ("Eerst zelf kijken"), or "ja"/"nee" for a "Ja, ..." or "Nee, ..." button."""
    buttons = last_buttons(events)
    typed = _plain(text)
    prefix = {"affirm": "ja", "deny": "nee"}.get(intent)
    for button in buttons:
        title = _plain(str(button.get("title") or ""))
        payload = str(button.get("payload") or "")
        if payload not in FOLLOWED_PAYLOADS:
            continue
        if title == typed or (prefix and (title == prefix or title.startswith(prefix + " "))):
            return payload
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
