"""The bot names the municipality's phone, town and local organisations from its one file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from actions.municipality import municipality_slots, served_municipality
from actions.session_start import session_start_events

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "bot" / "domain"


def _domain(part: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")).get(part) or {})
    return merged


def _response_texts() -> list[str]:
    return [variant["text"] for variants in _domain("responses").values() for variant in variants]


def test_session_start_fills_the_slots_from_the_municipality_file() -> None:
    slots = {e["name"]: e["value"] for e in session_start_events() if e["event"] == "slot"}
    assert slots["municipality_phone"] == "14 045"
    assert slots["municipality_place"] == "Heerlen"
    assert slots["contact_kwijtschelding"] == "BsGW"
    assert slots == municipality_slots()


def test_every_slot_the_session_sets_is_in_the_domain() -> None:
    assert set(municipality_slots()) <= set(_domain("slots"))


def test_every_placeholder_in_a_response_is_a_slot() -> None:
    slots = set(_domain("slots"))
    for text in _response_texts():
        assert set(re.findall(r"\{([a-z_]+)\}", text)) <= slots, text


def test_answers_name_local_organisations_only_through_their_slot() -> None:
    rephrase = yaml.safe_load((ROOT / "actions" / "rephrase.nl.yml").read_text(encoding="utf-8"))
    texts = _response_texts() + [str(e["text"]) for e in rephrase["texts"].values()]
    municipality = served_municipality()
    names = [municipality.place] + [contact.name for contact in municipality.contacts.values()]
    for text in texts:
        for name in names:
            assert name not in text, (name, text)
