"""explain(): a short Dutch B1 text for the chat."""

from __future__ import annotations

import re

from benefits_rules import evaluate, explain

FAMILY = {
    "reference_date": "2026-03-01",
    "municipality": "heerlen",
    "age": 35,
    "has_partner": False,
    "children": [{"age": 8}],
    "housing": "owner",
    "annual_income": 30000,
    "net_monthly_income": 1300,
    "assets": 2000,
    "co_residents_21_plus": 0,
    "health_insured": True,
    "receives_bijstand": False,
    "months_on_low_income": 12,
    "childcare": {"uses_paid_childcare": False},
}


def test_eligible_scheme_block_has_amount_reasons_disclaimer_and_how_to_apply() -> None:
    text = explain(evaluate(FAMILY, ["kindgebonden_budget"]))
    assert text.startswith("Kindgebonden budget: u heeft waarschijnlijk recht op deze regeling.")
    assert "U krijgt ongeveer 497 euro per maand." in text
    assert "- U krijgt kinderbijslag voor een kind onder de 18." in text
    assert "Dit konden we niet nagaan:" in text
    assert "De uitkomst is daarom een indicatie." in text
    assert "Dit is een indicatie, geen besluit." in text
    assert "Aanvragen:" in text
    assert "https://www.belastingdienst.nl/" in text


def test_not_eligible_schemes_are_one_sentence_with_the_main_reason() -> None:
    text = explain(evaluate(FAMILY))
    summary = [line for line in text.splitlines() if line.startswith("Waarschijnlijk geen recht")]
    assert len(summary) == 1
    sentence = summary[0]
    assert "Huurtoeslag (u huurt geen woning)" in sentence
    assert "Individuele inkomenstoeslag (u heeft nog geen 3 jaar een laag inkomen)" in sentence
    assert "Kinderopvangtoeslag (uw kind gaat niet naar betaalde kinderopvang)" in sentence
    assert sentence.endswith(".")
    assert sentence.count(".") == 1
    assert " en " in sentence


def test_a_range_is_explained_as_a_range() -> None:
    household = {**FAMILY, "annual_income": {"min": 20000, "max": 39999}}
    text = explain(evaluate(household, ["kindgebonden_budget"]))
    assert "U krijgt ongeveer 434 tot 499 euro per maand." in text


def test_possibly_eligible_says_misschien_and_what_was_not_checked() -> None:
    household = {**FAMILY, "annual_income": "unknown"}
    text = explain(evaluate(household, ["zorgtoeslag"]))
    assert text.startswith("Zorgtoeslag: misschien heeft u recht op deze regeling.")
    assert "Uw inkomen per jaar weten we niet." in text
    assert "Dit is een indicatie, geen besluit." in text


def test_unknown_schemes_ask_for_more_information() -> None:
    text = explain(evaluate({"reference_date": "2026-03-01"}, ["zorgtoeslag", "huurtoeslag"]))
    assert text == "Voor Zorgtoeslag en Huurtoeslag hebben we nog wat meer informatie nodig."


def test_the_text_is_b1_short_sentences() -> None:
    text = explain(evaluate(FAMILY))
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.?!])\s+", line.removeprefix("- ")):
            if "http" in sentence or not sentence.strip():
                continue
            words = sentence.split()
            # the one-sentence summary of schemes the resident misses may list several items
            limit = 40 if sentence.startswith("Waarschijnlijk geen recht") else 22
            assert len(words) <= limit, sentence
