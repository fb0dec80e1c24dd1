"""The actions for crisis, help, wiping, explanations and typed answers to the offer of a person."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.explain import ActionExplainLast, ActionExplainTerm
from actions.handoff import ActionHandoffReply
from actions.help import ActionHelp
from actions.privacy import ActionConfirmDelete, ActionKeepData
from actions.safety import ActionCrisis, ActionCrisisDeclined
from benefits_rules import load_rules

AGE_QUESTION = load_rules().questions["age"].text


def _tracker(
    text: str,
    intent: str,
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    return Tracker(
        sender_id="test",
        slots={"municipality_phone": "14 045", **(slots or {})},
        latest_message=latest,
        events=[*(events or []), {"event": "user", "text": text, "parse_data": latest}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def _run(action: Action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def _texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages)


CHECK_WAITING = {"check_active": True, "pending_fact": "age"}
ASKED_AGE = [
    {"event": "user", "text": "waar heb ik recht op"},
    {
        "event": "bot",
        "text": f"{AGE_QUESTION}\nWaarom",
        "data": {"buttons": [{"title": "Jonger dan 21", "payload": "/inform"}]},
    },
]


def test_crisis_gives_113_and_112_marks_urgent_and_pauses_the_check() -> None:
    messages, events = _run(
        ActionCrisis(), _tracker("ik zie het niet meer zitten", "crisis_suicide", CHECK_WAITING)
    )
    text = _texts(messages)
    assert "113" in text
    assert "0800-0113" in text
    assert "113.nl" in text
    assert "112" in text
    assert {"title": "Ja, ik wil iemand spreken", "payload": "/ask_human"} in messages[0]["buttons"]
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["urgent"] is True
    assert slots["topics"] == ["crisis_suicide"]
    assert slots["check_active"] is False


def test_violence_gives_veilig_thuis_and_no_repeats_it() -> None:
    messages, events = _run(ActionCrisis(), _tracker("mijn man slaat mij", "domestic_violence"))
    assert "0800-2000" in _texts(messages)
    assert "112" in _texts(messages)
    topics = next(e["value"] for e in events if e.get("name") == "topics")
    declined, _ = _run(
        ActionCrisisDeclined(), _tracker("nee", "deny", {"topics": ["debt_worries", *topics]})
    )
    assert "0800-2000" in _texts(declined)


def test_crisis_in_english() -> None:
    messages, _ = _run(
        ActionCrisis(), _tracker("I want to die", "crisis_suicide", {"language": "en"})
    )
    assert "Suicide Prevention" in _texts(messages)
    assert "113" in _texts(messages)


def test_help_offers_topics_and_a_person_then_the_pending_question() -> None:
    messages, _ = _run(ActionHelp(), _tracker("help", "ask_help", CHECK_WAITING, ASKED_AGE))
    text = _texts(messages)
    assert "Ik help u graag" in text
    assert "Graag gedaan" not in text
    assert messages[-1]["text"].startswith(AGE_QUESTION)
    assert messages[-1]["buttons"] == [{"title": "Jonger dan 21", "payload": "/inform"}]


def test_wiping_asks_first_and_no_keeps_everything() -> None:
    messages, events = _run(ActionConfirmDelete(), _tracker("wis mijn gegevens", "delete_my_data"))
    assert "echt alles wissen" in _texts(messages)
    assert all(not m.get("custom") for m in messages)
    assert events == []
    kept, _ = _run(ActionKeepData(), _tracker("nee", "deny"))
    assert "ik wis niets" in _texts(kept)
    assert all(not m.get("custom") for m in kept)


def test_explain_term_then_back_to_the_question() -> None:
    messages, _ = _run(
        ActionExplainTerm(), _tracker("wat is kale huur?", "explain_term", CHECK_WAITING, ASKED_AGE)
    )
    assert "kale huur is de huur voor alleen de woning" in _texts(messages)
    assert messages[-1]["text"].startswith(AGE_QUESTION)


def test_explain_term_outside_the_check_asks_nothing_back() -> None:
    messages, _ = _run(ActionExplainTerm(), _tracker("wat betekent bezwaar", "explain_term"))
    assert len(messages) == 1
    assert "niet eens bent" in messages[0]["text"]


def test_what_do_you_mean_uses_other_words_for_the_last_answer() -> None:
    before = [
        {"event": "user", "text": "deurwaarder"},
        {
            "event": "bot",
            "text": "Dit is dringend. Er is altijd een deel dat u mag houden.",
            "metadata": {"utter_action": "utter_bailiff_or_garnishment"},
        },
    ]
    messages, _ = _run(ActionExplainLast(), _tracker("wat bedoel je?", "explain_last", {}, before))
    text = _texts(messages)
    assert "Ik bedoel dat u de deurwaarder vandaag moet bellen" in text
    assert "Dit is dringend" not in text


def test_what_do_you_mean_during_the_check_explains_the_question() -> None:
    messages, _ = _run(
        ActionExplainLast(), _tracker("hoe bedoel je", "explain_last", CHECK_WAITING, ASKED_AGE)
    )
    assert "Ik vraag hoeveel jaar u bent" in _texts(messages)
    assert messages[-1]["text"].startswith(AGE_QUESTION)


def test_typed_answers_to_the_offer_reach_the_api() -> None:
    yes, _ = _run(ActionHandoffReply(), _tracker("ja prima, deel maar", "affirm"))
    no, _ = _run(ActionHandoffReply(), _tracker("nee liever niet", "deny"))
    assert yes == [{**yes[0], "custom": {"handoff_reply": "yes"}}]
    assert no[0]["custom"] == {"handoff_reply": "no"}


def test_explaining_a_scheme_offers_to_check_it() -> None:
    messages, _ = _run(ActionExplainTerm(), _tracker("wat is zorgtoeslag?", "explain_term"))
    assert messages[0]["buttons"] == [
        {"title": "Kijken of ik dit kan krijgen", "payload": "/ask_zorgtoeslag"}
    ]


def test_what_do_you_mean_does_not_explain_the_same_word_again() -> None:
    before = [
        *ASKED_AGE,
        {"event": "user", "text": "wat is een toeslagpartner"},
        {"event": "bot", "text": "Uw toeslagpartner is ...", "metadata": {"term_key": "x"}},
        {"event": "bot", "text": f"{AGE_QUESTION}\nWaarom"},
    ]
    messages, _ = _run(ActionExplainLast(), _tracker("huh?", "explain_last", CHECK_WAITING, before))
    assert "toeslagpartner" not in _texts(messages).lower()
