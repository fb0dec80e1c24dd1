"""Retention: content goes 30 days after closing, call-back numbers after 14 days at most,
previews with their conversation; the proof of consent and the audit log stay."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.testclient import TestClient

from api.audit import AuditEntry
from api.auth.models import CounsellorSession
from api.handoff.models import (
    CallbackRequest,
    ConsentRecord,
    CounsellorNote,
    Handoff,
    HandoffMessage,
    HandoffSummary,
)
from api.handoff.retention import apply_retention
from api.settings import Settings
from api.sweeper import sweep_handoff_retention

from .conftest import (
    Clock,
    FakeRasa,
    handoff_url,
    in_db,
    logged_in,
    new_session,
    shared_handoff,
)


def _counts(client: TestClient) -> dict[str, int]:
    async def work(db: AsyncSession) -> dict[str, int]:
        result = {}
        for model in (
            Handoff,
            HandoffSummary,
            HandoffMessage,
            CounsellorNote,
            CallbackRequest,
            ConsentRecord,
            AuditEntry,
        ):
            count = await db.scalar(select(func.count()).select_from(model))
            result[model.__tablename__] = int(count or 0)
        return result

    return in_db(client, work)


def _retain(client: TestClient, settings: Settings, clock: Clock) -> Any:
    async def work(db: AsyncSession) -> Any:
        return await apply_retention(db, settings, clock.now)

    return in_db(client, work)


def _closed_with_notes(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = shared_handoff(client, fake_rasa, "callback", phone="0612345678")
    assert client.get(handoff_url(token)).status_code == 200
    counsellor = logged_in(client, "sanne")

    async def first(db: AsyncSession) -> int:
        return int(await db.scalar(select(Handoff.id)) or 0)

    handoff_id = in_db(client, first)
    counsellor.post(f"/counsellor/handoffs/{handoff_id}/claim")
    counsellor.post(f"/counsellor/handoffs/{handoff_id}/notes", {"text": "Gebeld, afspraak."})
    counsellor.post(f"/counsellor/handoffs/{handoff_id}/status", {"status": "closed"})


def test_content_is_deleted_30_days_after_closing_and_the_proof_stays(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock, settings: Settings
) -> None:
    _closed_with_notes(client, fake_rasa)
    before = _counts(client)
    assert before["handoff_summaries"] == 1
    assert before["counsellor_notes"] == 1
    assert before["handoff_messages"] > 0
    clock.advance(days=29, hours=23)
    assert _retain(client, settings, clock).handoffs_emptied == 0
    assert _counts(client) == before
    clock.advance(hours=2)
    assert _retain(client, settings, clock).handoffs_emptied == 1
    after = _counts(client)
    assert after["handoff_summaries"] == 0
    assert after["handoff_messages"] == 0
    assert after["counsellor_notes"] == 0
    assert after["callback_requests"] == 0
    assert after["handoffs"] == 1
    assert after["consent_records"] == 1
    assert after["audit_log"] == before["audit_log"]
    # Applying it again changes nothing.
    assert _retain(client, settings, clock).handoffs_emptied == 0


def test_retention_period_is_configurable(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock, settings: Settings
) -> None:
    _closed_with_notes(client, fake_rasa)
    clock.advance(days=8)
    short = settings.model_copy(update={"handoff_retention_days": 7})
    assert _retain(client, short, clock).handoffs_emptied == 1


def test_open_handoffs_are_not_emptied(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock, settings: Settings
) -> None:
    shared_handoff(client, fake_rasa)
    clock.advance(days=60)
    assert _retain(client, settings, clock).handoffs_emptied == 0
    assert _counts(client)["handoff_summaries"] == 1


def test_call_back_numbers_go_after_14_days_whatever_the_status(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock, settings: Settings
) -> None:
    shared_handoff(client, fake_rasa, "callback", phone="0612345678")
    clock.advance(days=13, hours=23)
    assert _retain(client, settings, clock).callbacks_deleted == 0
    clock.advance(hours=2)
    assert _retain(client, settings, clock).callbacks_deleted == 1
    assert _counts(client)["callback_requests"] == 0
    assert _counts(client)["handoff_summaries"] == 1  # the handoff itself is still open


def test_withdrawn_handoffs_lose_their_notes_after_the_period(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock, settings: Settings
) -> None:
    token = shared_handoff(client, fake_rasa)
    counsellor = logged_in(client, "sanne")

    async def first(db: AsyncSession) -> int:
        return int(await db.scalar(select(Handoff.id)) or 0)

    handoff_id = in_db(client, first)
    counsellor.post(f"/counsellor/handoffs/{handoff_id}/claim")
    counsellor.post(f"/counsellor/handoffs/{handoff_id}/notes", {"text": "notitie"})
    client.post(handoff_url(token, "/withdraw"))
    assert _counts(client)["counsellor_notes"] == 1
    clock.advance(days=31)
    assert _retain(client, settings, clock).handoffs_emptied == 1
    assert _counts(client)["counsellor_notes"] == 0


def test_previews_of_deleted_conversations_and_old_logins_are_removed(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock, settings: Settings
) -> None:
    logged_in(client, "sanne")
    token = new_session(client)
    client.post(f"/api/v1/sessions/{token}/messages", json={"text": "ik heb schulden"})
    assert client.post(handoff_url(token)).status_code == 200

    async def orphan(db: AsyncSession) -> None:
        handoff = await db.scalar(select(Handoff))
        assert handoff is not None
        handoff.session_id = None  # as after a crash between the two deletes
        await db.commit()

    in_db(client, orphan)
    clock.advance(hours=9)
    assert _retain(client, settings, clock).previews_deleted == 1

    async def logins(db: AsyncSession) -> int:
        return int(await db.scalar(select(func.count()).select_from(CounsellorSession)) or 0)

    assert in_db(client, logins) == 0


def test_the_sweeper_applies_retention(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    # The sweeper uses the real clock: let the handoff be closed long ago.
    clock.now = datetime(2020, 3, 3, 9, 0, tzinfo=timezone.utc)
    _closed_with_notes(client, fake_rasa)
    assert _counts(client)["handoff_summaries"] == 1
    app: FastAPI = client.app  # type: ignore[assignment]
    client.portal.call(sweep_handoff_retention, app)  # type: ignore[union-attr]
    assert _counts(client)["handoff_summaries"] == 0
    assert _counts(client)["consent_records"] == 1
