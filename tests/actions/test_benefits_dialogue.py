"""The benefits check as a dialogue, without Rasa: questions, answers, corrections, results."""

from __future__ import annotations

from datetime import date

from actions import benefits_dialogue as dialogue
from benefits_rules import load_municipality
from tests.actions.answers import SINGLE_MOTHER

TODAY = date(2026, 3, 1)


def _run(
    answers: dict[str, str], schemes: tuple[str, ...] | None = None, opener: str = ""
) -> dialogue.Step:
    """Answer each question from ``answers`` (a confirmation under "confirm:<fact>")."""
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), schemes, opener)
    pending = step.question.fact if step.question else None
    for _ in range(40):
        if pending is None or (step.question is None and step.confirm is None):
            return step
        key = f"confirm:{pending}" if step.confirm is not None else pending
        step = dialogue.answer(
            step.household, schemes, pending, answers.get(key, "weet ik niet"), None, step.state
        )
        if step.question is not None:
            pending = step.question.fact
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
    assert again.reprompt == "check_reprompt_age"
    assert not again.offer_help
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


def test_single_mother_whose_partner_answer_names_her_children_gets_kindgebonden_budget() -> None:
    step = _run(SINGLE_MOTHER)
    assert step.result is not None
    assert step.household["children"] == [{"age": 3}, {"age": 7}]
    assert step.household["rent"] == 720
    budget = step.result["schemes"]["kindgebonden_budget"]
    assert budget["outcome"] == "eligible"
    assert budget["amount_per_month"] > 0


def test_yearly_amount_at_the_monthly_question_is_confirmed_first() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    asked = dialogue.answer(step.household, None, "net_monthly_income", "6000 per jaar")
    assert asked.confirm is not None
    assert asked.confirm.values == {"amount": "6.000", "converted": "500"}
    assert "net_monthly_income" not in asked.household
    confirmed = dialogue.answer(
        asked.household, None, "net_monthly_income", "ja", None, asked.state
    )
    assert confirmed.household["net_monthly_income"] == 500


def test_implausible_rent_is_asked_back_and_no_keeps_it() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    asked = dialogue.answer(step.household, None, "rent", "6000")
    assert asked.confirm is not None
    kept = dialogue.answer(asked.household, None, "rent", "nee", None, asked.state)
    assert kept.household["rent"] == 6000


def test_a_bare_number_at_how_long_is_never_taken_as_years() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    stray = dialogue.answer(step.household, None, "months_on_low_income", "zeg 300")
    assert stray.reprompt == "check_reprompt_months"
    assert "months_on_low_income" not in stray.household
    asked = dialogue.answer(step.household, None, "months_on_low_income", "2")
    assert asked.confirm is not None
    years = dialogue.answer(
        asked.household, None, "months_on_low_income", "jaar", None, asked.state
    )
    assert years.household["months_on_low_income"] == 24


def test_an_impossible_age_is_asked_again() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    again = dialogue.answer(step.household, None, "age", "300")
    assert again.reprompt == "check_reprompt_age_impossible"
    assert "age" not in again.household


def test_second_failed_answer_offers_buttons_and_a_person_and_keeps_answers() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "ik ben 34")
    first = dialogue.answer(step.household, None, "has_partner", "blauw", None, step.state)
    assert not first.offer_help
    second = dialogue.answer(first.household, None, "has_partner", "paars", None, first.state)
    assert second.offer_help
    assert second.household["age"] == 34
    understood = dialogue.answer(second.household, None, "has_partner", "nee", None, second.state)
    assert understood.state.get("misses") is None


def test_a_typed_button_title_works_like_the_button() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    step = dialogue.answer(step.household, None, "age", "21 tot 67")
    assert step.household["age"] == {"min": 21, "max": 66}


def test_saver_asking_about_huurtoeslag_gets_no_huurtoeslag() -> None:
    step = _run(
        {
            "age": "45",
            "has_partner": "nee",
            "housing": "ik huur",
            "children": "geen",
            "co_residents_21_plus": "niemand",
        },
        ("huurtoeslag",),
        opener="mag ik huurtoeslag met 50000 spaargeld?",
    )
    assert step.household["assets"] == 50000
    assert step.result is not None
    assert step.result["schemes"]["huurtoeslag"]["outcome"] == "not_eligible"


def test_a_later_correction_of_the_number_of_children_asks_their_ages_again() -> None:
    step = _run({**SINGLE_MOTHER, "children": "4"})
    assert step.household["children"] == [{"age": 4}]
    fixed = dialogue.answer(step.household, None, "assets", "nee wacht, 2 kinderen", None, {})
    assert fixed.question is not None
    assert fixed.question.fact == "children"
    again = dialogue.answer(fixed.household, None, "children", "4 en 9", None, fixed.state)
    assert again.household["children"] == [{"age": 4}, {"age": 9}]


def test_a_fact_for_another_question_is_not_filed_under_the_pending_one() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    noted = dialogue.answer(step.household, None, "rent", "ik heb niks gespaard")
    assert noted.household["assets"] == 0
    assert "rent" not in noted.household
    assert noted.noted


def test_a_correction_after_the_result_updates_it() -> None:
    step = _run(SINGLE_MOTHER)
    assert step.result is not None
    before = step.result["schemes"]["kindgebonden_budget"]["amount_per_month"]
    revised = dialogue.revise(step.household, None, "nee wacht, ik heb 3 kinderen van 3, 7 en 12")
    assert revised is not None
    assert revised.result is not None
    assert revised.result["schemes"]["kindgebonden_budget"]["amount_per_month"] > before
    assert dialogue.revise(step.household, None, "dank je wel") is None


def test_saying_you_rent_at_a_yes_no_question_is_noted_not_misunderstood() -> None:
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), None, "")
    noted = dialogue.answer(step.household, None, "receives_bijstand", "ik huur")
    assert noted.household["housing"] == "rent"
    assert noted.reprompt is None
    assert noted.state.get("misses") is None


def test_a_no_about_the_partner_at_another_yes_no_question_is_noted_not_taken_as_the_answer() -> (
    None
):
    step = dialogue.start(dialogue.new_household("heerlen", TODAY), ["zorgtoeslag"], "")
    noted = dialogue.answer(
        step.household, ["zorgtoeslag"], "health_insured", "nee geen toeslagpartner"
    )
    assert noted.household["has_partner"] is False
    assert "health_insured" not in noted.household
    assert noted.noted


def test_an_ask_intent_focuses_on_its_scheme_or_the_municipality_s_own_schemes() -> None:
    own = tuple(load_municipality("heerlen").schemes)
    assert dialogue.focus("ask_minimaregelingen", "heerlen") == own
    assert dialogue.focus("ask_zorgtoeslag", "heerlen") == ("zorgtoeslag",)
    assert dialogue.focus("ask_kwijtschelding", "heerlen") == ("kwijtschelding",)
    assert dialogue.focus("ask_human", "heerlen") is None
    assert dialogue.focus("check_benefits", "heerlen") is None


def test_a_plain_yes_to_the_children_question_asks_their_ages() -> None:
    household = {**dialogue.new_household("heerlen", TODAY), "age": 30, "has_partner": False}
    said = dialogue.answer(household, None, "children", "ja")
    assert said.reprompt == "check_reprompt_children_ages"
    assert said.question is not None
    assert said.question.fact == "children"
    assert "children" not in said.household
    ages = dialogue.answer(said.household, None, "children", "3 en 8", None, said.state)
    assert ages.household["children"] == [{"age": 3}, {"age": 8}]
