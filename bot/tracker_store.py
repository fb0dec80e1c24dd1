"""Tracker stores that can forget a conversation.

Rasa's HTTP API has no "delete conversation". The API therefore replaces a conversation's events
with an empty list (``PUT /conversations/{id}/tracker/events``); these stores treat saving an
empty tracker as deleting it, so nothing of the conversation (not even its id) stays behind.
Loaded by the Rasa server from ``bot/endpoints*.yml``.
"""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

# The conversations of this Rasa process. Publishing a content version loads a new model with
# ``PUT /model``, and Rasa then builds a new tracker store from the endpoints: every store of the
# process shares this one table, so residents keep their conversation across the switch.
_CONVERSATIONS: dict[str, Any] = {}


class EphemeralInMemoryTrackerStore(InMemoryTrackerStore):
    """In memory (the embedded default): nothing is written to disk."""

    def __init__(self, domain: Any = None, event_broker: Any = None, **_: Any) -> None:
        super().__init__(domain, event_broker)
        self.store = _CONVERSATIONS

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not tracker.events:
            self.store.pop(tracker.sender_id, None)
            return
        await super().save(tracker)


class EphemeralRedisTrackerStore(RedisTrackerStore):
    """Redis (production, scaled out): records also expire after ``record_exp`` seconds."""

    def __init__(self, domain: Any = None, host: str = "localhost", **kwargs: Any) -> None:
        for key in ("port", "db", "record_exp"):
            if isinstance(kwargs.get(key), str):
                kwargs[key] = int(kwargs[key])
        super().__init__(domain, host=host, **kwargs)

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        if not tracker.events:
            self.red.delete(self.key_prefix + tracker.sender_id)
            return
        await super().save(tracker, timeout)
