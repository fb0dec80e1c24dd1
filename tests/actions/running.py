"""Run the custom actions as Rasa's action server does, without a server or network.

The real domain (``bot/domain/``, loaded by Rasa itself), the action classes the action server
registers from the ``actions`` package, a rasa_sdk ``Tracker`` whose slots are the domain's
slots after ``action_session_start``, and a ``CollectingDispatcher``. A :class:`Conversation`
carries the slots and events from one action to the next, the way Rasa's tracker does, so a
test can follow a whole benefits check through the actions.

Every test that runs an action goes through :func:`act` with the action's domain name; the
coverage test (test_action_coverage.py) reads those names to check every action has a test.
"""

from __future__ import annotations

import asyncio
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from benefits_rules.contract import Custom, read_custom

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_DIR = ROOT / "bot" / "domain"
# What Rasa keeps of a dispatcher message besides text, buttons and custom: the metadata that
# later actions read (which text or term was said, which response).
_MESSAGE_PARTS = frozenset(
    {"text", "buttons", "elements", "custom", "template", "response", "image", "attachment"}
)


@cache
def domain() -> dict[str, Any]:
    """The domain as Rasa sends it to the action server."""
    with warnings.catch_warnings():
        # Rasa's own deprecations on import, and its notice that slot auto-fill is gone (3.0),
        # are not about this domain.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        from rasa.shared.core.domain import Domain

        return Domain.load(str(DOMAIN_DIR)).as_dict()


def domain_actions() -> set[str]:
    """The custom actions the domain lists."""
    return set(domain()["actions"])


@cache
def registered() -> dict[str, Action]:
    """The action classes the action server registers, by name."""
    executor = ActionExecutor()
    executor.register_package("actions")
    return {name: run.__self__ for name, run in executor.actions.items()}


@dataclass(frozen=True)
class Ran:
    """What one action did: the messages it sent and the events it returned."""

    messages: list[dict[str, Any]]
    events: list[dict[str, Any]]

    @property
    def keys(self) -> list[str | None]:
        """The text key of each message (actions/texts.nl.yml), None for other messages."""
        return [m.get("text_key") for m in self.messages]

    @property
    def texts(self) -> list[str]:
        return [str(m.get("text") or "") for m in self.messages]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def slots(self) -> dict[str, Any]:
        """The slots the action set (the last value for a slot set twice)."""
        return {e["name"]: e["value"] for e in self.events if e["event"] == "slot"}

    @property
    def customs(self) -> list[Custom]:
        """The custom payloads, read the way the API reads them."""
        return [read_custom(m["custom"]) for m in self.messages if m.get("custom")]


def _initial_slots() -> dict[str, Any]:
    return {name: spec.get("initial_value") for name, spec in domain()["slots"].items()}


def _user_event(text: str, intent: str | None, entities: list[dict[str, Any]]) -> dict[str, Any]:
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities,
    }
    return {"event": "user", "text": text, "parse_data": parse}


def _response_text(name: str) -> str:
    """The Dutch variant of a domain response (the one without a condition)."""
    variants = domain()["responses"][name]
    return str(next(v for v in variants if not v.get("condition"))["text"])


def bot_event(message: dict[str, Any]) -> dict[str, Any]:
    """The ``bot`` event Rasa records for a dispatcher message."""
    response = message.get("response")
    text = message.get("text")
    if text is None and response:
        text = _response_text(response)
    metadata = {k: v for k, v in message.items() if k not in _MESSAGE_PARTS}
    if response:
        metadata["utter_action"] = response
    data = {"buttons": message.get("buttons") or [], "custom": message.get("custom") or {}}
    return {"event": "bot", "text": text, "data": data, "metadata": metadata}


@dataclass
class Conversation:
    """Slots and events of one conversation, as Rasa's tracker keeps them between actions."""

    slots: dict[str, Any] = field(default_factory=_initial_slots)
    events: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def started(cls, **slots: Any) -> Conversation:
        """A conversation after ``action_session_start`` (the municipality's phone is set),
        with ``slots`` set as if earlier turns had set them."""
        conversation = cls()
        conversation.apply(act("action_session_start", conversation.tracker()).events)
        unknown = set(slots) - set(conversation.slots)
        assert not unknown, f"not slots of the domain: {sorted(unknown)}"
        conversation.slots.update(slots)
        return conversation

    def apply(self, events: list[dict[str, Any]]) -> None:
        for event in events:
            assert isinstance(event, dict), event
            assert event.get("event"), event
            if event["event"] == "slot":
                assert event["name"] in self.slots, f"{event['name']} is not a slot of the domain"
                self.slots[event["name"]] = event["value"]
            self.events.append(event)

    def tracker(
        self,
        text: str = "",
        intent: str | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> Tracker:
        """The tracker an action sees after the resident's message (if any)."""
        events = list(self.events)
        latest: dict[str, Any] = {"text": None, "intent": {}, "entities": []}
        if text or intent:
            user = _user_event(text, intent, entities or [])
            events.append(user)
            latest = user["parse_data"]
        return Tracker(
            sender_id="test",
            slots=dict(self.slots),
            latest_message=latest,
            events=events,
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    def say(
        self,
        action: str,
        text: str = "",
        intent: str | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> Ran:
        """The resident's message, then ``action``: both are recorded, as Rasa records them."""
        tracker = self.tracker(text, intent, entities)
        if text or intent:
            self.events.append(tracker.events[-1])
        ran = act(action, tracker)
        self.events.append({"event": "action", "name": action})
        self.events.extend(bot_event(message) for message in ran.messages)
        self.apply(ran.events)
        return ran


def act(name: str, tracker: Tracker) -> Ran:
    """Run the action called ``name`` (its domain name) on ``tracker`` with the real domain."""
    assert name in domain_actions(), f"{name} is not an action of the domain"
    dispatcher = CollectingDispatcher()
    events = asyncio.run(registered()[name].run(dispatcher, tracker, domain()))
    for event in events:
        assert isinstance(event, dict), event
        assert event.get("event"), event
    return Ran(dispatcher.messages, list(events))
