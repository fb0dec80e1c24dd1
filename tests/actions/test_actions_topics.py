"""The actions that answer a topic and remember it, run as the action server runs them: topics
and urgency, energy arrears, crisis, and explanations."""

from __future__ import annotations

from benefits_rules.contract import SLOT_TOPICS, SLOT_URGENT
from tests.actions.running import Conversation, act


def test_a_topic_is_noted_once() -> None:
    conversation = Conversation.started()
    ran = conversation.say("action_note_topic", "ik heb schulden", "debt_worries")
    assert ran.slots == {SLOT_TOPICS: ["debt_worries"]}
    assert ran.messages == []
    again = conversation.say("action_note_topic", "nog meer schulden", "debt_worries")
    assert again.events == []


def test_an_urgent_topic_marks_the_conversation_urgent() -> None:
    conversation = Conversation.started(topics=["debt_worries"])
    ran = conversation.say("action_note_topic", "de deurwaarder komt", "bailiff_or_garnishment")
    assert ran.slots == {SLOT_TOPICS: ["debt_worries", "bailiff_or_garnishment"], SLOT_URGENT: True}


def test_no_intent_notes_nothing() -> None:
    ran = act("action_note_topic", Conversation.started().tracker())
    assert ran.events == []


def test_energy_arrears_without_a_cutoff_get_self_help_and_the_next_step() -> None:
    conversation = Conversation.started()
    ran = conversation.say(
        "action_answer_energy", "ik kan de energie niet betalen", "cannot_pay_energy"
    )
    assert ran.keys == ["cannot_pay_energy", None]
    assert ran.messages[1]["response"] == "utter_offer_next"
    assert ran.slots == {SLOT_TOPICS: ["cannot_pay_energy"]}


def test_a_cutoff_is_urgent() -> None:
    conversation = Conversation.started()
    ran = conversation.say(
        "action_answer_energy", "ze willen mijn gas afsluiten", "cannot_pay_energy"
    )
    assert ran.keys == ["energy_cutoff"]
    assert ran.slots == {SLOT_TOPICS: ["cannot_pay_energy"], SLOT_URGENT: True}


def test_crisis_goes_last_in_the_topics_marks_urgent_and_pauses_the_check() -> None:
    conversation = Conversation.started(
        topics=["crisis_suicide", "debt_worries"], check_active=True, pending_fact="age"
    )
    ran = conversation.say("action_crisis", "ik wil niet meer leven", "crisis_suicide")
    assert ran.keys == ["crisis_suicide"]
    assert ran.slots == {
        SLOT_TOPICS: ["debt_worries", "crisis_suicide"],
        SLOT_URGENT: True,
        "check_active": False,
    }


def test_violence_at_home_and_no_to_a_person() -> None:
    conversation = Conversation.started()
    ran = conversation.say("action_crisis", "mijn man slaat me", "domestic_violence")
    assert ran.keys == ["crisis_violence"]
    assert "check_active" not in ran.slots
    declined = conversation.say("action_crisis_declined", "nee", "deny")
    assert declined.keys == ["crisis_declined_violence"]
    assert declined.events == []


def test_no_after_a_crisis_of_unknown_kind_gives_the_suicide_helpline() -> None:
    ran = act("action_crisis_declined", Conversation.started().tracker("nee", "deny"))
    assert ran.keys == ["crisis_declined_suicide"]


def test_a_known_term_is_explained_with_its_key() -> None:
    ran = act(
        "action_explain_term", Conversation.started().tracker("wat is bezwaar?", "explain_term")
    )
    assert [m.get("term_key") for m in ran.messages] == ["bezwaar"]
    assert ran.events == []


def test_an_unknown_term_asks_which_word() -> None:
    ran = act("action_explain_term", Conversation.started().tracker("wat is dat?", "explain_term"))
    assert ran.keys == ["explain_unknown_term"]


def test_what_do_you_mean_after_a_text_of_an_action() -> None:
    conversation = Conversation.started()
    conversation.say("action_offer_handoff", "ik wil iemand spreken", "ask_human")
    ran = conversation.say("action_explain_last", "wat bedoel je?", "explain_last")
    assert ran.keys[0] == "rephrase"
    assert ran.texts[0] != conversation.events[-1]["text"]
    assert ran.events == []


def test_what_do_you_mean_after_a_domain_response() -> None:
    conversation = Conversation.started()
    conversation.say("action_answer_energy", "energie niet betalen", "cannot_pay_energy")
    ran = conversation.say("action_explain_last", "hoe bedoel je", "explain_last")
    assert ran.keys[0] == "rephrase"
    assert ran.texts[0]
