"""A typed yes or no to the offer of a person works like the consent screen's buttons."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.testclient import TestClient

from api.handoff.models import Handoff, HandoffStatus, Route

from .conftest import FULL_SLOTS, FakeRasa, go_online, in_db, logged_in, new_session, sender_id

YES = [{"custom": {"handoff_reply": "yes"}}]
NO = [{"custom": {"handoff_reply": "no"}}]


def _say(client: TestClient, token: str, text: str) -> dict[str, Any]:
    response = client.post(f"/api/v1/sessions/{token}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _handoffs(client: TestClient) -> list[Handoff]:
    async def work(db: AsyncSession) -> list[Handoff]:
        return list(await db.scalars(select(Handoff)))

    return in_db(client, work)


def test_typed_yes_shows_the_preview_first_then_shares_it(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    fake_rasa.slots[sender_id(token)] = FULL_SLOTS
    fake_rasa.replies["ja prima, deel maar"] = YES
    fake_rasa.replies["ok doe maar"] = YES

    first = _say(client, token, "ja prima, deel maar")
    assert first["handoff_offer"] is True
    assert "zou delen" in first["messages"][-1]["text"]
    [handoff] = _handoffs(client)
    assert handoff.status is HandoffStatus.OFFERED  # nothing shared before the preview

    second = _say(client, token, "ok doe maar")
    [handoff] = _handoffs(client)
    assert handoff.status is HandoffStatus.CONSENTED
    assert handoff.route is Route.REFERENCE
    assert handoff.urgent is True
    notice = second["messages"][-1]["text"]
    assert "niemand vrij" in notice
    assert str(handoff.reference_code) in notice


def test_typed_yes_chats_when_a_counsellor_is_free(client: TestClient, fake_rasa: FakeRasa) -> None:
    go_online(logged_in(client, "sanne"))
    token = new_session(client)
    fake_rasa.replies["ja"] = YES
    _say(client, token, "ik wil iemand spreken")  # a handoff needs a resident's message first
    assert client.post(f"/api/v1/sessions/{token}/handoff").status_code == 200
    body = _say(client, token, "ja")  # the test clock is within office hours
    [handoff] = _handoffs(client)
    assert handoff.route is Route.CHAT
    assert handoff.status is HandoffStatus.WAITING
    assert "medewerker komt zo" in body["messages"][-1]["text"]


def test_typed_no_deletes_the_preview(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = new_session(client)
    fake_rasa.replies["nee liever niet"] = NO
    _say(client, token, "ik wil iemand spreken")  # a handoff needs a resident's message first
    assert client.post(f"/api/v1/sessions/{token}/handoff").status_code == 200
    body = _say(client, token, "nee liever niet")
    assert "niets gedeeld" in body["messages"][-1]["text"]
    assert _handoffs(client) == []
