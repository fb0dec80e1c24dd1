"""The bot names the municipality's phone, town and local organisations from its one file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from actions.check_facts import changes_after
from actions.municipality import conversation_municipality, municipality_slots
from actions.session_start import session_start_events
from benefits_rules import RULES_DIR_ENV, load_municipality
from benefits_rules.contract import SLOT_HOUSEHOLD, message_metadata
from tests.conftest import TEST_MUNICIPALITIES, TEST_MUNICIPALITY, with_test_municipality

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "bot" / "domain"


def _domain(part: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")).get(part) or {})
    return merged


def _response_texts() -> list[str]:
    return [variant["text"] for variants in _domain("responses").values() for variant in variants]


def _slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_session_start_fills_the_slots_from_the_municipality_file() -> None:
    slots = _slots(session_start_events())
    assert slots["municipality_phone"] == "14 045"
    assert slots["municipality_place"] == "Heerlen"
    assert slots["contact_kwijtschelding"] == "BsGW"
    assert slots == municipality_slots(load_municipality("heerlen"))


@pytest.fixture
def two_municipalities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule data serving Heerlen and the fictional Proefdorp, for every reader in this process."""
    rules = with_test_municipality(
        Path(shutil.copytree(ROOT / "benefits_rules" / "data", tmp_path / "rules"))
    )
    monkeypatch.setenv(RULES_DIR_ENV, str(rules))


@pytest.mark.usefixtures("two_municipalities")
def test_session_start_takes_the_municipality_the_api_sent() -> None:
    metadata = message_metadata(TEST_MUNICIPALITY)
    slots = _slots(session_start_events(metadata))
    assert slots["session_started_metadata"] == metadata  # kept after SessionStarted emptied it
    assert slots["municipality_phone"] == "0123 456 789"
    assert slots["municipality_phone_hours"] == "op maandag en woensdag van 8.30 tot 16.00 uur"
    assert slots["municipality_place"] == "Proefdorp"
    assert slots["contact_voedselbank"] == "Voedselbank Proefdorp"
    assert conversation_municipality(slots.get).key == TEST_MUNICIPALITY
    assert (
        _slots(session_start_events(message_metadata("heerlen")))["municipality_phone"] == "14 045"
    )


@pytest.mark.usefixtures("two_municipalities")
def test_facts_said_in_passing_go_into_the_conversations_municipality() -> None:
    slots = {"session_started_metadata": message_metadata(TEST_MUNICIPALITY)}
    changes = changes_after("inform", "ik ben 30 jaar", slots.get)
    assert changes[SLOT_HOUSEHOLD]["municipality"] == TEST_MUNICIPALITY
    # A resident of Proefdorp on Heerlen's page says where they live: that counts.
    slots = {"session_started_metadata": message_metadata("heerlen")}
    changes = changes_after("inform", "ik woon in proefdorp en ben 30", slots.get)
    assert changes[SLOT_HOUSEHOLD]["municipality"] == TEST_MUNICIPALITY


def test_every_slot_the_session_sets_is_in_the_domain() -> None:
    assert set(municipality_slots(load_municipality())) <= set(_domain("slots"))


def test_every_municipality_names_every_local_organisation_the_answers_use() -> None:
    """A municipality without, say, a food bank in its file would leave {contact_voedselbank}
    empty in an answer: each file names every role the domain has a slot for."""
    roles = {name for name in _domain("slots") if name.startswith("contact_")}
    folders = [
        *(ROOT / "benefits_rules" / "data" / "municipalities").iterdir(),
        TEST_MUNICIPALITIES / TEST_MUNICIPALITY,
    ]
    for folder in folders:
        data = yaml.safe_load((folder / "municipality.yaml").read_text(encoding="utf-8"))
        assert {f"contact_{role}" for role in data["contacts"]} == roles, folder.name


def test_every_placeholder_in_a_response_is_a_slot() -> None:
    slots = set(_domain("slots"))
    for text in _response_texts():
        assert set(re.findall(r"\{([a-z_]+)\}", text)) <= slots, text


def test_answers_name_local_organisations_only_through_their_slot() -> None:
    rephrase = yaml.safe_load((ROOT / "actions" / "rephrase.nl.yml").read_text(encoding="utf-8"))
    texts = _response_texts() + [str(e["text"]) for e in rephrase["texts"].values()]
    municipality = load_municipality()
    names = [municipality.place] + [contact.name for contact in municipality.contacts.values()]
    for text in texts:
        for name in names:
            assert name not in text, (name, text)
