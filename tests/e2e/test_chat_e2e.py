"""A Dutch conversation through the real stack: API -> Rasa -> action server, and back."""

from __future__ import annotations

import sqlite3

import httpx
import pytest

from api.conversation import session_key

pytestmark = pytest.mark.stack


@pytest.fixture
def api(stack_url: str) -> httpx.Client:
    return httpx.Client(base_url=stack_url, timeout=60)


def _session(api: httpx.Client) -> str:
    response = api.post("/api/v1/sessions")
    assert response.status_code == 201
    return str(response.json()["session_id"])


def _say(api: httpx.Client, session_id: str, text: str) -> list[dict[str, object]]:
    response = api.post(f"/api/v1/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    messages = response.json()["messages"]
    assert messages, f"no answer to {text!r}"
    return list(messages)


def test_health_is_ok_when_everything_runs(api: httpx.Client) -> None:
    response = api.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["components"] == {
        "rasa": "ok",
        "action_server": "ok",
        "database": "ok",
    }


def test_dutch_conversation_greet_topic_and_goodbye(api: httpx.Client) -> None:
    session_id = _session(api)
    greeting = _say(api, session_id, "hallo")
    assert "anoniem" in str(greeting[0]["text"])
    assert any(b["payload"] == "/check_benefits" for b in greeting[0]["buttons"])  # type: ignore[index, union-attr]

    answer = _say(api, session_id, "ik kan mijn huur niet meer betalen")
    text = " ".join(str(m["text"]) for m in answer)
    assert "verhuurder" in text
    assert "14 045" in text  # the phone number comes from the municipality's settings

    bye = _say(api, session_id, "doei, bedankt")
    assert bye


def test_button_payload_sent_as_text_works_like_a_press(api: httpx.Client) -> None:
    session_id = _session(api)
    response = api.post(f"/api/v1/sessions/{session_id}/messages", json={"text": "/ask_human"})
    assert response.status_code == 200
    body = response.json()
    assert "medewerker" in str(body["messages"][0]["text"])
    assert body["handoff_offer"] is True  # the widget now shows the consent screen


def test_urgent_topic_offers_a_person_first(api: httpx.Client) -> None:
    session_id = _session(api)
    answer = _say(api, session_id, "de deurwaarder staat morgen voor de deur")
    first = answer[0]
    assert "medewerker" in str(first["text"])
    assert first["buttons"][0]["payload"] == "/ask_human"  # type: ignore[index]


def test_gibberish_gets_a_rephrase_with_buttons(api: httpx.Client) -> None:
    session_id = _session(api)
    answer = _say(api, session_id, "qwrtp zxvbn kkkk")
    assert any(m["buttons"] for m in answer)


def _tracker_events(stack: object, sender_id: str) -> list[object]:
    response = httpx.get(
        f"http://127.0.0.1:{stack.rasa_port}/conversations/{sender_id}/tracker",  # type: ignore[attr-defined]
        params={"token": stack.token},  # type: ignore[attr-defined]
    )
    assert response.status_code == 200
    return list(response.json()["events"])


def _rows_for(stack: object, sender_id: str) -> int:
    url = str(stack.database_url).removeprefix("sqlite:///")  # type: ignore[attr-defined]
    with sqlite3.connect(url) as conn:
        sessions = conn.execute("SELECT count(*) FROM chat_sessions WHERE id = ?", (sender_id,))
        messages = conn.execute(
            "SELECT count(*) FROM chat_messages WHERE session_id = ?", (sender_id,)
        )
        return int(sessions.fetchone()[0]) + int(messages.fetchone()[0])


def test_delete_removes_the_conversation(api: httpx.Client, stack: object) -> None:
    session_id = _session(api)
    _say(api, session_id, "ik heb schulden")
    sender_id = session_key(session_id)
    assert _tracker_events(stack, sender_id), "Rasa should hold the conversation before delete"
    assert _rows_for(stack, sender_id) > 0

    assert api.delete(f"/api/v1/sessions/{session_id}").status_code == 204

    # Reading a tracker makes Rasa start a fresh, empty session: no resident message is left.
    assert [e for e in _tracker_events(stack, sender_id) if e["event"] == "user"] == []  # type: ignore[index]
    assert _rows_for(stack, sender_id) == 0
    gone = api.post(f"/api/v1/sessions/{session_id}/messages", json={"text": "hallo"})
    assert gone.status_code == 404
    assert api.delete(f"/api/v1/sessions/{session_id}").status_code == 404


def test_local_organisations_come_from_the_municipality_file(api: httpx.Client) -> None:
    """Bot answers name local organisations through slots set from the municipality's one file
    (benefits_rules/data/municipalities/<key>/municipality.yaml), never a raw {placeholder}."""
    session_id = _session(api)
    answer = _say(api, session_id, "ik heb geen geld meer voor eten")
    text = " ".join(str(m["text"]) for m in answer)
    assert "Voedselbank" in text
    assert "{" not in text
    assert "None" not in text
