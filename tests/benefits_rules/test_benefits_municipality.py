"""The one municipality file: valid as packaged, and a broken one fails naming file, line, field."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from benefits_rules import (
    RuleDataError,
    UnknownMunicipality,
    fit_answer,
    load_municipality,
    load_rules,
    load_served,
    mentioned_facts,
)
from benefits_rules.loader import read_rules
from tests.conftest import TEST_MUNICIPALITY, with_test_municipality

from .conftest import break_file, line_of

HEERLEN = Path("municipalities") / "heerlen" / "municipality.yaml"


def test_the_served_municipality_comes_from_the_deployment_file() -> None:
    heerlen = load_municipality()
    assert heerlen is load_municipality("heerlen")
    assert (heerlen.key, heerlen.place, heerlen.name) == ("heerlen", "Heerlen", "Gemeente Heerlen")
    assert (heerlen.phone, heerlen.phone_href, heerlen.privacy_url) == (
        "14 045",
        "tel:14045",
        "/privacy",
    )
    assert heerlen.timezone == "Europe/Amsterdam"
    assert heerlen.office_hours["friday"] == (time(9, 0), time(12, 30))
    assert "saturday" not in heerlen.office_hours
    assert heerlen.contacts["kwijtschelding"].name == "BsGW"
    assert heerlen.contacts["kwijtschelding"].url.startswith("https://")
    assert list(heerlen.schemes) == [
        "bijzondere_bijstand",
        "individuele_inkomenstoeslag",
        "kwijtschelding",
        "fit_en_fun",
        "leergeld",
    ]


def test_an_unknown_municipality_is_refused_by_name() -> None:
    with pytest.raises(UnknownMunicipality, match=r"'atlantis'.*known: heerlen"):
        load_municipality("atlantis")


def test_the_municipality_question_offers_each_municipality_file() -> None:
    buttons = load_rules().questions["municipality"].buttons
    assert [(b.title, b.payload) for b in buttons] == [("Heerlen", "heerlen")]
    assert fit_answer("municipality", "choice", "Ik woon in Heerlen").value == "heerlen"
    assert fit_answer("municipality", "choice", "in Atlantis").value is None


# (text in the file, its replacement, the field named, the problem, the line named)
BROKEN = [
    ('phone: "14 045"\n', "", "phone", "is required", "schema_version: 1"),
    ('phone_href: "tel:14045"', 'phone_href: "14045"', "phone_href", "tel:", "phone_href:"),
    ("privacy_url: /privacy", "privacy_url: pr", "privacy_url", "start with /", "privacy_url:"),
    ("timezone: Europe/Amsterdam", "timezone: Limburg", "timezone", "unknown time", "timezone:"),
    ('monday: ["09:00"', 'monday: ["9 uur"', "office_hours.monday", '"09:00"', "monday:"),
    (
        'monday: ["09:00", "17:00"]',
        'monday: ["17:00", "09:00"]',
        "office_hours.monday",
        "closes",
        "monday:",
    ),
    ("  monday:", "  maandag:", "office_hours.maandag", "unknown key", "maandag:"),
    (
        'monday: ["09:00", "17:00"]',
        'monday: ["09:00"]',
        "office_hours.monday",
        "[opening, closing]",
        "monday:",
    ),
    (
        "url: https://www.bsgw.nl/",
        "url: www.bsgw.nl",
        "contacts.kwijtschelding.url",
        "web address",
        "url: www.bsgw.nl",
    ),
    ("    name: BsGW\n", "", "contacts.kwijtschelding.name", "is required", "about: Belasting"),
    (
        "    name: BsGW",
        "    name: BsGW\n    email: x",
        "contacts.kwijtschelding.email",
        "unknown key",
        "email: x",
    ),
    ("place: Heerlen", "place: Heerlen\nmayor: X", "mayor", "unknown key", "mayor: X"),
    ("  - leergeld", "  - leergeld\n  - leergeld", "schemes[5]", "listed once", "- leergeld"),
    (
        "municipality: heerlen",
        "municipality: maastricht",
        "municipality",
        "the folder says",
        "municipality: maastricht",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "problem", "at"), BROKEN)
def test_a_broken_municipality_file_names_file_line_and_field(
    rules_copy: Path, old: str, new: str, field: str, problem: str, at: str
) -> None:
    break_file(rules_copy, HEERLEN, old, new)
    with pytest.raises(RuleDataError) as caught:
        read_rules(rules_copy)
    error = caught.value
    assert (error.file, error.field) == (str(HEERLEN), field)
    assert problem in error.problem
    assert error.line == line_of(rules_copy, HEERLEN, at, last=True)


def test_the_deployment_file_must_name_a_municipality_folder(rules_copy: Path) -> None:
    break_file(rules_copy, Path("deployment.yaml"), "  - heerlen", "  - atlantis")
    with pytest.raises(RuleDataError) as caught:
        read_rules(rules_copy)
    assert str(caught.value).startswith("deployment.yaml:")
    assert caught.value.field == "municipalities[0]"
    assert "'atlantis' has no folder" in caught.value.problem


def test_the_default_must_be_one_of_the_served(rules_copy: Path) -> None:
    with_test_municipality(rules_copy)
    break_file(rules_copy, Path("deployment.yaml"), "  - proefdorp\n", "")
    break_file(rules_copy, Path("deployment.yaml"), "default: heerlen", "default: proefdorp")
    with pytest.raises(RuleDataError) as caught:
        read_rules(rules_copy)
    assert caught.value.field == "default"
    assert "'proefdorp' is not in municipalities" in caught.value.problem


def test_only_served_municipalities_are_offered(rules_copy: Path) -> None:
    with_test_municipality(rules_copy)
    both = read_rules(rules_copy)
    assert both.served == ("heerlen", TEST_MUNICIPALITY)
    assert [b.payload for b in both.questions["municipality"].buttons] == list(both.served)
    assert load_served(TEST_MUNICIPALITY, rules_copy).phone == "0123 456 789"
    # A folder without an entry in deployment.yaml: valid data, but nobody is offered it.
    break_file(rules_copy, Path("deployment.yaml"), "  - proefdorp\n", "")
    one = read_rules(rules_copy)
    assert one.served == ("heerlen",)
    assert TEST_MUNICIPALITY in one.municipalities
    assert [b.payload for b in one.questions["municipality"].buttons] == ["heerlen"]


def test_the_single_municipality_form_of_before_still_reads(rules_copy: Path) -> None:
    (rules_copy / "deployment.yaml").write_text(
        "schema_version: 1\nmunicipality: heerlen\n", encoding="utf-8"
    )
    book = read_rules(rules_copy)
    assert (book.served, book.default_municipality) == (("heerlen",), "heerlen")


def test_a_not_served_municipality_is_refused_for_a_new_conversation(rules_copy: Path) -> None:
    with pytest.raises(UnknownMunicipality, match=r"'atlantis'.*known: heerlen"):
        load_served("atlantis", rules_copy)


def test_where_a_resident_lives_said_in_passing() -> None:
    assert mentioned_facts("ik woon in Heerlen en heb 1200 per maand")["municipality"] == "heerlen"
    assert mentioned_facts("wij wonen in de gemeente heerlen")["municipality"] == "heerlen"
    assert "municipality" not in mentioned_facts("ik woon in Atlantis")
    assert "municipality" not in mentioned_facts("ik werk in Heerlen")


def test_question_buttons_for_municipalities_are_not_written_twice(rules_copy: Path) -> None:
    break_file(
        rules_copy,
        Path("questions.yaml"),
        "    why: Elke gemeente heeft eigen regelingen.\n",
        "    why: Elke gemeente heeft eigen regelingen.\n"
        "    buttons:\n      - {title: Heerlen, payload: heerlen}\n",
    )
    with pytest.raises(RuleDataError, match=r"questions\.municipality\.buttons: come from"):
        read_rules(rules_copy)
