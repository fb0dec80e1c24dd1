"""The bot-API contract: what the action server sends is exactly what the API reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from benefits_rules import contract
from benefits_rules.contract import Custom, read_custom

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "bot" / "domain"


def _domain_slots() -> set[str]:
    slots: set[str] = set()
    for path in DOMAIN_DIR.glob("*.yml"):
        slots |= set((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("slots") or {})
    return slots


def test_every_shared_slot_is_declared_in_the_domain() -> None:
    shared = {value for name, value in vars(contract).items() if name.startswith("SLOT_")}
    assert shared, "the contract names no slots"
    assert shared <= _domain_slots()


def test_each_message_the_bot_sends_reads_back_as_meant() -> None:
    assert read_custom(contract.delete_conversation_message()) == Custom(delete_conversation=True)
    assert read_custom(contract.handoff_offer_message()) == Custom(handoff_offer=True)
    assert read_custom(contract.handoff_reply_message(True)) == Custom(handoff_reply=True)
    assert read_custom(contract.handoff_reply_message(False)) == Custom(handoff_reply=False)
    saved = read_custom(contract.download_message("Uw uitkomst"))
    assert saved.download_filename == contract.DOWNLOAD_FILENAME
    assert saved.download_content == "Uw uitkomst"


@pytest.mark.parametrize(
    "custom",
    [
        None,
        "delete_conversation",
        {"delete_conversation": "true"},
        {"handoff_offer": 1},
        {"handoff_reply": "misschien"},
        {"download": {"filename": "../../etc/passwd"}},
        {"download": "text"},
    ],
)
def test_a_payload_not_in_the_agreed_shape_asks_nothing(custom: Any) -> None:
    assert read_custom(custom) == Custom()


def test_the_file_name_is_ours_never_the_payloads() -> None:
    odd = {"download": {"filename": "../../etc/passwd", "content": "x"}}
    assert read_custom(odd).download_filename == contract.DOWNLOAD_FILENAME


def test_the_nlu_entry_reads_back_as_meant() -> None:
    read = read_custom(contract.nlu_message("debt_worries", 0.42))
    assert read == Custom(nlu=contract.Nlu("debt_worries", 0.42))
    assert contract.read_nlu(contract.nlu_message("greet", 1)) == contract.Nlu("greet", 1.0)


@pytest.mark.parametrize(
    "custom",
    [
        {"nlu": "greet"},
        {"nlu": {"intent": None, "confidence": 0.4}},
        {"nlu": {"intent": "", "confidence": 0.4}},
        {"nlu": {"intent": "greet"}},
        {"nlu": {"intent": "greet", "confidence": "0.4"}},
        {"nlu": {"intent": "greet", "confidence": True}},
        {"nlu": {"intent": "greet", "confidence": float("nan")}},
    ],
)
def test_a_malformed_nlu_entry_says_nothing(custom: Any) -> None:
    assert contract.read_nlu(custom) is None
    assert read_custom(custom).nlu is None
