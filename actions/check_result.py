"""After the result: more explanation, what could not be checked, and the download."""

from __future__ import annotations

from functools import partial
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.benefits_result import not_checked
from actions.texts import render, say
from benefits_rules.contract import (
    SLOT_BENEFITS_RESULT,
    SLOT_BENEFITS_RESULT_TEXT,
    download_message,
)


class ActionResultDetail(Action):
    """ "Meer uitleg" and "Wat kon u niet nagaan?" after a result."""

    def name(self) -> str:
        return "action_result_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        full = tracker.get_slot(SLOT_BENEFITS_RESULT_TEXT)
        summary = tracker.get_slot(SLOT_BENEFITS_RESULT)
        if not full or not isinstance(summary, dict):
            active = tracker.get_slot("check_active")
            say(dispatcher, tracker, "check_no_result_yet" if active else "no_result_to_save")
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "check_not_checked":
            dispatcher.utter_message(
                text=not_checked({"schemes": summary}, partial(render, tracker))
            )
        else:
            for block in str(full).split("\n\n"):
                dispatcher.utter_message(text=block)
        say(dispatcher, tracker, "check_after_detail")
        return []


class ActionSaveResult(Action):
    """Give the resident the result as a file to keep on their own device; we keep nothing."""

    def name(self) -> str:
        return "action_save_result"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.get_slot(SLOT_BENEFITS_RESULT_TEXT)
        if not text:
            say(dispatcher, tracker, "no_result_to_save")
            return []
        say(dispatcher, tracker, "result_saved")
        dispatcher.utter_message(json_message=download_message(text))
        return []
