"""The tracker stores forget a conversation when the API replaces its events with nothing.

Runs in the Rasa environment (Python 3.10) against the real Redis server.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import EphemeralInMemoryTrackerStore, EphemeralRedisTrackerStore
from tests.conftest import REDIS_HOST, REDIS_PORT, require_service

DOMAIN = Domain.empty()


def _tracker(sender_id: str, with_message: bool) -> DialogueStateTracker:
    events = [UserUttered("ik heb schulden", {"name": "debt_worries"})] if with_message else []
    return DialogueStateTracker.from_events(sender_id, events)


def test_in_memory_store_deletes_on_empty_save() -> None:
    store = EphemeralInMemoryTrackerStore(DOMAIN)
    sender = uuid.uuid4().hex
    asyncio.run(store.save(_tracker(sender, True)))
    assert sender in store.store
    asyncio.run(store.save(_tracker(sender, False)))
    assert sender not in store.store


@pytest.mark.redis
def test_redis_store_expires_records_and_deletes_on_empty_save() -> None:
    require_service("Redis", REDIS_HOST, REDIS_PORT)
    store = EphemeralRedisTrackerStore(
        DOMAIN,
        host=REDIS_HOST,
        port=str(REDIS_PORT),
        db="5",
        record_exp="1800",
        key_prefix="rondkomentest",
    )
    sender = uuid.uuid4().hex
    key = store.key_prefix + sender
    asyncio.run(store.save(_tracker(sender, True)))
    assert store.red.exists(key)
    ttl = store.red.ttl(key)
    assert 0 < ttl <= 1800
    asyncio.run(store.save(_tracker(sender, False)))
    assert not store.red.exists(key)
