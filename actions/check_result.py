"""After the result: more explanation, what could not be checked, and the download."""

from __future__ import annotations

from functools import partial
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.benefits_result import not_checked
from actions.texts import render, say


class ActionResultDetail(Action):
    """ "Meer uitleg" and "Wat kon u niet nagaan?" after a result."""

    def name(self) -> str:
        return "action_result_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        full = tracker.get_slot("benefits_result_text")
        summary = tracker.get_slot("benefits_result")
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
        text = tracker.get_slot("benefits_result_text")
        if not text:
            say(dispatcher, tracker, "no_result_to_save")
            return []
        say(dispatcher, tracker, "result_saved")
        dispatcher.utter_message(
            json_message={"download": {"filename": "uitkomst-geldcheck.txt", "content": text}}
        )
        return []
