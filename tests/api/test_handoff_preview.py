"""Before consent: the preview, removing items, the own question, "Nee", expired sessions."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.testclient import TestClient

from api.handoff.models import ConsentRecord, Handoff, HandoffSummary

from .conftest import FULL_SLOTS, Clock, FakeRasa, handoff_url, in_db, new_session, sender_id


def _count(client: TestClient, model: type) -> int:
    async def work(db: AsyncSession) -> int:
        return int(await db.scalar(select(func.count()).select_from(model)) or 0)

    return in_db(client, work)


def _started(client: TestClient, fake_rasa: FakeRasa) -> str:
    token = new_session(client)
    fake_rasa.slots[sender_id(token)] = FULL_SLOTS
    client.post(f"/api/v1/sessions/{token}/messages", json={"text": "ik heb schulden"})
    response = client.post(handoff_url(token))
    assert response.status_code == 200
    return token


def test_preview_shows_what_would_be_shared_and_shares_nothing(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = _started(client, fake_rasa)
    body = client.get(handoff_url(token)).json()
    assert body["status"] == "offered"
    assert body["urgent"] is True
    assert body["reference_code"] is None
    kinds = {item["kind"] for item in body["items"]}
    assert kinds == {"topic", "urgent", "household", "benefit", "transcript"}
    assert _count(client, ConsentRecord) == 0


def test_no_handoff_yet_is_404(client: TestClient) -> None:
    token = new_session(client)
    response = client.get(handoff_url(token))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "handoff_not_found"


def test_expired_session_cannot_start_or_read_a_handoff(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    token = _started(client, fake_rasa)
    clock.advance(minutes=31)
    for method, tail in [("POST", ""), ("GET", ""), ("POST", "/consent"), ("GET", "/messages")]:
        response = client.request(method, handoff_url(token, tail), json={"route": "reference"})
        assert response.status_code == 404, (method, tail)
        assert response.json()["error"]["code"] == "session_not_found"
    assert client.post(handoff_url("not-a-token")).status_code == 404


def test_rasa_down_gives_fewer_items_not_an_error(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = new_session(client)
    assert (
        client.post(f"/api/v1/sessions/{token}/messages", json={"text": "hulp"}).status_code == 200
    )
    fake_rasa.down = True
    response = client.post(handoff_url(token))
    assert response.status_code == 200
    # Nothing from Rasa's slots: only the transcript the API keeps itself.
    assert [item["kind"] for item in response.json()["items"]] == ["transcript"]


def test_removed_item_stays_removed_when_the_preview_is_rebuilt(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = _started(client, fake_rasa)
    response = client.delete(handoff_url(token, "/items/household:net_monthly_income"))
    assert response.status_code == 200
    ids = [item["id"] for item in response.json()["items"]]
    assert "household:net_monthly_income" not in ids
    rebuilt = client.post(handoff_url(token)).json()
    assert "household:net_monthly_income" not in [item["id"] for item in rebuilt["items"]]
    assert "household:rent" in [item["id"] for item in rebuilt["items"]]


def test_removing_the_urgent_item_also_drops_the_urgent_flag(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = _started(client, fake_rasa)
    assert client.delete(handoff_url(token, "/items/urgent")).json()["urgent"] is False


def test_removing_an_unknown_item_is_404(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = _started(client, fake_rasa)
    response = client.delete(handoff_url(token, "/items/household:bsn"))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "handoff_item_not_found"


def test_own_question_is_one_line_and_redacted(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = _started(client, fake_rasa)
    response = client.put(
        handoff_url(token, "/question"),
        json={"question": "Kan ik uitstel krijgen?\nMail me op jan.jansen@example.nl"},
    )
    assert response.status_code == 200
    body = response.json()
    assert "\n" not in body["question"]
    assert "jan.jansen@example.nl" not in body["question"]
    assert "[EMAIL]" in body["question"]
    ids = [item["id"] for item in body["items"]]
    assert ids.index("question") == len(ids) - 2  # before the transcript
    # A new question replaces the old one; an empty one removes it.
    body = client.put(handoff_url(token, "/question"), json={"question": "Hoe nu verder?"}).json()
    assert [i["value"] for i in body["items"] if i["kind"] == "question"] == ["Hoe nu verder?"]
    body = client.put(handoff_url(token, "/question"), json={"question": "   "}).json()
    assert body["question"] is None
    assert "question" not in [item["id"] for item in body["items"]]


def test_question_too_long_is_refused_in_dutch(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = _started(client, fake_rasa)
    response = client.put(handoff_url(token, "/question"), json={"question": "a" * 301})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "handoff_question_too_long"
    assert "300" in response.json()["error"]["message"]


def test_no_keeps_the_chat_anonymous_and_deletes_the_preview(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = _started(client, fake_rasa)
    response = client.post(handoff_url(token, "/decline"))
    assert response.status_code == 200
    assert "14 045" in response.json()["notice"]
    assert _count(client, Handoff) == 0
    assert _count(client, HandoffSummary) == 0
    assert client.get(handoff_url(token)).status_code == 404
    # Saying no twice, or before any preview, is fine.
    assert client.post(handoff_url(token, "/decline")).status_code == 200


def test_deleting_the_conversation_deletes_an_unshared_preview(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = _started(client, fake_rasa)
    assert client.delete(f"/api/v1/sessions/{token}").status_code == 204
    assert _count(client, Handoff) == 0
    assert _count(client, HandoffSummary) == 0


def test_start_again_after_consent_returns_the_shared_handoff(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = _started(client, fake_rasa)
    client.post(handoff_url(token, "/consent"), json={"route": "reference"})
    fake_rasa.slots[sender_id(token)] = {}
    again = client.post(handoff_url(token)).json()
    assert again["status"] == "consented"
    assert len(again["items"]) > 5
    assert _count(client, Handoff) == 1
