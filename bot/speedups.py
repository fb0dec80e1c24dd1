"""Fixes to Rasa 3.6's hot path, installed by ``bot/serve.py`` before the server starts.

Each keeps the bot's behaviour and only saves work Rasa does on every turn (measured in
docs/performance.md):

1. Each action server answer is checked with ``jsonschema.validate``, which first checks Rasa's
   large, unchanging events schema against the JSON Schema meta-schema: most of a turn's CPU
   time. Here the schema is checked once, the validators are kept, and each event is checked
   against the schema of its own type only.
2. Each stored event is turned back into its class by searching all subclasses of ``Event``
   (recursively, with ``inspect.isabstract`` on each) once per event, every time a tracker is
   loaded. Here a class once found by its type name is remembered.
3. After every message Rasa asks the action server for ``action_validate_slot_mappings`` (facts
   said in passing, ``actions/check_facts.py``): a round trip with the whole tracker. Here the
   same function runs in the Rasa process; the action server keeps the action for Rasa
   commands that do not start through ``bot/serve.py``.
"""

from __future__ import annotations

import json
import logging
from typing import Any

logger = logging.getLogger(__name__)


def _events_validators(schema: dict[str, Any], validator_class: Any) -> dict[str, Any] | None:
    """One validator per event type, or None when Rasa's schema is not shaped as expected.

    Rasa's event schema is ``oneOf`` many event schemas that each fix ``event`` to a different
    constant, so an event is valid exactly when it is valid for the one schema of its own type.
    Checking only that one gives the same verdict without trying all of them.
    """
    items = schema.get("properties", {}).get("events", {}).get("items", {})
    variants = items.get("oneOf")
    if not isinstance(variants, list):
        return None
    common = {key: value for key, value in items.items() if key != "oneOf"}
    by_type: dict[str, Any] = {}
    for variant in variants:
        name = variant.get("properties", {}).get("event", {}).get("const")
        if not isinstance(name, str) or name in by_type:
            return None
        by_type[name] = validator_class({"allOf": [common, variant]})
    return by_type


def validate_action_answers_once() -> None:
    """Check action server answers against Rasa's schema with validators built once.

    Only a verdict "valid" is taken from here; anything else goes to Rasa's own method, so an
    invalid answer fails exactly as before, with Rasa's message.
    """
    from jsonschema import validators  # type: ignore[import-untyped]  # Rasa's own dependency
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    whole = validator_class(schema)
    by_type = _events_validators(schema, validator_class)
    outline = validator_class({**schema, "properties": {**schema["properties"], "events": {}}})
    rasa_validate = RemoteAction._validate_action_result

    def valid(result: Any) -> bool:
        if by_type is None:
            return bool(whole.is_valid(result))
        if not isinstance(result, dict) or not outline.is_valid(result):
            return False
        events = result.get("events", [])
        if not isinstance(events, list):
            return False
        return all(
            isinstance(event, dict)
            and isinstance(event.get("event"), str)
            and event["event"] in by_type
            and by_type[event["event"]].is_valid(event)
            for event in events
        )

    def validate(self: RemoteAction, result: dict[str, Any]) -> bool:
        return valid(result) or bool(rasa_validate(self, result))

    RemoteAction._validate_action_result = validate


def remember_event_classes() -> None:
    """Look up an event's class by its type name once, not on every stored event.

    Only classes that were found are remembered: an unknown name (or Rasa's ``default``) goes
    through Rasa's own search every time, as before.
    """
    from rasa.shared.core.events import Event

    rasa_resolve = Event.resolve_by_type
    found: dict[str, type[Any]] = {}

    def resolve_by_type(type_name: str, default: type[Any] | None = None) -> type[Any] | None:
        known = found.get(type_name)
        if known is not None:
            return known
        resolved: type[Any] | None = rasa_resolve(type_name, default)
        if resolved is not None and getattr(resolved, "type_name", None) == type_name:
            found[type_name] = resolved
        return resolved

    Event.resolve_by_type = staticmethod(resolve_by_type)


def collect_facts_in_process() -> None:
    """Run ``action_validate_slot_mappings`` in the Rasa process instead of over HTTP.

    The slot values make the same JSON round trip as an action server answer, and a failure
    fills no slots, as a failing action server call does (Rasa logs it and goes on).
    """
    from rasa.core.actions.action import ActionExtractSlots
    from rasa.shared.core.constants import ACTION_VALIDATE_SLOT_MAPPINGS
    from rasa.shared.core.events import SlotSet

    from actions.check_facts import changes_after

    rasa_run_custom_action = ActionExtractSlots._run_custom_action

    async def run_custom_action(
        self: ActionExtractSlots,
        custom_action: str,
        output_channel: Any,
        nlg: Any,
        tracker: Any,
        domain: Any,
    ) -> list[Any]:
        if custom_action != ACTION_VALIDATE_SLOT_MAPPINGS:
            return list(
                await rasa_run_custom_action(
                    self, custom_action, output_channel, nlg, tracker, domain
                )
            )
        message = tracker.latest_message
        intent = str(((message.intent if message else None) or {}).get("name") or "")
        text = str((message.text if message else None) or "")
        try:
            changes = json.loads(json.dumps(changes_after(intent, text, tracker.get_slot)))
        except Exception:
            logger.exception("collecting the facts of a message failed; no slots filled")
            return []
        return [SlotSet(name, value) for name, value in changes.items()]

    ActionExtractSlots._run_custom_action = run_custom_action


def install() -> None:
    validate_action_answers_once()
    remember_event_classes()
    collect_facts_in_process()
