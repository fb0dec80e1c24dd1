"""parse_household: strict types, clear errors naming the field, ranges and "weet ik niet"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from benefits_rules import UNKNOWN, Interval, InvalidHousehold, evaluate, parse_household
from benefits_rules.household import Household


def test_money_is_kept_in_eurocent_and_numbers_as_intervals() -> None:
    household = parse_household(
        {
            "reference_date": "2026-01-31",
            "annual_income": 22000.5,
            "rent": {"min": 500, "max": 699.99},
            "age": 30,
            "assets": -200,
        }
    )
    assert household.reference_date == date(2026, 1, 31)
    assert household.annual_income == Interval(2200050, 2200050)
    assert household.rent == Interval(50000, 69999)
    assert household.age == Interval(30, 30)
    assert household.assets == Interval(-20000, -20000)  # debts can exceed savings


def test_open_range_and_unknown_marker() -> None:
    household = parse_household(
        {
            "annual_income": {"min": 60000, "max": None},
            "has_partner": "unknown",
            "assets": "weet ik niet",
        }
    )
    assert household.annual_income == Interval(6000000, None)
    assert household.has_partner is UNKNOWN
    assert household.state("has_partner") == "unknown"
    assert household.state("assets") == "unknown"
    assert household.state("age") == "missing"
    assert household.state("annual_income") == "range"


def test_unknown_facts_keeps_a_band_but_marks_it_as_not_to_ask_again() -> None:
    household = parse_household(
        {"net_monthly_income": {"min": 1250, "max": 1499}, "unknown_facts": ["net_monthly_income"]}
    )
    assert household.net_monthly_income == Interval(125000, 149900)
    assert household.state("net_monthly_income") == "unknown"


def test_reference_date_defaults_to_today() -> None:
    assert parse_household({}).reference_date == date.today()


def test_a_household_object_can_be_passed_directly() -> None:
    household = Household(reference_date=date(2026, 3, 1), age=Interval.point(17))
    result = evaluate(household, ["zorgtoeslag"])
    assert result["zorgtoeslag"].outcome == "not_eligible"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"annual_income": -1}, "annual_income"),
        ({"net_monthly_income": {"min": -10, "max": 5}}, "net_monthly_income.min"),
        ({"rent": {"min": 800, "max": 500}}, "rent"),
        ({"rent": {"low": 500}}, "rent.low"),
        ({"age": 17.5}, "age"),
        ({"age": True}, "age"),
        ({"age": 140}, "age"),
        ({"has_partner": 1}, "has_partner"),
        ({"housing": "castle"}, "housing"),
        ({"municipality": "amsterdam"}, "municipality"),
        ({"municipality": 7}, "municipality"),
        ({"reference_date": "2026-13-01"}, "reference_date"),
        ({"reference_date": "20260101"}, "reference_date"),
        ({"reference_date": 20260101}, "reference_date"),
        ({"children": {"age": 3}}, "children"),
        ({"children": [{"age": 3}, {"age": 18}]}, "children[1].age"),
        ({"children": [{"leeftijd": 3}]}, "children[0].leeftijd"),
        ({"childcare": {"uses_paid_childcare": "ja"}}, "childcare.uses_paid_childcare"),
        ({"childcare": {"hours": 3}}, "childcare.hours"),
        ({"annual_incme": 5}, "annual_incme"),
        ({"unknown_facts": ["salary"]}, "unknown_facts"),
        ({"annual_income": float("nan")}, "annual_income"),
        # issue 11: huge numbers, wrong shapes, nested unknown keys, partner_age without partner
        ({"annual_income": 10**5000}, "annual_income"),
        ({"age": 10**5000}, "age"),
        ({"assets": -(10**5000)}, "assets"),
        ({"rent": {"min": 0, "max": 10**400}}, "rent.max"),
        ({"co_residents_21_plus": 10**20}, "co_residents_21_plus"),
        ({"childcare": {"children": 5}}, "childcare.children"),
        ({"childcare": {"children": "bso"}}, "childcare.children"),
        ({"childcare": {"children": {"kind": "bso"}}}, "childcare.children"),
        ({"childcare": {"children": [7]}}, "childcare.children[0]"),
        ({"childcare": {"children": [{"kind": "bso", "uren": 4}]}}, "childcare.children[0].uren"),
        (
            {"childcare": {"children": [{"hours_per_month": [1]}]}},
            "childcare.children[0].hours_per_month",
        ),
        ({"childcare": [1, 2]}, "childcare"),
        ({"children": [{"age": 3, "name": "Sem"}]}, "children[0].name"),
        ({"children": [{}]}, "children[0].age"),
        ({"has_partner": False, "partner_age": 40}, "partner_age"),
        ({"housing": [[[[["rent"]]]]]}, "housing"),
        ({"reference_date": "x" * 10_000}, "reference_date"),
        ({"x" * 10_000: 1}, "x" * 40),
    ],
)
def test_invalid_facts_raise_naming_the_field(data: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidHousehold) as caught:
        parse_household(data)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert "\n" not in str(caught.value)


def test_not_a_mapping() -> None:
    with pytest.raises(InvalidHousehold):
        parse_household(["age", 3])  # type: ignore[arg-type]


def test_a_datetime_reference_date_counts_as_its_day() -> None:
    from datetime import datetime

    household = parse_household({"reference_date": datetime(2026, 3, 1, 12, 30)})
    assert household.reference_date == date(2026, 3, 1)
    assert evaluate(household, ["zorgtoeslag"])["zorgtoeslag"].rules_period is not None


def test_partner_age_with_a_partner_or_before_the_partner_question_is_fine() -> None:
    assert parse_household({"has_partner": True, "partner_age": 40}).partner_age is not None
    assert parse_household({"partner_age": 40}).partner_age is not None
