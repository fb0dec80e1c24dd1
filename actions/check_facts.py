"""Facts said anywhere in the conversation count: collected after every resident message.

Rasa runs ``action_validate_slot_mappings`` after each message (the Rasa server started by
``bot/serve.py`` runs ``changes_after`` itself, saving an action server call per turn; see
``bot/speedups.py``; other Rasa commands call the action server). Here it files household facts
("alleenstaande moeder van 2 kinderen", "50 duizend spaargeld") into the ``household`` slot and
facts for a counsellor (arrears and their months, a bailiff, benefits received) into
``situation``, also before the check starts. Answers during the check are left to the check.
A message about something else during the check pauses it: its answers stay for later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import benefits_dialogue as dialogue
from actions.municipality import conversation_municipality
from benefits_rules import situation_facts
from benefits_rules.contract import (
    SLOT_BENEFITS_RESULT,
    SLOT_HOUSEHOLD,
    SLOT_SITUATION,
)

# Intents the check reads as an answer while it waits for one (see rules_benefits_check.yml).
ANSWER_INTENTS = frozenset({"inform", "dont_know", "affirm", "deny", "nlu_fallback"})
# Intents about the check itself: they never pause it.
CHECK_INTENTS = frozenset(
    {
        "check_benefits",
        "stop_check",
        "restart_check",
        "resume_check",
        "save_result",
        "check_more_info",
        "check_not_checked",
        # Asides: "wat bedoel je?" and "wat is X?" are explained, then the same question comes
        # back (actions/explain.py), so the check keeps waiting for its answer.
        "explain_last",
        "explain_term",
        # "Wat moet ik nu doen?" and "hoe vraag ik dat aan?" are answered the same way
        # (actions/next_step.py).
        "ask_next_step",
        "ask_how_to_apply",
    }
)


def collect(slots: dict[str, Any], intent: str, text: str, municipality: str) -> dict[str, Any]:
    """The slot values to change after one message (a plain function, tested without Rasa)."""
    changes: dict[str, Any] = {}
    active = bool(slots.get("check_active"))
    if intent in ANSWER_INTENTS and (active or slots.get(SLOT_BENEFITS_RESULT)):
        return changes  # an answer, or a correction of the result: the check reads it
    household = slots.get(SLOT_HOUSEHOLD) or dialogue.new_household(municipality)
    updated, _ = dialogue.absorb(household, text)
    if updated != household:
        changes[SLOT_HOUSEHOLD] = updated
    situation = dict(slots.get(SLOT_SITUATION) or {})
    found = situation_facts(text)
    if found and {**situation, **found} != situation:
        changes[SLOT_SITUATION] = {**situation, **found}
    focused = dialogue.focus(intent, municipality) is not None
    if active and intent not in CHECK_INTENTS and not focused:
        changes["check_active"] = False
        changes["check_state"] = {**(slots.get("check_state") or {}), "paused": True}
    return changes


# The slots ``collect`` reads.
READ_SLOTS = ("check_active", SLOT_HOUSEHOLD, SLOT_SITUATION, "check_state", SLOT_BENEFITS_RESULT)


def changes_after(intent: str, text: str, get_slot: Callable[[str], Any]) -> dict[str, Any]:
    """The slot changes after the latest message, read from a tracker's ``get_slot``.

    One function for the action below (Rasa SDK tracker) and for the Rasa server itself.
    A button's payload ("/affirm") says no facts.
    """
    if not text or text.startswith("/"):
        return {}
    slots = {name: get_slot(name) for name in READ_SLOTS}
    return collect(slots, intent, text, conversation_municipality(get_slot).key)


class ActionValidateSlotMappings(Action):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        text = tracker.latest_message.get("text") or ""
        changes = changes_after(intent, text, tracker.get_slot)
        return [SlotSet(name, value) for name, value in changes.items()]
