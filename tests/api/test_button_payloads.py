"""A pressed button's payload reaches the bot as it is; anything else is redacted as usual."""

from __future__ import annotations

from starlette.testclient import TestClient

from .conftest import FakeRasa, new_session


def test_offered_payload_is_not_taken_for_a_name(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = new_session(client)
    fake_rasa.replies["wis mijn gegevens"] = [
        {"text": "Wilt u echt alles wissen?", "buttons": [{"title": "Nee", "payload": "/deny"}]}
    ]
    url = f"/api/v1/sessions/{token}/messages"
    assert client.post(url, json={"text": "wis mijn gegevens"}).status_code == 200
    body = client.post(url, json={"text": "/deny"}).json()
    assert fake_rasa.received[-1][1] == "/deny"
    assert "persoonlijke gegevens" not in body["messages"][0]["text"]


def test_a_payload_never_offered_is_redacted(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = new_session(client)
    assert client.post(f"/api/v1/sessions/{token}/messages", json={"text": "/deny"}).status_code
    assert fake_rasa.received[-1][1] != "/deny"


def test_a_typed_button_title_works_like_pressing_it(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    fake_rasa.replies["wis mijn gegevens"] = [
        {
            "text": "Wilt u echt alles wissen?",
            "buttons": [
                {"title": "Ja, wis alles", "payload": "/confirm_delete"},
                {"title": "Nee, niet wissen", "payload": "/deny"},
            ],
        }
    ]
    url = f"/api/v1/sessions/{token}/messages"
    assert client.post(url, json={"text": "wis mijn gegevens"}).status_code == 200
    # "wissen" in the typed title must not be read as a new request to wipe.
    assert client.post(url, json={"text": "nee, niet wissen"}).status_code == 200
    assert fake_rasa.received[-1][1] == "/deny"


def test_only_the_last_turns_buttons_count_for_typed_titles(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    fake_rasa.replies["hallo"] = [
        {"text": "Waarmee kan ik helpen?", "buttons": [{"title": "Schulden", "payload": "/debt"}]}
    ]
    url = f"/api/v1/sessions/{token}/messages"
    client.post(url, json={"text": "hallo"})
    client.post(url, json={"text": "ik kom niet rond"})  # the bot's plain answer has no buttons
    client.post(url, json={"text": "schulden"})
    assert fake_rasa.received[-1][1] == "schulden"
