"""Texts the custom actions say, from ``actions/texts.nl.yml`` (editors change them there).

Read from the live content root (``benefits_rules.texts``): a published version is picked up
without restarting the action server.

A conversation in English (slot ``language`` is "en") gets the text from ``texts.en.yml`` when
that file has the key; everything else stays Dutch.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from benefits_rules.contract import SLOT_LANGUAGE
from benefits_rules.texts import TextEntry, live_text_entries

TEXTS_FILE = "actions/texts.nl.yml"
ENGLISH_FILE = "actions/texts.en.yml"


class _Values(dict[str, Any]):
    """Leaves an unknown {placeholder} as it is instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def texts() -> dict[str, TextEntry]:
    return live_text_entries(TEXTS_FILE)


def english_texts() -> dict[str, TextEntry]:
    return live_text_entries(ENGLISH_FILE)


def in_english(tracker: Tracker) -> bool:
    return bool(tracker.get_slot(SLOT_LANGUAGE) == "en")


def entry_for(tracker: Tracker, key: str) -> TextEntry:
    """The text entry ``key`` in the conversation's language (Dutch when there is no English)."""
    if in_english(tracker) and key in english_texts():
        return english_texts()[key]
    return texts()[key]


def fill(tracker: Tracker, template: str, **values: Any) -> str:
    """``template`` with slots such as {municipality_phone} and ``values`` filled in."""
    filled = _Values(tracker.current_slot_values())
    filled.update(values)
    return template.format_map(filled)


def render(tracker: Tracker, key: str, **values: Any) -> str:
    """The text ``key`` in the conversation's language, with slots and ``values`` filled in."""
    return fill(tracker, entry_for(tracker, key)["text"], **values)


def say(dispatcher: CollectingDispatcher, tracker: Tracker, key: str, **values: Any) -> None:
    """Send the text ``key`` with its buttons; slots such as {municipality_phone} are filled."""
    entry = entry_for(tracker, key)
    dispatcher.utter_message(
        text=render(tracker, key, **values),
        buttons=[dict(button) for button in entry["buttons"]],
        text_key=key,
    )
