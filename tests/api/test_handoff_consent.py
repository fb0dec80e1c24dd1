"""Consent with a route, availability, and withdrawing consent (also the bad transitions)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.testclient import TestClient

from api.handoff.models import (
    CallbackRequest,
    ConsentRecord,
    Handoff,
    HandoffMessage,
    HandoffSummary,
)

from .conftest import (
    FULL_SLOTS,
    Clock,
    FakeRasa,
    go_online,
    handoff_url,
    in_db,
    logged_in,
    new_session,
    sender_id,
    shared_handoff,
)


def _all(client: TestClient, model: type) -> list[Any]:
    async def work(db: AsyncSession) -> list[Any]:
        return list(await db.scalars(select(model)))

    return in_db(client, work)


def _preview(client: TestClient, fake_rasa: FakeRasa) -> str:
    token = new_session(client)
    fake_rasa.slots[sender_id(token)] = FULL_SLOTS
    client.post(f"/api/v1/sessions/{token}/messages", json={"text": "ik heb schulden"})
    assert client.post(handoff_url(token)).status_code == 200
    return token


def test_consent_without_a_preview_is_refused(client: TestClient) -> None:
    token = new_session(client)
    response = client.post(handoff_url(token, "/consent"), json={"route": "reference"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "handoff_not_found"
    assert _all(client, ConsentRecord) == []


def test_reference_route_gives_a_code_to_quote_on_the_phone(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    token = _preview(client, fake_rasa)
    response = client.post(handoff_url(token, "/consent"), json={"route": "reference"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "consented"
    code = body["reference_code"]
    assert len(code) == 9
    assert code[4] == "-"
    assert code in body["notice"]
    assert "14 045" in body["notice"]
    assert body["connected"] is False
    [record] = _all(client, ConsentRecord)
    assert record.item_kinds == ["topic", "urgent", "household", "benefit", "transcript"]
    assert record.item_count == len(body["items"])
    assert record.consented_at == clock.now
    assert record.withdrawn_at is None


def test_consent_record_has_no_content(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = _preview(client, fake_rasa)
    client.put(handoff_url(token, "/question"), json={"question": "Kan ik uitstel krijgen?"})
    client.post(handoff_url(token, "/consent"), json={"route": "reference"})
    [record] = _all(client, ConsentRecord)
    stored = repr({c.key: getattr(record, c.key) for c in ConsentRecord.__table__.columns})
    assert "uitstel" not in stored
    assert "1400" not in stored
    assert "schulden" not in stored
    assert "question" in record.item_kinds


def test_exactly_the_remaining_items_and_the_transcript_are_shared(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = _preview(client, fake_rasa)
    client.delete(handoff_url(token, "/items/household:age"))
    body = client.post(handoff_url(token, "/consent"), json={"route": "reference"}).json()
    assert "household:age" not in [item["id"] for item in body["items"]]
    transcript = [m for m in _all(client, HandoffMessage) if m.part == "transcript"]
    assert [m.sender for m in transcript] == ["resident", "bot"]


def test_removing_the_transcript_item_shares_no_transcript(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = _preview(client, fake_rasa)
    client.delete(handoff_url(token, "/items/transcript"))
    client.post(handoff_url(token, "/consent"), json={"route": "reference"})
    assert _all(client, HandoffMessage) == []


def test_second_consent_is_refused(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = _preview(client, fake_rasa)
    assert (
        client.post(handoff_url(token, "/consent"), json={"route": "reference"}).status_code == 200
    )
    again = client.post(handoff_url(token, "/consent"), json={"route": "reference"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "handoff_already_shared"
    # Shared items can no longer be changed.
    assert client.delete(handoff_url(token, "/items/urgent")).status_code == 409
    assert client.put(handoff_url(token, "/question"), json={"question": "x"}).status_code == 409
    assert client.post(handoff_url(token, "/decline")).status_code == 409


def test_callback_needs_a_valid_phone_number(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = _preview(client, fake_rasa)
    missing = client.post(handoff_url(token, "/consent"), json={"route": "callback"})
    assert missing.status_code == 422
    assert missing.json()["error"]["code"] == "handoff_phone_required"
    wrong = client.post(handoff_url(token, "/consent"), json={"route": "callback", "phone": "0612"})
    assert wrong.status_code == 422
    assert wrong.json()["error"]["code"] == "handoff_phone_invalid"
    assert client.get(handoff_url(token)).json()["status"] == "offered"
    assert _all(client, ConsentRecord) == []


def test_callback_number_is_encrypted_at_rest(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = _preview(client, fake_rasa)
    response = client.post(
        handoff_url(token, "/consent"),
        json={"route": "callback", "phone": "06 12345678", "preferred_time": "morning"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "waiting"
    assert body["callback"] == {"preferred_time": "morning"}
    assert "0612345678" not in response.text
    assert "12345678" not in response.text
    [request] = _all(client, CallbackRequest)
    assert "12345678" not in request.phone_encrypted
    assert request.phone_encrypted.startswith("gAAAA")  # a Fernet token


def test_chat_now_is_refused_when_nobody_is_online(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = _preview(client, fake_rasa)
    availability = client.get(handoff_url(token, "/availability")).json()
    assert availability["chat"] is False
    assert availability["office_open"] is True
    assert availability["counsellor_online"] is False
    assert availability["callback"] is True
    assert availability["reference"] is True
    response = client.post(handoff_url(token, "/consent"), json={"route": "chat"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "handoff_chat_unavailable"
    assert "14 045" in response.json()["error"]["message"]


def test_chat_now_needs_office_hours_and_a_counsellor_online(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    counsellor = logged_in(client, "sanne")
    go_online(counsellor)
    token = _preview(client, fake_rasa)
    assert client.get(handoff_url(token, "/availability")).json()["chat"] is True
    # 17:30 in Heerlen: office closed, even with someone online.
    clock.now = datetime(2026, 12, 1, 16, 30, tzinfo=timezone.utc)
    # (Hours later: the idle login has ended, so the counsellor logs in again.)
    counsellor.login("sanne")
    counsellor.get("/counsellor/")
    token2 = new_session(client)
    closed = client.get(handoff_url(token2, "/availability")).json()
    assert closed["office_open"] is False
    assert closed["counsellor_online"] is True
    assert closed["chat"] is False


def test_counsellor_online_toggle_and_presence_decide_availability(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    counsellor = logged_in(client, "sanne")
    token = new_session(client)
    assert client.get(handoff_url(token, "/availability")).json()["chat"] is False
    go_online(counsellor)
    assert client.get(handoff_url(token, "/availability")).json()["chat"] is True
    # The browser was closed: no page seen for a while means not online.
    clock.advance(minutes=5)
    client.post(f"/api/v1/sessions/{token}/messages", json={"text": "hallo"})
    assert client.get(handoff_url(token, "/availability")).json()["chat"] is False
    counsellor.get("/counsellor/")
    assert client.get(handoff_url(token, "/availability")).json()["chat"] is True
    counsellor.post("/counsellor/presence", {"online": "0"})
    assert client.get(handoff_url(token, "/availability")).json()["chat"] is False


def test_chat_route_waits_in_the_inbox(client: TestClient, fake_rasa: FakeRasa) -> None:
    go_online(logged_in(client, "sanne"))
    token = _preview(client, fake_rasa)
    body = client.post(handoff_url(token, "/consent"), json={"route": "chat"}).json()
    assert body["status"] == "waiting"
    assert body["connected"] is True
    assert "medewerker" in body["notice"]


def test_withdrawal_deletes_the_shared_content_and_keeps_the_proof(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    token = shared_handoff(client, fake_rasa, "callback", phone="0612345678")
    clock.advance(minutes=3)
    response = client.post(handoff_url(token, "/withdraw"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "withdrawn"
    assert body["items"] == []
    assert "gewist" in body["notice"]
    assert _all(client, HandoffSummary) == []
    assert _all(client, HandoffMessage) == []
    assert _all(client, CallbackRequest) == []
    [record] = _all(client, ConsentRecord)
    assert record.withdrawn_at == clock.now
    [handoff] = _all(client, Handoff)
    assert handoff.withdrawn_at == clock.now


def test_withdrawn_handoff_cannot_be_consented_or_withdrawn_again(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = shared_handoff(client, fake_rasa)
    client.post(handoff_url(token, "/withdraw"))
    again = client.post(handoff_url(token, "/consent"), json={"route": "reference"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "handoff_withdrawn"
    twice = client.post(handoff_url(token, "/withdraw"))
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "handoff_withdrawn"
    assert client.delete(handoff_url(token, "/items/urgent")).json()["error"]["code"] == (
        "handoff_withdrawn"
    )
    # Asking again starts a new handoff, with a new consent.
    fresh = client.post(handoff_url(token)).json()
    assert fresh["status"] == "offered"
    assert fresh["items"]
    assert (
        client.post(handoff_url(token, "/consent"), json={"route": "reference"}).status_code == 200
    )
    assert len(_all(client, ConsentRecord)) == 2


def test_nothing_to_withdraw_before_consent(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = _preview(client, fake_rasa)
    response = client.post(handoff_url(token, "/withdraw"))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "handoff_not_shared"


def test_deleting_the_conversation_keeps_a_shared_handoff(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = shared_handoff(client, fake_rasa)
    assert client.delete(f"/api/v1/sessions/{token}").status_code == 204
    [handoff] = _all(client, Handoff)
    assert handoff.session_id is None
    assert len(_all(client, HandoffSummary)) == 1


def test_bad_consent_bodies_use_the_one_error_shape(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = _preview(client, fake_rasa)
    for body in ({"route": "fax"}, {"route": "chat", "extra": 1}, {}):
        response = client.post(handoff_url(token, "/consent"), json=body)
        assert response.status_code == 422
        assert set(response.json()["error"]) == {"code", "message"}


def test_openapi_documents_the_resident_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    base = "/api/v1/sessions/{session_id}/handoff"
    for path in (
        "",
        "/availability",
        "/items/{item_id}",
        "/question",
        "/consent",
        "/decline",
        "/withdraw",
        "/messages",
    ):
        assert base + path in paths
    assert not any(p.startswith("/counsellor") for p in paths)
