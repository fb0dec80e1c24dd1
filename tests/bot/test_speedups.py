"""bot.speedups keeps Rasa's behaviour: the same answers pass, fail and deserialise as before.

Runs in the Rasa environment (Python 3.10).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, ValidationError  # type: ignore[import-untyped]
from rasa.core.actions.action import ActionExtractSlots, RemoteAction
from rasa.shared.core.constants import ACTION_VALIDATE_SLOT_MAPPINGS
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.check_facts import ActionValidateSlotMappings
from bot import speedups

speedups.install()


def _action() -> RemoteAction:
    return RemoteAction("action_validate_slot_mappings", None)


def test_a_valid_action_answer_passes() -> None:
    answer = {"events": [{"event": "slot", "name": "household", "value": {"adults": 1}}]}
    assert _action()._validate_action_result({**answer, "responses": [{"text": "Hoi"}]})


def test_an_invalid_action_answer_fails_with_rasas_message() -> None:
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        _action()._validate_action_result({"events": [{"event": "slot", "name": 3}]})


_EVENTS = [
    *(
        {"event": event_class.type_name}
        for event_class in all_subclasses(Event)
        if event_class.type_name not in ("slot", "entities", "user", "action")
    ),
    {"event": "slot", "name": "household", "value": {"adults": 1}, "timestamp": None},
    {"event": "slot", "name": "check_active", "value": False, "metadata": {"a": 1}},
    {"event": "slot", "name": 3, "value": 1},
    {"event": "slot", "value": 1},
    {"event": "slot", "name": "x", "value": 1, "timestamp": "now"},
    {"event": "entities", "entities": [{"entity": "language", "value": "en"}]},
    {"event": "entities", "entities": "en"},
    {"event": "user", "text": "hoi", "parse_data": {"intent": {"name": "greet"}}},
    {"event": "user", "text": 3},
    {"event": "action", "name": "action_listen", "policy": None, "confidence": 1.0},
    {"event": "action", "name": None},
    {"event": "bot", "text": "Hallo", "data": {"buttons": []}},
    {"event": "followup", "name": "action_listen"},
    {"event": "no_such_event"},
    {"event": 3},
    {"name": "household", "value": 1},
    "slot",
    None,
]


def test_rasas_event_schema_has_the_shape_the_quick_check_needs() -> None:
    schema = RemoteAction.action_response_format_spec()
    assert speedups._events_validators(schema, Draft202012Validator) is not None


@pytest.mark.parametrize("event", _EVENTS)
def test_the_check_of_action_answers_gives_jsonschemas_verdict(event: object) -> None:
    schema = RemoteAction.action_response_format_spec()
    for answer in (
        {"events": [event]},
        {"events": [event], "responses": [{"text": "Hoi"}]},
        {"events": [{"event": "slot", "name": "a", "value": 1}, event]},
    ):
        expected = Draft202012Validator(schema).is_valid(answer)
        if expected:
            assert _action()._validate_action_result(answer)
        else:
            with pytest.raises(ValidationError):
                _action()._validate_action_result(answer)


@pytest.mark.parametrize(
    "answer", [{}, {"events": None}, {"events": "slot"}, {"responses": ["hoi"]}, [], "events"]
)
def test_odd_action_answers_get_jsonschemas_verdict(answer: object) -> None:
    schema = RemoteAction.action_response_format_spec()
    if Draft202012Validator(schema).is_valid(answer):
        assert _action()._validate_action_result(answer)
    else:
        with pytest.raises(ValidationError):
            _action()._validate_action_result(answer)


def test_every_event_class_is_found_by_its_type_name() -> None:
    for event_class in all_subclasses(Event):
        assert Event.resolve_by_type(event_class.type_name) is event_class
        assert Event.resolve_by_type(event_class.type_name) is event_class  # remembered


def test_unknown_event_names_behave_as_in_rasa() -> None:
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")


def test_stored_events_deserialise_as_before() -> None:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("ik heb schulden", {"name": "debt_worries", "confidence": 0.9}),
        SlotSet("check_active", True),
    ]
    assert deserialise_events([e.as_dict() for e in events]) == events


def _domain() -> Domain:
    return Domain.load(str(Path(__file__).resolve().parents[2] / "bot" / "domain"))


@pytest.mark.parametrize(
    ("intent", "text", "check_active"),
    [
        (
            "cannot_pay_rent",
            "alleenstaande moeder van 2 kinderen en 2 maanden huurachterstand",
            None,
        ),
        ("bailiff_or_garnishment", "de deurwaarder staat voor de deur", True),
        ("inform", "ik ben 34", True),
        ("affirm", "/affirm", None),
    ],
)
def test_facts_are_collected_in_process_as_by_the_action_server(
    intent: str, text: str, check_active: bool | None
) -> None:
    domain = _domain()
    events = [
        ActionExecuted("action_listen"),
        *([SlotSet("check_active", check_active)] if check_active is not None else []),
        UserUttered(text, {"name": intent, "confidence": 0.9}),
    ]
    tracker = DialogueStateTracker.from_events("resident", events, slots=domain.slots)
    in_process = asyncio.run(
        ActionExtractSlots(None)._run_custom_action(
            ACTION_VALIDATE_SLOT_MAPPINGS, None, None, tracker, domain
        )
    )
    sdk_tracker = Tracker.from_dict(tracker.current_state())
    remote = asyncio.run(ActionValidateSlotMappings().run(CollectingDispatcher(), sdk_tracker, {}))
    assert [(e.key, e.value) for e in in_process] == [(e["name"], e["value"]) for e in remote]
    assert in_process or text.startswith("/") or intent == "inform"
