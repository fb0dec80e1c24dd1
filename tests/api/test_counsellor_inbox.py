"""The counsellor's inbox: order, claiming, municipality boundaries, notes, status, call-backs,
the audit log."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.testclient import TestClient

from api.audit import AuditEntry
from api.handoff.models import CallbackRequest, CounsellorNote, Handoff

from .conftest import (
    Browser,
    Clock,
    FakeRasa,
    handoff_url,
    in_db,
    logged_in,
    shared_handoff,
)


def _handoff(client: TestClient, token_code: str) -> Handoff:
    async def work(db: AsyncSession) -> Handoff:
        found = await db.scalar(select(Handoff).where(Handoff.reference_code == token_code))
        assert found is not None
        return found

    return in_db(client, work)


def _share(
    client: TestClient,
    fake_rasa: FakeRasa,
    route: str = "reference",
    slots: dict[str, Any] | None = None,
    **consent: str,
) -> Handoff:
    token = shared_handoff(client, fake_rasa, route, slots, **consent)
    return _handoff(client, client.get(handoff_url(token)).json()["reference_code"])


def _audit(client: TestClient) -> list[tuple[str, int | None, str]]:
    async def work(db: AsyncSession) -> list[tuple[str, int | None, str]]:
        rows = await db.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(r.username, r.handoff_id, r.action) for r in rows]

    return in_db(client, work)


def _queue_ids(counsellor: Browser) -> list[int]:
    html = counsellor.get("/counsellor/inbox/queue").text
    return [int(i) for i in re.findall(r'data-handoff="(\d+)"', html)]


def test_queue_is_urgent_first_then_oldest(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    calm = {"topics": ["budgeting_help"]}
    old_calm = _share(client, fake_rasa, slots=calm)
    clock.advance(minutes=1)
    old_urgent = _share(client, fake_rasa)
    clock.advance(minutes=1)
    new_calm = _share(client, fake_rasa, slots=calm)
    clock.advance(minutes=1)
    new_urgent = _share(client, fake_rasa)
    counsellor = logged_in(client, "sanne")
    assert _queue_ids(counsellor) == [old_urgent.id, new_urgent.id, old_calm.id, new_calm.id]
    page = counsellor.get("/counsellor/").text
    assert "(4 wachtend)" in page
    assert "Spoed" in page
    # The queue shows no content: that takes opening (and auditing) the handoff.
    assert "schulden" not in page


def test_unshared_previews_never_reach_the_inbox(client: TestClient, fake_rasa: FakeRasa) -> None:
    from .conftest import new_session

    token = new_session(client)
    client.post(f"/api/v1/sessions/{token}/messages", json={"text": "ik heb schulden"})
    assert client.post(handoff_url(token)).status_code == 200
    counsellor = logged_in(client, "sanne")
    assert _queue_ids(counsellor) == []

    async def first(db: AsyncSession) -> int:
        return int(await db.scalar(select(Handoff.id)) or 0)

    assert counsellor.get(f"/counsellor/handoffs/{in_db(client, first)}").status_code == 404


def test_claim_and_view_summary_first_then_transcript(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff = _share(client, fake_rasa)
    counsellor = logged_in(client, "sanne")
    before = counsellor.get(f"/counsellor/handoffs/{handoff.id}").text
    assert "Zorgen over schulden".lower() in before.lower()
    assert "Gesprek met de chatbot" not in before  # transcript only after claiming
    assert counsellor.post(f"/counsellor/handoffs/{handoff.id}/claim").status_code == 303
    page = counsellor.get(f"/counsellor/handoffs/{handoff.id}").text
    assert page.index("Samenvatting") < page.index("Gesprek met de chatbot")
    assert "ik heb schulden" in page
    assert _queue_ids(counsellor) == []
    assert f"/counsellor/handoffs/{handoff.id}" in counsellor.get("/counsellor/").text
    assert [a for a in _audit(client) if a[1] == handoff.id] == [
        ("sanne", handoff.id, "view"),
        ("sanne", handoff.id, "claim"),
        ("sanne", handoff.id, "view"),
    ]


def test_claiming_a_claimed_handoff_is_refused(client: TestClient, fake_rasa: FakeRasa) -> None:
    handoff = _share(client, fake_rasa)
    sanne = logged_in(client, "sanne")
    piet = logged_in(client, "piet", display_name="Piet")
    assert sanne.post(f"/counsellor/handoffs/{handoff.id}/claim").status_code == 303
    refused = piet.post(f"/counsellor/handoffs/{handoff.id}/claim")
    assert refused.status_code == 409
    assert "al opgepakt" in refused.text
    assert sanne.post(f"/counsellor/handoffs/{handoff.id}/claim").status_code == 409
    # Piet sees who has it, not the content.
    page = piet.get(f"/counsellor/handoffs/{handoff.id}").text
    assert "in behandeling bij Sanne" in page
    assert "schulden" not in page.lower()
    assert _handoff(client, handoff.reference_code or "").claimed_by_id is not None


def test_other_municipality_sees_nothing(client: TestClient, fake_rasa: FakeRasa) -> None:
    handoff = _share(client, fake_rasa, "callback", phone="0612345678")
    other = logged_in(client, "maastricht1", municipality="maastricht")
    assert _queue_ids(other) == []
    for method, url in [
        ("GET", f"/counsellor/handoffs/{handoff.id}"),
        ("POST", f"/counsellor/handoffs/{handoff.id}/claim"),
        ("POST", f"/counsellor/handoffs/{handoff.id}/notes"),
        ("POST", f"/counsellor/handoffs/{handoff.id}/status"),
    ]:
        response = (
            other.post(url, {"text": "x", "status": "closed"})
            if method == "POST"
            else (other.get(url))
        )
        assert response.status_code == 404, url
    assert (
        other.get(
            f"/counsellor/handoffs/{handoff.id}/live", headers={"X-Requested-With": "fetch"}
        ).status_code
        == 404
    )
    assert "0612" not in other.get("/counsellor/callbacks").text
    assert (
        other.post("/counsellor/lookup", {"code": handoff.reference_code or ""})
        .headers["location"]
        .endswith("code_not_found")
    )
    assert _handoff(client, handoff.reference_code or "").claimed_by_id is None


def test_lookup_by_reference_code(client: TestClient, fake_rasa: FakeRasa) -> None:
    handoff = _share(client, fake_rasa)
    counsellor = logged_in(client, "sanne")
    spoken = (handoff.reference_code or "").replace("-", " ").lower()
    found = counsellor.post("/counsellor/lookup", {"code": spoken})
    assert found.headers["location"] == f"/counsellor/handoffs/{handoff.id}"
    missing = counsellor.post("/counsellor/lookup", {"code": "ZZZZ-ZZZZ"})
    assert missing.headers["location"] == "/counsellor/?msg=code_not_found"


def test_notes_and_status_changes(client: TestClient, fake_rasa: FakeRasa) -> None:
    handoff = _share(client, fake_rasa, "callback", phone="0612345678")
    counsellor = logged_in(client, "sanne")
    url = f"/counsellor/handoffs/{handoff.id}"
    assert counsellor.post(f"{url}/notes", {"text": "eerst huur"}).status_code == 409  # not yet
    counsellor.post(f"{url}/claim")
    assert counsellor.post(f"{url}/notes", {"text": "Belt dinsdag terug."}).status_code == 303
    assert counsellor.post(f"{url}/notes", {"text": "   "}).status_code == 422
    assert "Belt dinsdag terug." in counsellor.get(url).text
    assert counsellor.post(f"{url}/status", {"status": "callback_planned"}).status_code == 303
    assert _handoff(client, handoff.reference_code or "").status.value == "callback_planned"
    assert counsellor.post(f"{url}/status", {"status": "open"}).status_code == 303
    assert _handoff(client, handoff.reference_code or "").status.value == "claimed"
    assert counsellor.post(f"{url}/status", {"status": "exploded"}).status_code == 422
    assert counsellor.post(f"{url}/status", {"status": "closed"}).status_code == 303
    closed = _handoff(client, handoff.reference_code or "")
    assert closed.status.value == "closed"
    assert closed.closed_at is not None

    async def callbacks(db: AsyncSession) -> list[CallbackRequest]:
        return list(await db.scalars(select(CallbackRequest)))

    assert in_db(client, callbacks) == []  # the number goes when the handoff is closed
    # Closed is final for status changes.
    assert counsellor.post(f"{url}/status", {"status": "open"}).status_code == 409
    actions = [a[2] for a in _audit(client) if a[1] == handoff.id]
    assert "note" in actions
    assert "status_closed" in actions


def test_call_back_planned_only_for_call_backs(client: TestClient, fake_rasa: FakeRasa) -> None:
    handoff = _share(client, fake_rasa)
    counsellor = logged_in(client, "sanne")
    counsellor.post(f"/counsellor/handoffs/{handoff.id}/claim")
    response = counsellor.post(
        f"/counsellor/handoffs/{handoff.id}/status", {"status": "callback_planned"}
    )
    assert response.status_code == 409


def test_phone_number_only_for_the_counsellor_who_claimed_it(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff = _share(client, fake_rasa, "callback", phone="+31 6 12345678")
    sanne = logged_in(client, "sanne")
    piet = logged_in(client, "piet", display_name="Piet")
    before = sanne.get("/counsellor/callbacks").text
    assert "06 12345678" not in before
    assert str(handoff.reference_code) in before
    sanne.post(f"/counsellor/handoffs/{handoff.id}/claim")
    assert "06 12345678" in sanne.get("/counsellor/callbacks").text
    assert "06 12345678" in sanne.get(f"/counsellor/handoffs/{handoff.id}").text
    assert "12345678" not in piet.get("/counsellor/callbacks").text
    assert "12345678" not in piet.get(f"/counsellor/handoffs/{handoff.id}").text
    assert ("sanne", handoff.id, "view_phone") in _audit(client)
    # Done: the number is deleted at once.
    assert sanne.post(f"/counsellor/handoffs/{handoff.id}/callback-done").status_code == 303
    assert "06 12345678" not in sanne.get("/counsellor/callbacks").text


def test_withdrawn_handoff_shows_as_withdrawn(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = shared_handoff(client, fake_rasa)
    handoff = _handoff(client, client.get(handoff_url(token)).json()["reference_code"])
    counsellor = logged_in(client, "sanne")
    url = f"/counsellor/handoffs/{handoff.id}"
    counsellor.post(f"{url}/claim")
    client.post(handoff_url(token, "/withdraw"))
    inbox = counsellor.get("/counsellor/").text
    assert "Toestemming ingetrokken" in inbox
    page = counsellor.get(url).text
    assert "toestemming ingetrokken" in page
    assert "schulden" not in page.lower()
    assert counsellor.post(f"{url}/notes", {"text": "x"}).status_code == 409
    assert counsellor.post(f"{url}/status", {"status": "open"}).status_code == 409
    # Closing only takes it off the counsellor's list; it stays "withdrawn".
    assert counsellor.post(f"{url}/status", {"status": "closed"}).status_code == 303
    assert url not in counsellor.get("/counsellor/").text
    assert _handoff(client, handoff.reference_code or "").status.value == "withdrawn"
    assert counsellor.post(f"{url}/status", {"status": "closed"}).status_code == 409


def test_withdrawn_before_claim_cannot_be_claimed(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = shared_handoff(client, fake_rasa)
    handoff = _handoff(client, client.get(handoff_url(token)).json()["reference_code"])
    client.post(handoff_url(token, "/withdraw"))
    counsellor = logged_in(client, "sanne")
    assert _queue_ids(counsellor) == []
    refused = counsellor.post(f"/counsellor/handoffs/{handoff.id}/claim")
    assert refused.status_code == 409
    assert "ingetrokken" in refused.text


def test_notes_stay_out_of_the_resident_api(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = shared_handoff(client, fake_rasa)
    handoff = _handoff(client, client.get(handoff_url(token)).json()["reference_code"])
    counsellor = logged_in(client, "sanne")
    counsellor.post(f"/counsellor/handoffs/{handoff.id}/claim")
    counsellor.post(f"/counsellor/handoffs/{handoff.id}/notes", {"text": "interne notitie"})
    assert "interne notitie" not in client.get(handoff_url(token)).text
    assert "interne notitie" not in client.get(handoff_url(token, "/messages")).text

    async def notes(db: AsyncSession) -> list[str]:
        return list(await db.scalars(select(CounsellorNote.author_name)))

    assert in_db(client, notes) == ["Sanne, schuldhulpverlener"]
