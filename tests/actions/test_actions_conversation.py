"""The actions around the conversation itself, run as the action server runs them: session
start, help, the fallback, wiping and the warm handoff."""

from __future__ import annotations

from benefits_rules import load_rules
from benefits_rules.contract import SLOT_MUNICIPALITY_PHONE
from tests.actions.running import Conversation, act

AGE_QUESTION = load_rules().questions["age"].text


def _waiting_for_age() -> Conversation:
    """A conversation whose benefits check waits for the answer to the age question."""
    conversation = Conversation.started()
    conversation.say("action_start_check", "waar heb ik recht op", "check_benefits")
    assert conversation.slots["pending_fact"] == "age"
    return conversation


def test_session_start_sets_the_municipalitys_phone_then_listens() -> None:
    ran = act("action_session_start", Conversation().tracker())
    # the slots that name the municipality's phone and its hours, town and local organisations
    named = ["municipality_phone", "municipality_phone_hours", "municipality_place"]
    named += ["contact_kwijtschelding", "contact_leergeld", "contact_voedselbank"]
    assert [e["event"] for e in ran.events] == ["session_started", *["slot"] * 6, "action"]
    assert [e["name"] for e in ran.events if e["event"] == "slot"] == named
    assert ran.events[-1]["name"] == "action_listen"
    phone = ran.slots[SLOT_MUNICIPALITY_PHONE]
    assert isinstance(phone, str)
    assert phone.strip()
    assert ran.messages == []


def test_the_phone_from_session_start_is_in_the_answers() -> None:
    conversation = Conversation.started()
    ran = conversation.say("action_offer_handoff", "ik wil iemand spreken", "ask_human")
    assert conversation.slots[SLOT_MUNICIPALITY_PHONE] in ran.texts[0]
    assert "{" not in ran.texts[0]


def test_core_fallback_says_so_offers_topics_and_forgets_the_message() -> None:
    ran = act("action_core_fallback", Conversation.started().tracker("blabla", "nlu_fallback"))
    assert ran.keys == ["core_fallback"]
    assert ran.messages[0]["buttons"]
    assert ran.events == [{"event": "rewind", "timestamp": None}]


def test_help_offers_topics_and_a_person() -> None:
    ran = act("action_help", Conversation.started().tracker("help", "ask_help"))
    assert ran.keys == ["help"]
    assert ran.events == []


def test_help_during_the_check_asks_its_question_again() -> None:
    conversation = _waiting_for_age()
    ran = conversation.say("action_help", "hulp", "ask_help")
    assert ran.keys == ["help", "back_to_check", None]
    assert ran.texts[-1].startswith(AGE_QUESTION)
    assert ran.messages[-1]["buttons"]
    assert ran.events == []


def test_wiping_asks_first() -> None:
    ran = act(
        "action_confirm_delete", Conversation.started().tracker("wis alles", "delete_my_data")
    )
    assert ran.keys == ["confirm_delete"]
    assert ran.customs == []
    assert ran.events == []


def test_no_to_wiping_keeps_everything_and_goes_on_with_the_check() -> None:
    conversation = _waiting_for_age()
    ran = conversation.say("action_keep_data", "nee", "deny")
    assert ran.keys == ["delete_kept", "back_to_check", None]
    assert ran.texts[-1].startswith(AGE_QUESTION)
    assert ran.customs == []
    assert ran.events == []


def test_yes_to_wiping_confirms_and_asks_the_api_to_delete() -> None:
    ran = act("action_delete_conversation", Conversation.started().tracker("ja", "affirm"))
    assert ran.keys == ["conversation_deleted", None]
    assert [c.delete_conversation for c in ran.customs] == [True]
    assert ran.events == []


def test_offer_of_a_person_asks_the_api_for_the_consent_screen() -> None:
    ran = act("action_offer_handoff", Conversation.started().tracker("medewerker", "ask_human"))
    assert ran.keys == ["offer_handoff", None]
    assert [c.handoff_offer for c in ran.customs] == [True]
    assert ran.events == []


def test_a_typed_yes_or_no_to_the_offer_reaches_the_api() -> None:
    conversation = Conversation.started()
    yes = act("action_handoff_reply", conversation.tracker("ja graag", "affirm"))
    no = act("action_handoff_reply", conversation.tracker("nee hoor", "deny"))
    assert [c.handoff_reply for c in yes.customs] == [True]
    assert [c.handoff_reply for c in no.customs] == [False]
    assert yes.texts == [""]
    assert yes.events == no.events == []
