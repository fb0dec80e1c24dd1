"""The benefits check through its actions, run as the action server runs them: start, answers,
stop, resume, restart, the result and its details, the download, and facts said in passing."""

from __future__ import annotations

import json

from benefits_rules import load_rules
from benefits_rules.contract import (
    DOWNLOAD_FILENAME,
    SLOT_BENEFITS_RESULT,
    SLOT_BENEFITS_RESULT_TEXT,
    SLOT_HOUSEHOLD,
    SLOT_SITUATION,
)
from tests.actions.answers import SINGLE_MOTHER
from tests.actions.running import Conversation, Ran, act

QUESTIONS = load_rules().questions


def _started_check(intent: str = "check_benefits") -> tuple[Conversation, Ran]:
    conversation = Conversation.started()
    return conversation, conversation.say("action_start_check", "waar heb ik recht op", intent)


def _finished_check() -> tuple[Conversation, Ran]:
    """A whole check answered by typing, up to the result."""
    conversation, ran = _started_check()
    for _ in range(40):
        if not conversation.slots["check_active"]:
            return conversation, ran
        fact = conversation.slots["pending_fact"]
        ran = conversation.say(
            "action_check_answer", SINGLE_MOTHER.get(fact, "weet ik niet"), "inform"
        )
    raise AssertionError("the check did not end")


def test_start_asks_the_first_question_with_why_and_answer_buttons() -> None:
    _, ran = _started_check()
    question = QUESTIONS["age"]
    assert ran.keys == ["check_intro", None]
    assert ran.texts[1] == f"{question.text}\n{question.why}"
    payloads = [b["payload"] for b in ran.messages[1]["buttons"]]
    assert [json.loads(p.removeprefix("/inform"))["answer"] for p in payloads] == [
        b.payload for b in question.buttons
    ]
    assert ran.slots["pending_fact"] == "age"
    assert ran.slots["check_active"] is True
    assert ran.slots["check_schemes"] is None
    assert isinstance(ran.slots[SLOT_HOUSEHOLD], dict)


def test_a_focused_start_names_the_schemes_joined_in_dutch() -> None:
    _, ran = _started_check("ask_minimaregelingen")
    assert ran.keys[0] == "check_intro_focused"
    assert " of " in ran.texts[0]
    assert "{" not in ran.texts[0]
    assert len(ran.slots["check_schemes"]) > 1


def test_a_typed_answer_files_the_fact_and_asks_the_next_question() -> None:
    conversation, _ = _started_check()
    ran = conversation.say("action_check_answer", "ik ben 34", "inform")
    assert ran.slots[SLOT_HOUSEHOLD]["age"] == 34
    assert ran.slots["pending_fact"] != "age"
    assert ran.texts[-1].startswith(QUESTIONS[ran.slots["pending_fact"]].text)


def test_a_button_answer_goes_straight_to_the_rules() -> None:
    conversation, _ = _started_check()
    ran = conversation.say(
        "action_check_answer",
        '/inform{"answer": "21-66"}',
        "inform",
        [{"entity": "answer", "value": "21-66"}],
    )
    assert ran.slots[SLOT_HOUSEHOLD]["age"] == {"min": 21, "max": 66}


def test_the_whole_check_ends_with_the_short_result_and_what_next() -> None:
    conversation, ran = _finished_check()
    assert ran.keys[-2:] == [None, "check_after_result"]
    assert "Kindgebonden budget" in ran.texts[-2]
    assert ran.slots["check_active"] is False
    assert ran.slots["pending_fact"] is None
    summary = conversation.slots[SLOT_BENEFITS_RESULT]
    assert summary["kindgebonden_budget"]["outcome"] == "eligible"
    assert conversation.slots[SLOT_BENEFITS_RESULT_TEXT]


def test_after_the_result_more_explanation_and_what_was_not_checked() -> None:
    conversation, _ = _finished_check()
    more = conversation.say("action_result_detail", "meer uitleg", "check_more_info")
    blocks = str(conversation.slots[SLOT_BENEFITS_RESULT_TEXT]).split("\n\n")
    assert more.texts[:-1] == blocks
    assert more.keys[-1] == "check_after_detail"
    not_checked = conversation.say("action_result_detail", "wat niet?", "check_not_checked")
    assert len(not_checked.messages) == 2
    assert not_checked.keys[-1] == "check_after_detail"
    assert more.events == not_checked.events == []


def test_the_result_is_given_as_a_file_to_save() -> None:
    conversation, _ = _finished_check()
    ran = conversation.say("action_save_result", "uitkomst bewaren", "save_result")
    assert ran.keys == ["result_saved", None]
    [download] = ran.customs
    assert download.download_filename == DOWNLOAD_FILENAME
    assert download.download_content == conversation.slots[SLOT_BENEFITS_RESULT_TEXT]
    assert ran.events == []


def test_without_a_result_there_is_nothing_to_save_or_explain() -> None:
    conversation = Conversation.started()
    assert conversation.say("action_save_result", "bewaar", "save_result").keys == [
        "no_result_to_save"
    ]
    assert conversation.say("action_result_detail", "meer", "check_more_info").keys == [
        "no_result_to_save"
    ]
    waiting, _ = _started_check()
    ran = waiting.say("action_result_detail", "uitleg", "check_more_info")
    assert ran.keys == ["check_no_result_yet"]


def test_a_correction_after_the_result_updates_it() -> None:
    conversation, _ = _finished_check()
    before = conversation.slots[SLOT_BENEFITS_RESULT]["kindgebonden_budget"]["amount_per_month"]
    ran = conversation.say(
        "action_check_answer", "nee wacht, ik heb 3 kinderen van 3, 7 en 12", "inform"
    )
    assert ran.keys[-1] == "check_after_result"
    after = ran.slots[SLOT_BENEFITS_RESULT]["kindgebonden_budget"]["amount_per_month"]
    assert after > before


def test_outside_the_check_yes_no_and_unclear_messages_get_their_ordinary_answer() -> None:
    conversation = Conversation.started()
    assert conversation.say("action_check_answer", "ja", "affirm").keys == ["affirm"]
    assert conversation.say("action_check_answer", "nee", "deny").keys == ["deny"]
    assert conversation.say("action_check_answer", "xyz", "nlu_fallback").keys == ["ask_rephrase"]
    again = conversation.say("action_check_answer", "qqq", "nlu_fallback")
    assert again.keys == ["misunderstood_twice"]
    assert again.events == []


def test_a_typed_yes_to_the_offer_of_a_person_after_a_crisis_offers_the_handoff() -> None:
    conversation = Conversation.started()
    conversation.say("action_crisis", "ik wil dood", "crisis_suicide")
    ran = conversation.say("action_check_answer", "ja", "affirm")
    assert ran.keys == ["offer_handoff", None]
    assert [c.handoff_offer for c in ran.customs] == [True]


def test_leaving_during_the_check_pauses_it_and_can_offer_a_person() -> None:
    conversation, _ = _started_check()
    ran = conversation.say("action_check_answer", "ik wil een mens spreken", "inform")
    assert ran.keys == ["check_paused", "offer_handoff", None]
    assert ran.slots["check_active"] is False
    assert ran.slots["check_state"]["paused"] is True
    offer = conversation.say("action_check_answer", "ok", "affirm")
    assert offer.keys == ["check_resume_offer"]


def test_stop_keeps_the_answers_and_resume_asks_where_the_check_was() -> None:
    conversation, _ = _started_check()
    conversation.say("action_check_answer", "34", "inform")
    pending = conversation.slots["pending_fact"]
    stopped = conversation.say("action_stop_check", "stop", "stop_check")
    assert stopped.keys == ["check_paused"]
    assert stopped.slots["check_active"] is False
    assert stopped.slots["check_state"]["paused"] is True
    assert SLOT_HOUSEHOLD not in stopped.slots
    resumed = conversation.say("action_resume_check", "verder met de check", "resume_check")
    assert resumed.keys[0] == "check_resumed"
    assert resumed.slots["pending_fact"] == pending
    assert resumed.slots["check_active"] is True
    assert resumed.slots[SLOT_HOUSEHOLD]["age"] == 34


def test_restart_forgets_every_answer_and_asks_the_first_question() -> None:
    conversation, _ = _finished_check()
    ran = conversation.say("action_restart_check", "opnieuw", "restart_check")
    assert ran.keys == ["check_restarted", None]
    assert ran.texts[1] == f"{QUESTIONS['age'].text}\n{QUESTIONS['age'].why}"
    assert ran.slots[SLOT_BENEFITS_RESULT] is None
    assert ran.slots["check_schemes"] is None
    assert ran.slots["pending_fact"] == "age"
    assert "age" not in (ran.slots[SLOT_HOUSEHOLD] or {})


def test_facts_said_in_passing_are_filed_before_the_check() -> None:
    conversation = Conversation.started()
    ran = conversation.say(
        "action_validate_slot_mappings",
        "alleenstaande moeder van 2 kinderen en 2 maanden huurachterstand",
        "cannot_pay_rent",
    )
    assert ran.slots[SLOT_HOUSEHOLD]["has_partner"] is False
    assert ran.slots[SLOT_SITUATION]["arrears_months"] == 2
    assert ran.messages == []


def test_button_payloads_and_answers_in_the_check_are_left_alone() -> None:
    conversation = Conversation.started()
    assert (
        act("action_validate_slot_mappings", conversation.tracker("/ask_human", "ask_human")).events
        == []
    )
    waiting, _ = _started_check()
    assert waiting.say("action_validate_slot_mappings", "ik ben 34", "inform").events == []


def test_another_topic_during_the_check_pauses_it() -> None:
    conversation, _ = _started_check()
    ran = conversation.say(
        "action_validate_slot_mappings",
        "de deurwaarder staat voor de deur",
        "bailiff_or_garnishment",
    )
    assert ran.slots["check_active"] is False
    assert ran.slots["check_state"]["paused"] is True
