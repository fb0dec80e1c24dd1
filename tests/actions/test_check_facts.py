"""Facts said anywhere count; a message about something else pauses the check (no Rasa)."""

from __future__ import annotations

from actions.benefits_result import not_checked, short_result
from actions.check_facts import collect
from actions.texts import texts


def _text(key: str, **values: object) -> str:
    return str(texts()[key]["text"]).format(**values)


def test_facts_before_the_check_are_collected() -> None:
    said = "alleenstaande moeder van 2 kinderen, 2 maanden huurachterstand en de deurwaarder"
    changes = collect({}, "cannot_pay_rent", said, "heerlen")
    assert changes["household"]["has_partner"] is False
    assert changes["household"]["housing"] == "rent"
    assert changes["situation"] == {
        "child_count": 2,
        "arrears_months": 2,
        "arrears": True,
        "bailiff": True,
    }
    assert "check_active" not in changes


def test_answers_during_the_check_are_left_to_the_check() -> None:
    assert collect({"check_active": True}, "inform", "ik ben 34", "heerlen") == {}


def test_another_topic_during_the_check_pauses_it_and_keeps_the_answers() -> None:
    slots = {"check_active": True, "household": {"reference_date": "2026-03-01", "age": 34}}
    changes = collect(slots, "bailiff_or_garnishment", "de deurwaarder staat voor de deur", "h")
    assert changes["check_active"] is False
    assert changes["check_state"] == {"paused": True}
    assert "household" not in changes


def test_asking_what_the_bot_means_does_not_pause_the_check() -> None:
    slots = {"check_active": True, "household": {"reference_date": "2026-03-01"}}
    asides = (
        ("explain_last", "hoe bedoel je dat"),
        ("explain_term", "wat is kale huur"),
        ("ask_how_to_apply", "hoe vraag ik dat aan?"),
        ("ask_next_step", "wat moet ik nu doen"),
    )
    for intent, said in asides:
        assert "check_active" not in collect(slots, intent, said, "heerlen")


def test_the_short_result_names_amount_why_and_how_to_apply_without_empty_bullets() -> None:
    evaluation = {
        "schemes": {
            "zorgtoeslag": {
                "title": "Zorgtoeslag",
                "outcome": "eligible",
                "amount_min": 129,
                "amount_max": 129,
                "amount_period": "month",
                "reasons": [{"met": True, "text": "Uw inkomen is laag genoeg."}],
                "how_to_apply": {"text": "Via Mijn toeslagen.", "url": "https://toeslagen.nl"},
                "not_checked": ["", "U staat ingeschreven op dit adres."],
            },
            "huurtoeslag": {
                "title": "Huurtoeslag",
                "outcome": "not_eligible",
                "reasons": [{"met": False, "text": "Uw vermogen is hoger dan 38.479 euro."}],
            },
        }
    }
    text = short_result(evaluation, _text)
    assert "Zorgtoeslag: ongeveer 129 euro per maand. Uw inkomen is laag genoeg." in text
    assert "Aanvragen: Via Mijn toeslagen. https://toeslagen.nl" in text
    assert "- Huurtoeslag: Uw vermogen is hoger dan 38.479 euro." in text
    assert "- \n" not in text
    assert not text.rstrip().endswith("-")
    detail = not_checked(evaluation, _text)
    assert "- U staat ingeschreven op dit adres." in detail
    assert "- \n" not in detail


def test_a_result_on_an_unchecked_figure_says_indicatie_in_its_own_line() -> None:
    """A scheme whose result rests on a figure with verified: false is marked where the
    resident reads it, not only in the details."""
    evaluation = {
        "schemes": {
            "zorgtoeslag": {
                "title": "Zorgtoeslag",
                "outcome": "eligible",
                "amount_min": 129,
                "amount_max": 129,
                "amount_period": "month",
                "indicative": True,
                "reasons": [],
            },
            "huurtoeslag": {
                "title": "Huurtoeslag",
                "outcome": "eligible",
                "amount_min": 200,
                "amount_max": 200,
                "amount_period": "month",
                "indicative": False,
                "reasons": [],
            },
            "kindgebonden_budget": {
                "title": "Kindgebonden budget",
                "outcome": "not_eligible",
                "indicative": True,
                "reasons": [{"met": False, "text": "Uw vermogen is te hoog."}],
            },
        }
    }
    marker = _text("check_result_indicative")
    lines = short_result(evaluation, _text).splitlines()
    assert f"- Zorgtoeslag: ongeveer 129 euro per maand. {marker}" in lines
    assert "- Huurtoeslag: ongeveer 200 euro per maand." in lines
    assert f"- Kindgebonden budget: Uw vermogen is te hoog. {marker}" in lines


def test_a_typed_yes_or_title_follows_the_button_of_the_last_message() -> None:
    from actions.check_steering import typed_button

    buttons = [
        {"title": "Ja, ik wil iemand spreken", "payload": "/ask_human"},
        {"title": "Eerst zelf kijken", "payload": "/check_benefits"},
    ]
    events = [
        {"event": "bot", "data": {"buttons": buttons}},
        {"event": "user", "text": "ja"},
    ]
    assert typed_button(events, "affirm", "ja") == "/ask_human"
    assert typed_button(events, "deny", "nee") is None
    assert typed_button(events, "nlu_fallback", "eerst zelf kijken!") == "/check_benefits"
    assert typed_button([{"event": "bot", "data": {}}], "affirm", "ja") is None
