"""Fixes to Rasa 3.6's hot path, installed by ``bot/serve.py`` before the server starts.

Each keeps the bot's behaviour and only saves work Rasa does on every turn (measured in
docs/performance.md):

1. Each action server answer is checked with ``jsonschema.validate``, which first checks Rasa's
   large, unchanging events schema against the JSON Schema meta-schema: most of a turn's CPU
   time. Here the schema is checked once and the validator kept.
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


def validate_action_answers_once() -> None:
    """Check action server answers against Rasa's schema with a validator built once.

    An invalid answer still goes to Rasa's own method, so it fails exactly as before, with
    Rasa's message.
    """
    from jsonschema import validators  # type: ignore[import-untyped]  # Rasa's own dependency
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    rasa_validate = RemoteAction._validate_action_result

    def validate(self: RemoteAction, result: dict[str, Any]) -> bool:
        return bool(validator.is_valid(result)) or bool(rasa_validate(self, result))

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
