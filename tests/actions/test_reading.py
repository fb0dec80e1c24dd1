"""Reading facts from residents' own Dutch words: benefits_rules.reading and .mentions, the one
parser the chat and the rules share (no Rasa needed)."""

from __future__ import annotations

import pytest

from benefits_rules import fit_answer, mentions, reading
from benefits_rules.reading import Money


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
        ("zo'n 22k per jaar", 22000),
        ("720 euro per maand", 720),
        ("ongeveer dertienhonderd netto", 1300),
        ("niks", 0),
        ("50 duizend", 50000),
        ("31000", 31000),
        ("21000 per jaar", 21000),
        ("2,5k", 2500),
    ],
)
def test_amounts_in_digits_and_words(text: str, amount: float) -> None:
    said = reading.read_money(text)
    assert said is not None
    assert said.euro == pytest.approx(amount)


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("720 euro per maand", Money(720, "month")),
        ("ongeveer dertienhonderd netto", Money(1300, None, "net")),
        ("zo'n 22k per jaar", Money(22000, "year")),
        ("25.000 bruto per jaar", Money(25000, "year", "gross")),
        ("tussen 1200 en 1400", Money(1200, None, None, 1400)),
    ],
)
def test_amounts_keep_their_period_and_basis(text: str, money: Money) -> None:
    assert reading.read_money(text) == money


@pytest.mark.parametrize("text", ["weet ik niet", "2 jaar", "1200 of 1400", "blauw", "3 kinderen"])
def test_no_amount_rather_than_a_guess(text: str) -> None:
    assert reading.read_money(text) is None


@pytest.mark.parametrize(
    "text", ["weet ik niet", "geen idee", "Weet ik nie", "dat weet ik niet precies"]
)
def test_dont_know(text: str) -> None:
    assert reading.is_dont_know(text)


def test_a_plain_no_is_not_dont_know() -> None:
    assert not reading.is_dont_know("nee")


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
    children = reading.parse_children(text)
    assert children is not None
    assert [c["age"] for c in children] == ages


def test_children_without_ages_asks_again() -> None:
    assert reading.parse_children("ik heb twee kinderen") is None


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
    assert reading.parse_yes_no(text) is value


def test_age_in_words() -> None:
    assert reading.parse_age("ik ben vierendertig") == 34
    assert reading.parse_age("honderdvijftig") == 150
    # read, but never used: the check asks again (benefits_rules.fitting)
    assert fit_answer("age", "age", "honderdvijftig").problem == "age_impossible"


def test_housing() -> None:
    assert reading.parse_housing("ik huur een flat") == "rent"
    assert reading.parse_housing("we hebben een koophuis") == "owner"
    assert reading.parse_housing("ik woon bij mijn ouders") == "other"


def test_mentioned_facts_in_a_correction() -> None:
    facts = mentions.mentioned_facts("nee ik heb twee kinderen van 4 en 9")
    assert facts == {"children": [{"age": 4}, {"age": 9}]}


def test_mentioned_facts_money_period() -> None:
    assert mentions.mentioned_facts("ongeveer 1400 netto") == {"net_monthly_income": 1400}
    assert mentions.mentioned_facts("25.000 bruto per jaar") == {"annual_income": 25000}
    assert mentions.mentioned_facts("mijn huur is 650") == {"rent": 650, "housing": "rent"}
    assert mentions.mentioned_facts("ik ben 34 en alleenstaand") == {
        "age": 34,
        "has_partner": False,
    }


def test_money_to_live_on_said_with_a_period_is_income() -> None:
    assert mentions.mentioned_facts("we hebben 1900 per maand") == {"net_monthly_income": 1900}
    assert mentions.mentioned_facts("ik krijg 1200 euro per maand") == {"net_monthly_income": 1200}
    assert mentions.mentioned_facts("ik woon in Heerlen en heb 1200 per maand") == {
        "municipality": "heerlen",
        "net_monthly_income": 1200,
    }
    # a cost per month is no income
    assert mentions.mentioned_facts("ik heb 300 per maand aan vaste lasten") == {}
    assert mentions.mentioned_facts("ik heb 50 per maand schuld") == {}


def test_the_toeslagpartner_named_is_the_partner() -> None:
    assert mentions.mentioned_facts("nee geen toeslagpartner") == {"has_partner": False}
    assert mentions.mentioned_facts("ik heb een toeslagpartner") == {"has_partner": True}
    assert mentions.mentioned_facts("wat is een toeslagpartner?") == {}


def test_facts_said_in_passing() -> None:
    assert mentions.mentioned_facts("mag ik huurtoeslag met 50000 spaargeld?") == {"assets": 50000}
    assert mentions.mentioned_facts("ik heb 50 duizend spaargeld") == {"assets": 50000}
    assert mentions.mentioned_facts("ik betaal 720 huur") == {"rent": 720, "housing": "rent"}
    said = "hoi ik ben alleenstaande moeder van 2 kinderen en heb 2 maanden huurachterstand"
    assert mentions.mentioned_facts(said) == {"has_partner": False, "housing": "rent"}
    assert mentions.situation_facts(said) == {
        "child_count": 2,
        "arrears_months": 2,
        "arrears": True,
    }
    assert mentions.situation_facts("de deurwaarder komt, ik krijg al zorgtoeslag") == {
        "bailiff": True,
        "benefits_received": ["zorgtoeslag"],
    }
    assert mentions.situation_facts("we krijgen ook huurtoeslag en kinderbijslag") == {
        "benefits_received": ["huurtoeslag", "kinderbijslag"]
    }


def test_facts_with_typos_and_without_ik() -> None:
    said = (
        "wat krijg ik aan toeslagen, ben 28 jr en woon samen met men vriendin, we huren voor 850pm"
    )
    assert mentions.mentioned_facts(said) == {
        "age": 28,
        "has_partner": True,
        "rent": 850,
        "housing": "rent",
    }
    assert mentions.mentioned_facts("zij is 27") == {"has_partner": True, "partner_age": 27}
    said = "ja ik heb een partner van 37"
    assert mentions.mentioned_facts(said) == {"has_partner": True, "partner_age": 37}
    # A friend of 20 years is no age.
    assert "partner_age" not in mentions.mentioned_facts("mijn vriend van 20 jaar geleden")
    pensioners = "ik ben 66 en mijn vrouw 64. we wonen in een huurhuis van 680 euro."
    assert mentions.mentioned_facts(pensioners) == {
        "age": 66,
        "has_partner": True,
        "partner_age": 64,
        "rent": 680,
        "housing": "rent",
    }
    assert mentions.mentioned_facts("onze aow en pensioen samen zo n 31000 per jaar") == {
        "annual_income": 31000
    }
    assert mentions.mentioned_facts("netto komt er 2600 binnen per maand") == {
        "net_monthly_income": 2600
    }
    assert mentions.mentioned_facts("oh wacht, ik verdien eigenlijk 45000 per jaar") == {
        "annual_income": 45000
    }


def test_a_bare_number_is_never_a_fact_in_passing() -> None:
    assert mentions.mentioned_facts("720 euro per maand") == {}
    assert mentions.mentioned_facts("zeg 300") == {}
    assert mentions.mentioned_facts("ik ben 2 maanden achter met de huur") == {"housing": "rent"}


def test_energy_cutoff_words() -> None:
    from actions.energy_arrears import is_energy_cutoff

    assert is_energy_cutoff("ze gaan het gas afsluiten")
    assert is_energy_cutoff("we zitten zonder stroom")
    assert not is_energy_cutoff("mijn energierekening is te hoog")


def test_a_period_is_converted_to_what_the_question_asks_only_after_a_question_back() -> None:
    yearly_at_month = fit_answer("net_monthly_income", "money_month", "zo'n 22k per jaar")
    assert yearly_at_month.value is None
    assert yearly_at_month.confirm is not None
    assert yearly_at_month.confirm.yes == 1833
    monthly_at_year = fit_answer("annual_income", "money_year", "1500 per maand")
    assert monthly_at_year.confirm is not None
    assert monthly_at_year.confirm.yes == 18000
    assert fit_answer("rent", "money_month", "720 euro per maand").value == 720
    assert fit_answer("rent", "money_month", "150 per week").value == 650


def test_net_and_gross_are_never_converted_into_each_other() -> None:
    net_at_gross = fit_answer("annual_income", "money_year", "ongeveer 1400 netto")
    assert net_at_gross.value is None
    assert net_at_gross.problem == "need_gross_year"
    assert net_at_gross.kept == {"net_monthly_income": 1400}
    gross_at_net = fit_answer("net_monthly_income", "money_month", "25.000 bruto per jaar")
    assert gross_at_net.problem == "need_net"
    assert gross_at_net.kept == {"annual_income": 25000}


def test_the_rules_read_typed_answers_with_the_same_parser() -> None:
    from benefits_rules import answer_value

    assert answer_value("rent", "720 euro per maand") == 720
    assert answer_value("has_partner", "jawel") is True
    assert answer_value("children", "2 kinderen van 3 en 7") == [{"age": 3}, {"age": 7}]
    assert answer_value("assets", "geen idee") == "unknown"
