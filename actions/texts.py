"""Texts the custom actions say, from ``actions/texts.nl.yml`` (editors change them there)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

TEXTS_FILE = Path(__file__).with_name("texts.nl.yml")


class _Values(dict[str, Any]):
    """Leaves an unknown {placeholder} as it is instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=1)
def texts() -> dict[str, dict[str, Any]]:
    raw = yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or raw.get("schema_version") != 1:
        raise ValueError(f"{TEXTS_FILE}: field 'schema_version' must be 1")
    entries = raw.get("texts")
    if not isinstance(entries, dict):
        raise ValueError(f"{TEXTS_FILE}: field 'texts' is missing")
    for key, entry in entries.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise ValueError(f"{TEXTS_FILE}: field 'texts.{key}.text' must be a text")
    return entries


def render(tracker: Tracker, key: str, **values: Any) -> str:
    """The text ``key`` with slots such as {municipality_phone} and ``values`` filled in."""
    filled = _Values(tracker.current_slot_values())
    filled.update(values)
    return str(texts()[key]["text"]).format_map(filled)


def say(dispatcher: CollectingDispatcher, tracker: Tracker, key: str, **values: Any) -> None:
    """Send the text ``key`` with its buttons; slots such as {municipality_phone} are filled."""
    dispatcher.utter_message(
        text=render(tracker, key, **values), buttons=list(texts()[key].get("buttons") or [])
    )
