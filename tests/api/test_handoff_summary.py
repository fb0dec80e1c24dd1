"""The summary items built from Rasa's slots: plain functions, no database, no network."""

from __future__ import annotations

from typing import Any

import pytest

from api.handoff.summary import item_kinds, items_from_slots, question_item

from .conftest import FULL_SLOTS


def _ids(slots: dict[str, Any]) -> list[str]:
    return [item["id"] for item in items_from_slots(slots)]


def test_every_known_fact_becomes_one_item_in_a_fixed_order() -> None:
    assert _ids(FULL_SLOTS) == [
        "topic:debt_worries",
        "topic:eviction_threat",
        "urgent",
        "household:age",
        "household:has_partner",
        "household:children",
        "household:net_monthly_income",
        "household:housing",
        "household:rent",
        "benefit:zorgtoeslag",
        "benefit:kwijtschelding",
        "benefit:huurtoeslag",
    ]


def test_labels_are_dutch_with_dutch_amounts() -> None:
    labels = {item["id"]: item["label"] for item in items_from_slots(FULL_SLOTS)}
    assert labels["topic:debt_worries"] == "Onderwerp: zorgen over schulden"
    assert labels["household:net_monthly_income"] == "Netto inkomen: € 1.400 per maand"
    assert labels["household:children"] == "Kinderen: 2 (leeftijd: 7, 10)"
    assert labels["benefit:zorgtoeslag"].endswith("ongeveer € 123 per maand")
    assert labels["benefit:kwijtschelding"].endswith("ongeveer € 380 per jaar")
    assert "niet" in labels["benefit:huurtoeslag"]


def test_missing_slots_simply_give_fewer_items() -> None:
    assert _ids({}) == []
    assert _ids({"topics": ["budgeting_help"]}) == ["topic:budgeting_help"]
    assert _ids({"urgent": False, "household": {"age": 40}}) == ["household:age"]


@pytest.mark.parametrize(
    "slots",
    [
        {"topics": "debt_worries"},
        {"topics": [1, None, {"x": 1}]},
        {"urgent": "yes"},
        {"household": ["age", 30]},
        {"household": {"age": -3, "rent": "veel", "children": [{"age": "zeven"}]}},
        {"household": {"has_partner": "nee", "housing": "Kasteel!", "age": True}},
        {"benefits_result": {"zorgtoeslag": {"outcome": "great"}}},
        {"benefits_result": ["zorgtoeslag"]},
    ],
)
def test_slots_in_an_unexpected_shape_are_not_shared(slots: dict[str, Any]) -> None:
    assert _ids(slots) == []


def test_unknown_topics_are_left_out_rather_than_shown_in_english() -> None:
    assert _ids({"topics": ["not_an_intent", "debt_worries", "debt_worries"]}) == [
        "topic:debt_worries"
    ]


def test_no_children_is_a_fact_too() -> None:
    items = items_from_slots({"household": {"children": []}})
    assert [(i["id"], i["label"]) for i in items] == [("household:children", "Kinderen: geen")]


def test_scheme_title_from_the_result_is_used() -> None:
    items = items_from_slots(
        {
            "benefits_result": {
                "kindgebonden_budget": {"title": "Kindgebonden budget", "outcome": "unknown"}
            }
        }
    )
    assert items[0]["label"] == "Kindgebonden budget: nog niet duidelijk"


def test_consent_keeps_kinds_only() -> None:
    items = [*items_from_slots(FULL_SLOTS), question_item("Kan ik uitstel krijgen?")]
    assert item_kinds(items) == ["topic", "urgent", "household", "benefit", "question"]


def test_facts_said_in_passing_and_a_bailiff_reach_the_summary() -> None:
    items = items_from_slots(
        {
            "household": {"has_partner": False, "assets": 50000, "receives_bijstand": True},
            "situation": {
                "child_count": 2,
                "arrears_months": 2,
                "arrears": True,
                "bailiff": True,
                "benefits_received": ["zorgtoeslag"],
            },
        }
    )
    labels = [item["label"] for item in items]
    assert items[0]["kind"] == "urgent"
    assert "Spaargeld en bezit: € 50.000" in labels
    assert "Kinderen: 2" in labels
    assert "Achterstand: 2 maanden" in labels
    assert "Er is een deurwaarder" in labels
    assert "Krijgt al: zorgtoeslag" in labels
    assert {item["kind"] for item in items} <= {"urgent", "household"}
