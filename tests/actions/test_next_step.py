""" "Wat moet ik nu doen?" and "hoe vraag ik dat aan?", run as the action server runs them."""

from __future__ import annotations

from benefits_rules import load_rules
from tests.actions.running import Conversation, act

AGE_QUESTION = load_rules().questions["age"].text


def test_the_next_step_follows_the_newest_topic_with_the_local_route() -> None:
    conversation = Conversation.started(topics=["debt_worries", "food_emergency"])
    ran = conversation.say("action_next_step", "wat moet ik nu doen", "ask_next_step")
    assert ran.keys == ["next_step_food_emergency", "next_step_offer"]
    phone = conversation.slots["municipality_phone"]
    assert phone in ran.texts[0]
    assert conversation.slots["contact_voedselbank"] in ran.texts[0]
    assert "{" not in ran.texts[0]
    assert [b["payload"] for b in ran.messages[1]["buttons"]] == ["/check_benefits", "/ask_human"]
    assert ran.events == []


def test_every_money_topic_has_a_next_step() -> None:
    for topic in (
        "debt_worries",
        "cannot_pay_rent",
        "income_loss",
        "budgeting_help",
        "repay_toeslag",
        "bailiff_or_garnishment",
        "eviction_threat",
        "cannot_pay_energy",
        "food_emergency",
    ):
        ran = act(
            "action_next_step",
            Conversation.started(topics=[topic]).tracker("en nu?", "ask_next_step"),
        )
        assert ran.keys[0] == f"next_step_{topic}", topic


def test_without_a_topic_it_asks_what_it_is_about() -> None:
    ran = act("action_next_step", Conversation.started().tracker("wat nu", "ask_next_step"))
    assert ran.keys == ["next_step_unknown"]
    assert ran.messages[0]["buttons"]


def test_during_the_check_the_next_step_comes_back_to_the_question() -> None:
    conversation = Conversation.started(topics=["income_loss"])
    conversation.say("action_start_check", "waar heb ik recht op", "check_benefits")
    ran = conversation.say("action_next_step", "wat moet ik doen", "ask_next_step")
    assert ran.keys == ["next_step_income_loss", "back_to_check", None]
    assert ran.texts[-1].startswith(AGE_QUESTION)
    assert conversation.slots["pending_fact"] == "age"


def test_how_to_apply_during_a_check_of_one_scheme_comes_from_its_rules() -> None:
    conversation = Conversation.started()
    conversation.say("action_start_check", "kan ik zorgtoeslag krijgen", "ask_zorgtoeslag")
    assert conversation.slots["check_schemes"] == ["zorgtoeslag"]
    ran = conversation.say("action_how_to_apply", "hoe vraag ik dat aan?", "ask_how_to_apply")
    assert ran.keys == ["apply_for", "back_to_check", None]
    assert ran.texts[0].startswith("Zorgtoeslag aanvragen: Vraag zorgtoeslag aan bij")
    assert "https://www.belastingdienst.nl/" in ran.texts[0]
    assert ran.texts[-1].startswith(AGE_QUESTION)
    assert conversation.slots["pending_fact"] == "age"


def test_how_to_apply_without_one_scheme_offers_the_check() -> None:
    ran = act(
        "action_how_to_apply",
        Conversation.started().tracker("hoe vraag ik dat aan", "ask_how_to_apply"),
    )
    assert ran.keys == ["apply_unknown"]
    assert ran.messages[0]["buttons"][0]["payload"] == "/check_benefits"
