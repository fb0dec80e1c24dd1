"""Reading facts from residents' own Dutch words (no Rasa needed)."""

from __future__ import annotations

import pytest

from actions import parsing


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("ongeveer 1400 netto", 1400),
        ("tweeduizend", 2000),
        ("€ 1.850,50", 1850.5),
        ("1850,50", 1850.5),
        ("25.000 bruto per jaar", 25000),
        ("tweeduizend vijfhonderd euro", 2500),
        ("zo'n 1200 in de maand", 1200),
        ("30k", 30000),
    ],
)
def test_amounts_in_digits_and_words(text: str, amount: float) -> None:
    assert parsing.parse_amount(text) == pytest.approx(amount)


@pytest.mark.parametrize(
    "text", ["weet ik niet", "geen idee", "Weet ik nie", "dat weet ik niet precies"]
)
def test_dont_know(text: str) -> None:
    assert parsing.is_dont_know(text)


def test_a_plain_no_is_not_dont_know() -> None:
    assert not parsing.is_dont_know("nee")


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("4 en 9", [4, 9]),
        ("2 kinderen van 3 en 7", [3, 7]),
        ("twee kinderen van drie en zeven", [3, 7]),
        ("een kind van acht", [8]),
        ("geen", []),
        ("nee, geen kinderen", []),
    ],
)
def test_children(text: str, ages: list[int]) -> None:
    children = parsing.parse_children(text)
    assert children is not None
    assert [c["age"] for c in children] == ages


def test_children_without_ages_asks_again() -> None:
    assert parsing.parse_children("ik heb twee kinderen") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ja", True),
        ("jao", True),
        ("Ja hoor", True),
        ("nee", False),
        ("nae", False),
        ("misschien", None),
    ],
)
def test_yes_no_with_limburg_words(text: str, value: bool | None) -> None:
    assert parsing.parse_yes_no(text) is value


def test_age_in_words() -> None:
    assert parsing.parse_age("ik ben vierendertig") == 34
    assert parsing.parse_age("honderdvijftig") is None


def test_housing() -> None:
    assert parsing.parse_housing("ik huur een flat") == "rent"
    assert parsing.parse_housing("we hebben een koophuis") == "owner"
    assert parsing.parse_housing("ik woon bij mijn ouders") == "other"


def test_mentioned_facts_in_a_correction() -> None:
    facts = parsing.mentioned_facts("nee ik heb twee kinderen van 4 en 9")
    assert facts == {"children": [{"age": 4}, {"age": 9}]}


def test_mentioned_facts_money_period() -> None:
    assert parsing.mentioned_facts("ongeveer 1400 netto") == {"net_monthly_income": 1400}
    assert parsing.mentioned_facts("25.000 bruto per jaar") == {"annual_income": 25000}
    assert parsing.mentioned_facts("mijn huur is 650") == {"rent": 650, "housing": "rent"}
    assert parsing.mentioned_facts("ik ben 34 en alleenstaand") == {"age": 34, "has_partner": False}


def test_energy_cutoff_words() -> None:
    from actions.money_topics import is_energy_cutoff

    assert is_energy_cutoff("ze gaan het gas afsluiten")
    assert is_energy_cutoff("we zitten zonder stroom")
    assert not is_energy_cutoff("mijn energierekening is te hoog")
