"""Conversations idle for longer than the configured time are deleted everywhere."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import ChatMessage, ChatSession
from api.sweeper import sweep_expired_sessions
from tests.api.conftest import in_db, new_session, sender_id


def _set_last_activity(client: TestClient, session: str, when: datetime) -> None:
    async def work(db: AsyncSession) -> None:
        await db.execute(
            update(ChatSession)
            .where(ChatSession.id == sender_id(session))
            .values(last_activity_at=when)
        )
        await db.commit()

    in_db(client, work)


def _count(client: TestClient, session: str) -> int:
    async def work(db: AsyncSession) -> int:
        key = sender_id(session)
        sessions = await db.scalar(select(func.count()).where(ChatSession.id == key))
        messages = await db.scalar(select(func.count()).where(ChatMessage.session_id == key))
        return int(sessions or 0) + int(messages or 0)

    return in_db(client, work)


def test_idle_conversation_is_deleted_and_active_one_kept(client: TestClient) -> None:
    idle = new_session(client)
    active = new_session(client)
    for token in (idle, active):
        response = client.post(f"/api/v1/sessions/{token}/messages", json={"text": "hallo"})
        assert response.status_code == 200
    # The sweeper uses the real clock: one conversation idle for 31 minutes, one just active.
    now = datetime.now(timezone.utc)
    _set_last_activity(client, idle, now - timedelta(minutes=31))
    _set_last_activity(client, active, now - timedelta(minutes=29))

    deleted = client.portal.call(sweep_expired_sessions, client.app)  # type: ignore[union-attr, arg-type]

    assert deleted == 1
    assert _count(client, idle) == 0
    assert _count(client, active) > 0
    response = client.post(f"/api/v1/sessions/{idle}/messages", json={"text": "hallo"})
    assert response.status_code == 404
