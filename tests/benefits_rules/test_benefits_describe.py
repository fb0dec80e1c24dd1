"""describe: a household, the facts said in passing and the results, one Dutch line per fact."""

from __future__ import annotations

from typing import Any

import pytest

from benefits_rules import describe, evaluate


def _labels(**given: Any) -> dict[str, str]:
    return {f"{item.topic}:{item.key}": item.label for item in describe(**given)}


def test_every_household_fact_in_a_fixed_order_with_dutch_amounts() -> None:
    household = {
        "receives_bijstand": False,
        "assets": 50000,
        "annual_income": 21000.4,
        "rent": 650,
        "housing": "rent",
        "net_monthly_income": 1400,
        "children": [{"age": 10}, {"age": 7}],
        "has_partner": True,
        "age": 34,
    }
    assert list(_labels(household=household).items()) == [
        ("household:age", "Leeftijd: 34 jaar"),
        ("household:has_partner", "Partner: ja"),
        ("household:children", "Kinderen: 2 (leeftijd: 7, 10)"),
        ("household:net_monthly_income", "Netto inkomen: € 1.400 per maand"),
        ("household:housing", "Woning: huurhuis"),
        ("household:rent", "Huur: € 650 per maand"),
        ("household:annual_income", "Inkomen voor belasting: € 21.000 per jaar"),
        ("household:assets", "Spaargeld en bezit: € 50.000"),
        ("household:receives_bijstand", "Bijstand: nee"),
    ]
    children = next(item for item in describe(household) if item.key == "children")
    assert children.value == [{"age": 10}, {"age": 7}]  # as said; the label sorts them


@pytest.mark.parametrize(
    ("amount", "written"), [(1400, "€ 1.400"), (1_000_000, "€ 1.000.000"), (99.6, "€ 100")]
)
def test_amounts_are_whole_euros_with_a_dutch_thousands_separator(
    amount: float, written: str
) -> None:
    (item,) = describe({"rent": amount})
    assert item.label == f"Huur: {written} per maand"
    assert item.value == round(amount)


def test_facts_said_in_passing() -> None:
    situation = {
        "child_count": 2,
        "arrears_months": 3,
        "arrears": True,
        "bailiff": True,
        "benefits_received": ["zorgtoeslag", "Huur!"],
    }
    assert list(_labels(situation=situation).values()) == [
        "Kinderen: 2",
        "Achterstand: 3 maanden",
        "Er is een deurwaarder",
        "Krijgt al: zorgtoeslag",
    ]
    # the number of children is not repeated once their ages are known
    assert "situation:child_count" not in _labels(household={"children": []}, situation=situation)


def test_results_in_the_words_of_the_rules() -> None:
    household = {
        "reference_date": "2026-03-01",
        "municipality": "heerlen",
        "age": 40,
        "has_partner": False,
        "children": [],
        "housing": "rent",
        "rent": 650,
        "annual_income": 18000,
        "assets": 1000,
        "health_insured": True,
        "co_residents_21_plus": 0,
    }
    schemes = evaluate(household, ["zorgtoeslag", "kindgebonden_budget"]).to_dict()["schemes"]
    labels = _labels(results=schemes)
    assert labels["benefit:zorgtoeslag"].startswith("Zorgtoeslag: u krijgt het waarschijnlijk, ")
    assert labels["benefit:zorgtoeslag"].endswith(" per maand")
    assert labels["benefit:kindgebonden_budget"].endswith(": u krijgt het waarschijnlijk niet")


def test_outcomes_and_the_amount_of_a_result_summary() -> None:
    results = {
        "kwijtschelding": {
            "title": "Kwijtschelding",
            "outcome": "possibly_eligible",
            "amount_per_year": 380,
        },
        "leergeld": {"outcome": "unknown"},
    }
    items = describe(results=results)
    assert [(i.label, i.value) for i in items] == [
        (
            "Kwijtschelding: u krijgt het misschien, ongeveer € 380 per jaar",
            {"outcome": "possibly_eligible", "amount_per_year": 380},
        ),
        ("Leergeld: nog niet duidelijk", {"outcome": "unknown"}),
    ]


@pytest.mark.parametrize(
    "given",
    [
        {"household": ["age", 30]},
        {"household": {"age": -3, "rent": "veel", "children": [{"age": "zeven"}]}},
        {"household": {"has_partner": "nee", "housing": "Kasteel!", "age": True}},
        {"household": {"housing": "own", "assets": 10**9}},
        {"situation": {"child_count": 50, "arrears": "ja", "benefits_received": "zorgtoeslag"}},
        {"results": {"zorgtoeslag": {"outcome": "great"}}},
        {"results": ["zorgtoeslag"]},
    ],
)
def test_anything_not_in_the_expected_shape_is_left_out(given: dict[str, Any]) -> None:
    assert describe(**given) == ()
