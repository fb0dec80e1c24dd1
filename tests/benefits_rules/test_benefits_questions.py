"""next_question and apply_answer: least sensitive first, stop when the outcome is clear."""

from __future__ import annotations

from typing import Any

import pytest

from benefits_rules import InvalidHousehold, Question, apply_answer, next_question
from benefits_rules.answers import answer_value

START = {"reference_date": "2026-03-01", "municipality": "heerlen"}


def test_first_question_is_age_with_age_bands() -> None:
    question = next_question(START)
    assert isinstance(question, Question)
    assert question.fact == "age"
    assert question.answer_kind == "age"
    assert [b.payload for b in question.buttons] == ["0-17", "18-20", "21-66", "67+"]
    assert question.why
    assert question.to_dict()["buttons"][0] == {"title": "Jonger dan 18", "payload": "0-17"}


def test_household_questions_come_before_income() -> None:
    household = {**START, "age": 30}
    asked = []
    for _ in range(4):
        question = next_question(household)
        assert question is not None
        asked.append(question.fact)
        household = apply_answer(
            household,
            question.fact,
            {
                "has_partner": "nee",
                "children": "geen",
                "housing": "owner",
                "co_residents_21_plus": "0",
            }[question.fact],
        )
    assert asked == ["has_partner", "children", "housing", "co_residents_21_plus"]


def test_a_question_is_not_asked_for_a_scheme_already_settled() -> None:
    """A 17-year-old without children: no national scheme is open, so no income question."""
    household = {**START, "age": 17, "children": []}
    question = next_question(household, ["zorgtoeslag", "kindgebonden_budget", "huurtoeslag"])
    assert question is None


def _zorgtoeslag_household(annual_income: dict[str, int]) -> dict[str, Any]:
    """A single insured 30-year-old with few assets: only the income is open for zorgtoeslag."""
    return {
        "reference_date": "2026-03-01",
        "age": 30,
        "has_partner": False,
        "health_insured": True,
        "assets": 100,
        "annual_income": annual_income,
    }


def test_a_band_that_straddles_a_limit_leads_to_a_sharper_question() -> None:
    household = _zorgtoeslag_household({"min": 40000, "max": 49999})
    question = next_question(household, ["zorgtoeslag"])
    assert question is not None
    assert question.fact == "annual_income"
    assert question.refine
    assert [b.payload for b in question.buttons] == ["unknown"]
    answered = apply_answer(household, "annual_income", "41.500")
    assert answered["annual_income"] == 41500
    assert next_question(answered, ["zorgtoeslag"]) is None


def test_stop_asking_once_the_outcome_is_clear_even_if_the_amount_is_a_range() -> None:
    household = _zorgtoeslag_household({"min": 20000, "max": 29999})
    assert next_question(household, ["zorgtoeslag"]) is None


def test_weet_ik_niet_to_a_sharper_question_keeps_the_band() -> None:
    household = _zorgtoeslag_household({"min": 40000, "max": 49999})
    answered = apply_answer(household, "annual_income", "weet ik niet")
    assert answered["annual_income"] == {"min": 40000, "max": 49999}
    assert answered["unknown_facts"] == ["annual_income"]
    assert next_question(answered, ["zorgtoeslag"]) is None


def test_weet_ik_niet_is_not_asked_again() -> None:
    household = {**START, "age": 30, "has_partner": "unknown"}
    question = next_question(household)
    assert question is not None
    assert question.fact != "has_partner"


def test_childcare_questions_come_only_for_a_young_child() -> None:
    household = {"reference_date": "2026-03-01", "age": 30, "children": [{"age": 15}]}
    assert next_question(household, ["kinderopvangtoeslag"]) is None
    household = {"reference_date": "2026-03-01", "age": 30, "children": [{"age": 2}]}
    question = next_question(household, ["kinderopvangtoeslag"])
    assert question is not None
    assert question.fact == "childcare.uses_paid_childcare"
    answered = apply_answer(household, question.fact, "ja")
    assert answered["childcare"] == {"uses_paid_childcare": True}


@pytest.mark.parametrize(
    ("fact", "answer", "value"),
    [
        ("age", "18-20", {"min": 18, "max": 20}),
        ("age", "67+", {"min": 67, "max": None}),
        ("age", "42", 42),
        ("has_partner", "Ja", True),
        ("has_partner", "nee", False),
        ("children", "4 en 9", [{"age": 4}, {"age": 9}]),
        ("children", "3, 5, 12", [{"age": 3}, {"age": 5}, {"age": 12}]),
        ("children", "geen", []),
        ("annual_income", "20000-29999", {"min": 20000, "max": 29999}),
        ("annual_income", "40.857", 40857),
        ("net_monthly_income", "1.234,56", 1234.56),
        ("rent", "€ 650", 650),
        ("housing", "rent", "rent"),
        ("assets", "weet ik niet", "unknown"),
    ],
)
def test_answer_values(fact: str, answer: str, value: Any) -> None:
    assert answer_value(fact, answer) == value


def test_an_unreadable_answer_names_the_fact() -> None:
    with pytest.raises(InvalidHousehold) as caught:
        answer_value("has_partner", "misschien")
    assert caught.value.field == "has_partner"


def test_every_question_payload_is_accepted_by_the_household_parser() -> None:
    from benefits_rules import load_rules, parse_household

    for fact, spec in load_rules().questions.items():
        for button in spec.buttons:
            data = apply_answer({"reference_date": "2026-03-01"}, fact, button.payload)
            parse_household(data)  # raises if a payload cannot be used


def test_no_partner_after_a_partner_age_drops_that_age() -> None:
    # "mijn vrouw is 64" said in passing, then "nee, ik heb geen partner": the correction holds.
    household = apply_answer({"partner_age": 64, "has_partner": True}, "has_partner", "nee")
    assert household["has_partner"] is False
    assert "partner_age" not in household
