"""Whole conversations as residents write them, through the real stack (API -> Rasa -> actions).

Each file in tests/conversations/resident/ holds conversations:

    conversations:
      - name: alleenstaande moeder krijgt kindgebonden budget
        heldout: true            # its user texts never occur in the training data (checked below)
        turns:
          - user: "hoi ik ben alleenstaande moeder van 2 kinderen"
            expect:              # every key is optional
              contains: ["kindgebonden budget"]   # each must occur in this turn's bot texts
              not_contains: ["begrijp"]           # none may occur
              any_of: ["113", "0800-0113"]        # at least one must occur
              buttons: ["Ja"]                     # these button titles are offered
              handoff_offer: true                 # the API's handoff_offer flag
              conversation_deleted: false
          - press: "Ja"          # press a button of the previous turn by its title

Texts are compared case-insensitively. The held-out part is reported separately by
benchmarks/conversation_report.py; here every conversation must pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

pytestmark = pytest.mark.stack

FOLDER = Path(__file__).resolve().parent.parent / "conversations" / "resident"
NLU_DATA = Path(__file__).resolve().parent.parent.parent / "nlu_data"
TURN_KEYS = {"user", "press", "expect"}
EXPECT_KEYS = {
    "contains",
    "not_contains",
    "any_of",
    "buttons",
    "handoff_offer",
    "conversation_deleted",
}


def load_conversations() -> list[dict[str, Any]]:
    conversations: list[dict[str, Any]] = []
    for path in sorted(FOLDER.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for conversation in data.get("conversations") or []:
            conversation = dict(conversation)
            conversation["file"] = path.name
            conversations.append(conversation)
    return conversations


CONVERSATIONS = load_conversations()


def _ids() -> list[str]:
    return [f"{c['file']}:{c['name']}" for c in CONVERSATIONS]


def _bot_text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages).lower()


def _buttons(messages: list[dict[str, Any]]) -> dict[str, str]:
    return {
        str(b["title"]).lower(): str(b["payload"])
        for m in messages
        for b in (m.get("buttons") or [])
    }


def _check(turn_no: int, said: str, body: dict[str, Any], expect: dict[str, Any]) -> None:
    messages = list(body["messages"])
    text = _bot_text(messages)
    where = f"turn {turn_no} ({said!r}); bot said:\n{text}"
    for needle in expect.get("contains") or []:
        assert str(needle).lower() in text, f"missing {needle!r} at {where}"
    for needle in expect.get("not_contains") or []:
        assert str(needle).lower() not in text, f"unexpected {needle!r} at {where}"
    if expect.get("any_of"):
        assert any(str(n).lower() in text for n in expect["any_of"]), (
            f"none of {expect['any_of']!r} at {where}"
        )
    offered = _buttons(messages)
    for title in expect.get("buttons") or []:
        assert str(title).lower() in offered, f"no button {title!r} at {where}; {sorted(offered)}"
    for flag in ("handoff_offer", "conversation_deleted"):
        if flag in expect:
            assert bool(body.get(flag)) is bool(expect[flag]), f"{flag} wrong at {where}"


@pytest.fixture
def api(stack_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack_url, timeout=60) as client:
        yield client


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=_ids())
def test_resident_conversation(api: httpx.Client, conversation: dict[str, Any]) -> None:
    created = api.post("/api/v1/sessions")
    assert created.status_code == 201, created.text
    session_id = created.json()["session_id"]
    previous: dict[str, str] = {}
    for number, turn in enumerate(conversation["turns"], start=1):
        if "press" in turn:
            title = str(turn["press"]).lower()
            assert title in previous, f"turn {number}: no button {title!r}; {sorted(previous)}"
            text = previous[title]
        else:
            text = str(turn["user"])
        response = api.post(f"/api/v1/sessions/{session_id}/messages", json={"text": text})
        assert response.status_code == 200, f"turn {number} ({text!r}): {response.text}"
        body = response.json()
        _check(number, text, body, turn.get("expect") or {})
        previous = _buttons(list(body["messages"]))
        if body.get("conversation_deleted"):
            break


def test_conversation_files_are_well_formed() -> None:
    assert CONVERSATIONS, f"no conversations in {FOLDER}"
    names = [c["name"] for c in CONVERSATIONS]
    assert len(names) == len(set(names)), "conversation names must be unique"
    for conversation in CONVERSATIONS:
        assert conversation.get("turns"), conversation["name"]
        for turn in conversation["turns"]:
            assert set(turn) <= TURN_KEYS, (conversation["name"], turn)
            assert ("user" in turn) != ("press" in turn), (conversation["name"], turn)
            assert set(turn.get("expect") or {}) <= EXPECT_KEYS, (conversation["name"], turn)


def _training_texts() -> set[str]:
    texts: set[str] = set()
    for path in NLU_DATA.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    texts.add(" ".join(line[2:].lower().split()))
    return texts


def test_heldout_conversations_are_never_trained_on() -> None:
    heldout = [c for c in CONVERSATIONS if c.get("heldout")]
    assert heldout, "keep a held-out part of the conversations"
    trained = _training_texts()
    for conversation in heldout:
        for turn in conversation["turns"]:
            if "user" in turn:
                said = " ".join(str(turn["user"]).lower().split())
                assert said not in trained, f"{conversation['name']}: {said!r} is in nlu_data"
