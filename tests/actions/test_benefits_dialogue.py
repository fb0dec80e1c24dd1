"""The benefits check as a dialogue, without Rasa: questions, answers, corrections, results."""

from __future__ import annotations

from datetime import date

from actions import benefits_dialogue as dialogue

TODAY = date(2026, 3, 1)


def _run(answers: dict[str, str], schemes: tuple[str, ...] | None = None) -> dialogue.Step:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), schemes, "")
    for _ in range(30):
        if step.question is None:
            return step
        fact = step.question.fact
        step = dialogue.answer(step.household, schemes, fact, answers.get(fact, "weet ik niet"))
    raise AssertionError("the check did not end")


def test_first_question_is_the_least_sensitive() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    assert step.question is not None
    assert step.question.fact == "age"


def test_facts_in_the_opening_message_are_not_asked_again() -> None:
    step = dialogue.start(
        dialogue.new_household("heerlen", TODAY), ("huurtoeslag",), "ik ben 34 en mijn huur is 650"
    )
    assert step.household["age"] == 34
    assert step.household["rent"] == 650
    assert step.question is not None
    assert step.question.fact not in ("age", "rent")


def test_answers_in_words_and_dutch_notation() -> None:
    step = _run(
        {
            "age": "vierendertig",
            "has_partner": "nee",
            "children": "geen",
            "housing": "ik huur",
            "co_residents_21_plus": "niemand",
            "health_insured": "ja",
            "rent": "€ 600,00",
            "annual_income": "tweeëntwintigduizend",
            "assets": "ongeveer 2000",
        },
        ("huurtoeslag",),
    )
    assert step.result is not None
    result = step.result["schemes"]["huurtoeslag"]
    assert result["outcome"] == "eligible"
    assert result["amount_per_month"] > 0


def test_unclear_answer_is_asked_again_with_its_kind() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    again = dialogue.answer(step.household, None, "age", "blauw")
    assert again.reprompt_kind == "age"
    assert again.question is not None
    assert again.question.fact == "age"


def test_dont_know_never_dead_ends() -> None:
    step = _run({})
    assert step.result is not None
    assert step.explanation


def test_correction_of_an_earlier_answer() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    step = dialogue.answer(step.household, None, "age", "34")
    step = dialogue.answer(step.household, None, "has_partner", "nee")
    assert step.question is not None
    pending = step.question.fact
    step = dialogue.answer(step.household, None, pending, "nee ik ben 35")
    assert step.household["age"] == 35
    assert "age" in step.corrected
    # the "nee" of the correction did not answer the pending question
    assert step.question is not None
    assert step.question.fact == pending


def test_button_answer_goes_straight_to_the_rules() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    step = dialogue.answer(step.household, None, "age", "/inform", button_answer="21-66")
    assert step.household["age"] == {"min": 21, "max": 66}


def test_second_misunderstanding_in_a_row_offers_a_person() -> None:
    from actions.benefits_check import misunderstood_twice

    def user(intent: str) -> dict[str, object]:
        return {"event": "user", "parse_data": {"intent": {"name": intent}}}

    assert misunderstood_twice([user("greet"), user("nlu_fallback"), user("nlu_fallback")])
    assert not misunderstood_twice([user("nlu_fallback"), user("greet"), user("nlu_fallback")])
    assert not misunderstood_twice([user("nlu_fallback")])
