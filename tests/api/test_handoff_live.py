"""Person to person: while a counsellor is connected the bot is silent; when they close, the
resident is told and the bot takes over again."""

from __future__ import annotations

from starlette.testclient import TestClient

from api.settings import Settings

from .conftest import (
    Browser,
    Clock,
    FakeRasa,
    go_online,
    handoff_url,
    logged_in,
    sender_id,
    shared_handoff,
)


def _connected(client: TestClient, fake_rasa: FakeRasa) -> tuple[str, Browser, int]:
    counsellor = logged_in(client, "sanne")
    go_online(counsellor)
    token = shared_handoff(client, fake_rasa, "chat")
    handoff_id = int(
        counsellor.get("/counsellor/inbox/queue").text.split('data-handoff="')[1].split('"')[0]
    )
    assert counsellor.post(f"/counsellor/handoffs/{handoff_id}/claim").status_code == 303
    counsellor.get(f"/counsellor/handoffs/{handoff_id}")
    return token, counsellor, handoff_id


def _say(client: TestClient, token: str, text: str) -> list[str]:
    response = client.post(f"/api/v1/sessions/{token}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return [m["text"] for m in response.json()["messages"]]


def test_messages_wait_for_the_counsellor_and_the_bot_is_silent(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    go_online(logged_in(client, "sanne"))
    token = shared_handoff(client, fake_rasa, "chat")
    before = len(fake_rasa.received)
    assert _say(client, token, "Is er al iemand?") == []
    assert len(fake_rasa.received) == before
    poll = client.get(handoff_url(token, "/messages")).json()
    assert poll["status"] == "waiting"
    assert poll["connected"] is True
    assert [m["text"] for m in poll["messages"]] == ["Is er al iemand?"]


def test_claim_tells_the_resident_who_is_writing(client: TestClient, fake_rasa: FakeRasa) -> None:
    token, _counsellor, _ = _connected(client, fake_rasa)
    poll = client.get(handoff_url(token, "/messages")).json()
    assert poll["status"] == "claimed"
    assert poll["counsellor_name"] == "Sanne, schuldhulpverlener"
    [joined] = poll["messages"]
    assert joined["sender"] == "system"
    assert "Sanne, schuldhulpverlener" in joined["text"]
    assert "mens" in joined["text"]
    assert client.get(handoff_url(token)).json()["counsellor_name"] == "Sanne, schuldhulpverlener"


def test_resident_and_counsellor_chat(client: TestClient, fake_rasa: FakeRasa) -> None:
    token, counsellor, handoff_id = _connected(client, fake_rasa)
    before = len(fake_rasa.received)
    last = client.get(handoff_url(token, "/messages")).json()["messages"][-1]["id"]
    sent = client.post(
        handoff_url(token, "/messages"), json={"text": "Ik kan de huur niet betalen"}
    )
    assert sent.status_code == 201
    assert _say(client, token, "Wat kan ik doen?") == []
    assert len(fake_rasa.received) == before
    reply = counsellor.post(
        f"/counsellor/handoffs/{handoff_id}/messages",
        {"text": "Dat gaan we samen bekijken."},
        headers={"X-Requested-With": "fetch"},
    )
    assert reply.status_code == 204
    feed = counsellor.get(f"/counsellor/handoffs/{handoff_id}/live?after={last}").json()
    assert [m["text"] for m in feed["messages"]] == [
        "Ik kan de huur niet betalen",
        "Wat kan ik doen?",
        "Dat gaan we samen bekijken.",
    ]
    poll = client.get(handoff_url(token, "/messages"), params={"after": last}).json()
    assert [(m["sender"], m["author_name"]) for m in poll["messages"]][-1] == (
        "counsellor",
        "Sanne, schuldhulpverlener",
    )


def test_resident_messages_to_the_counsellor_are_redacted(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token, counsellor, handoff_id = _connected(client, fake_rasa)
    sent = client.post(
        handoff_url(token, "/messages"), json={"text": "mijn mail is piet.pieters@example.nl"}
    ).json()
    assert "piet.pieters@example.nl" not in sent["message"]["text"]
    assert sent["notice"]
    via_chat = client.post(
        f"/api/v1/sessions/{token}/messages", json={"text": "of jan@example.org"}
    ).json()
    assert via_chat["messages"] == []  # the removal was said once already
    feed = counsellor.get(f"/counsellor/handoffs/{handoff_id}/live").text
    assert "example.nl" not in feed
    assert "example.org" not in feed


def test_close_tells_the_resident_and_the_bot_takes_over(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token, counsellor, handoff_id = _connected(client, fake_rasa)
    response = counsellor.post(f"/counsellor/handoffs/{handoff_id}/status", {"status": "closed"})
    assert response.status_code == 303
    poll = client.get(handoff_url(token, "/messages")).json()
    assert poll["status"] == "closed"
    assert poll["connected"] is False
    assert "chatbot" in poll["messages"][-1]["text"]
    assert _say(client, token, "Bedankt") == ["Dit is de chatbot."]
    assert fake_rasa.received[-1] == (sender_id(token), "Bedankt")
    sent = client.post(handoff_url(token, "/messages"), json={"text": "hallo?"})
    assert sent.status_code == 409
    assert sent.json()["error"]["code"] == "handoff_not_connected"


def test_released_handoff_goes_back_to_the_queue_and_the_resident_is_told(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token, counsellor, handoff_id = _connected(client, fake_rasa)
    counsellor.post(f"/counsellor/handoffs/{handoff_id}/status", {"status": "waiting"})
    poll = client.get(handoff_url(token, "/messages")).json()
    assert poll["status"] == "waiting"
    assert poll["counsellor_name"] is None
    assert "wachtrij" in poll["messages"][-1]["text"]
    assert f'data-handoff="{handoff_id}"' in counsellor.get("/counsellor/inbox/queue").text


def test_withdrawal_during_the_chat_ends_it(client: TestClient, fake_rasa: FakeRasa) -> None:
    token, counsellor, handoff_id = _connected(client, fake_rasa)
    assert client.post(handoff_url(token, "/withdraw")).status_code == 200
    feed = counsellor.get(f"/counsellor/handoffs/{handoff_id}/live").json()
    assert feed["status"] == "withdrawn"
    assert feed["messages"] == []
    page = counsellor.get(f"/counsellor/handoffs/{handoff_id}").text
    assert "toestemming ingetrokken" in page
    refused = counsellor.post(f"/counsellor/handoffs/{handoff_id}/messages", {"text": "Hallo?"})
    assert refused.status_code == 409
    assert _say(client, token, "Nog een vraag") == ["Dit is de chatbot."]


def test_polling_keeps_a_waiting_resident_s_session_alive(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    go_online(logged_in(client, "sanne"))
    token = shared_handoff(client, fake_rasa, "chat")
    for _ in range(8):
        clock.advance(minutes=5)
        assert client.get(handoff_url(token, "/messages")).status_code == 200
    assert client.get(handoff_url(token)).status_code == 200


def test_counsellor_cannot_write_to_a_resident_who_left(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token, counsellor, handoff_id = _connected(client, fake_rasa)
    assert client.delete(f"/api/v1/sessions/{token}").status_code == 204
    refused = counsellor.post(f"/counsellor/handoffs/{handoff_id}/messages", {"text": "Hallo?"})
    assert refused.status_code == 409
    assert "verlaten" in refused.text


def test_both_urls_take_a_live_message_the_same_way(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token, counsellor, handoff_id = _connected(client, fake_rasa)
    text = "Mijn nummer is 06-12345678, bel me maar"
    via_handoff = client.post(handoff_url(token, "/messages"), json={"text": text})
    assert via_handoff.status_code == 201
    assert _say(client, token, text) == []
    feed = counsellor.get(f"/counsellor/handoffs/{handoff_id}/live").json()
    stored = [m["text"] for m in feed["messages"] if m["sender"] == "resident"]
    assert stored == [via_handoff.json()["message"]["text"]] * 2
    assert "12345678" not in stored[0]


def test_a_too_long_live_message_is_refused_on_both_urls(
    client: TestClient, fake_rasa: FakeRasa, settings: Settings
) -> None:
    token, counsellor, handoff_id = _connected(client, fake_rasa)
    too_long = "a" * (settings.max_message_chars + 1)
    for url in (handoff_url(token, "/messages"), f"/api/v1/sessions/{token}/messages"):
        refused = client.post(url, json={"text": too_long})
        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "message_too_long"
    feed = counsellor.get(f"/counsellor/handoffs/{handoff_id}/live").json()
    assert [m for m in feed["messages"] if m["sender"] == "resident"] == []
