"""Rule data: the packaged files are valid, and a broken file fails with file, line and field.
A second municipality needs new YAML files only."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from benefits_rules import RuleDataError, evaluate, load_rules, parse_household
from benefits_rules.loader import DEFAULT_RULES_DIR, read_rules
from benefits_rules.model import Param
from benefits_rules.schema import SCHEMA_VERSION

from .conftest import break_file, line_of

ZORG_2026 = Path("national") / "zorgtoeslag" / "2026-01-01.yaml"


def test_packaged_rules_load_and_every_file_has_the_schema_version() -> None:
    book = load_rules()
    assert set(book.national) == {
        "zorgtoeslag",
        "huurtoeslag",
        "kindgebonden_budget",
        "kinderopvangtoeslag",
    }
    assert set(book.municipalities["heerlen"].schemes) == {
        "bijzondere_bijstand",
        "individuele_inkomenstoeslag",
        "kwijtschelding",
        "fit_en_fun",
        "leergeld",
    }
    files = list(DEFAULT_RULES_DIR.glob("**/*.yaml"))
    assert len(files) > 20
    for path in files:
        assert f"schema_version: {SCHEMA_VERSION}" in path.read_text(encoding="utf-8"), path


def test_every_parameter_has_unit_date_source_and_verified_flag() -> None:
    book = load_rules()
    versions = [v for r in book.national.values() for v in r.versions]
    versions += [
        v for m in book.municipalities.values() for r in m.schemes.values() for v in r.versions
    ]
    versions += [v for s in book.parameter_sets.values() for v in s.versions]
    assert versions
    for version in versions:
        for param in version.all_params:
            assert param.source.startswith("https://"), (version.file, param.name)
            assert param.valid_from <= version.valid_from, (version.file, param.name)
            if isinstance(param, Param) and param.value is None:
                assert not param.verified, (version.file, param.name)


def test_periods_chain_without_gaps() -> None:
    for rules in load_rules().national.values():
        for earlier, later in zip(rules.versions, rules.versions[1:], strict=False):
            assert earlier.valid_to is not None
            assert (later.valid_from - earlier.valid_to).days == 1
        last = rules.versions[-1].valid_to  # rules are published per calendar year
        assert last is not None
        assert (last.month, last.day) == (12, 31)


def test_an_earlier_period_may_only_end_the_day_before_the_next(rules_copy: Path) -> None:
    break_file(
        rules_copy,
        Path("national/zorgtoeslag/2025-01-01.yaml"),
        "valid_from: 2025-01-01\n",
        "valid_from: 2025-01-01\nvalid_until: 2025-06-30\n",
    )
    with pytest.raises(
        RuleDataError, match="an earlier period ends the day before the next file: 2025-12-31"
    ):
        read_rules(rules_copy)


def test_an_earlier_period_that_ends_the_day_before_the_next_is_valid(rules_copy: Path) -> None:
    break_file(
        rules_copy,
        Path("national/zorgtoeslag/2025-01-01.yaml"),
        "valid_from: 2025-01-01\n",
        "valid_from: 2025-01-01\nvalid_until: 2025-12-31\n",
    )
    versions = read_rules(rules_copy).national["zorgtoeslag"].versions
    assert [v.valid_to for v in versions] == [date(2025, 12, 31), date(2026, 12, 31)]


def test_a_parameter_may_say_when_it_was_checked(rules_copy: Path) -> None:
    relative = Path("national/zorgtoeslag/2026-01-01.yaml")
    break_file(
        rules_copy,
        relative,
        "    verified: true\n",
        "    verified: true\n    checked: 2026-11-30\n",
    )
    version = read_rules(rules_copy).national["zorgtoeslag"].versions[-1]
    assert version.all_params[0].checked == date(2026, 11, 30)
    assert version.all_params[1].checked is None
    break_file(rules_copy, relative, "checked: 2026-11-30", "checked: gisteren")
    with pytest.raises(RuleDataError, match=r"parameters\.min_age\.checked: must be a date"):
        read_rules(rules_copy)


def test_valid_until_before_valid_from_is_refused(rules_copy: Path) -> None:
    break_file(
        rules_copy,
        Path("national/zorgtoeslag/2026-01-01.yaml"),
        "valid_until: 2026-12-31",
        "valid_until: 2025-12-31",
    )
    with pytest.raises(RuleDataError, match=r"2026-01-01\.yaml:.*valid_until: is before"):
        read_rules(rules_copy)


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        (
            "value: 4085700",
            "value: lots",
            "parameters.income_limit_single.value",
            "must be a number",
        ),
        (
            "value: 4085700",
            "value: 40857.5",
            "parameters.income_limit_single.value",
            "whole number of eurocent",
        ),
        (
            "unit: eurocent_per_year\n    valid_from: 2026-01-01\n    source: https://www.belastingdienst",
            "unit: eurocent_per_month\n    valid_from: 2026-01-01\n    source: https://www.belastingdienst",
            "parameters.income_limit_single.unit",
            "calculator expects eurocent_per_year",
        ),
        ("verified: true", "verified: ja", "parameters.min_age.verified", "must be true or false"),
        (
            "source: https://wetten.overheid.nl/BWBR0018451/2026-01-01\n    verified: true",
            "source: wetten.overheid.nl\n    verified: true",
            "parameters.min_age.source",
            "must be a web address",
        ),
        (
            "  income_limit_single:",
            "  income_limit_singel:",
            "parameters.income_limit_singel",
            "is not a parameter",
        ),
        ("schema_version: 1", "schema_version: 2", "schema_version", "this code reads version 1"),
        ("calculator: zorgtoeslag", "calculator: zorgtoeslagen", "calculator", "is not a scheme"),
    ],
)
def test_a_broken_file_names_file_line_and_field(
    rules_copy: Path, old: str, new: str, field: str, problem: str
) -> None:
    break_file(rules_copy, ZORG_2026, old, new)
    with pytest.raises(RuleDataError) as caught:
        read_rules(rules_copy)
    message = str(caught.value)
    assert message.startswith(f"{ZORG_2026}:"), message
    assert f": {field}: " in message
    assert problem in message
    line = caught.value.line
    assert line is not None
    assert re.match(rf"^{re.escape(str(ZORG_2026))}:{line}:", message)
    assert line == line_of(rules_copy, ZORG_2026, new.splitlines()[0].strip())


def test_a_missing_parameter_is_reported(rules_copy: Path) -> None:
    path = rules_copy / ZORG_2026
    text = path.read_text(encoding="utf-8")
    start = text.index("  standaardpremie:")
    end = text.index("  drempelinkomen:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"parameters\.standaardpremie: is required"):
        read_rules(rules_copy)


def test_null_is_only_allowed_for_figures_that_may_be_missing(rules_copy: Path) -> None:
    break_file(rules_copy, ZORG_2026, "value: 4085700", "value: null")
    with pytest.raises(RuleDataError, match="must have a value for this calculator"):
        read_rules(rules_copy)


def test_a_yaml_syntax_error_names_the_line(rules_copy: Path) -> None:
    break_file(rules_copy, ZORG_2026, "    unit: years", "    unit: [years")
    with pytest.raises(RuleDataError) as caught:
        read_rules(rules_copy)
    assert str(caught.value).startswith(f"{ZORG_2026}:")
    assert caught.value.line is not None
    assert caught.value.line > 10


def test_a_duplicate_key_is_an_error(rules_copy: Path) -> None:
    break_file(rules_copy, ZORG_2026, "  min_age:\n", "  min_age:\n    value: 1\n  min_age:\n")
    with pytest.raises(RuleDataError, match="duplicate key 'min_age'"):
        read_rules(rules_copy)


def test_a_file_name_that_does_not_match_valid_from(rules_copy: Path) -> None:
    (rules_copy / ZORG_2026).rename(rules_copy / "national" / "zorgtoeslag" / "2026-02-01.yaml")
    with pytest.raises(RuleDataError, match=r"2026-02-01\.yaml:\d+: valid_from: is 2026-01-01"):
        read_rules(rules_copy)


def test_a_reason_text_with_an_unknown_placeholder(rules_copy: Path) -> None:
    texts = Path("national") / "zorgtoeslag" / "texts.yaml"
    break_file(
        rules_copy,
        texts,
        "niet hoger dan {limit} euro per jaar.",
        "niet hoger dan {limiet} euro per jaar.",
    )
    with pytest.raises(RuleDataError) as caught:
        read_rules(rules_copy)
    assert "texts.yaml" in str(caught.value)
    assert "reasons.income.met" in str(caught.value)
    assert "{limiet}" in str(caught.value)
    assert caught.value.line == line_of(rules_copy, texts, "{limiet}")


def test_a_question_without_text(rules_copy: Path) -> None:
    break_file(rules_copy, Path("questions.yaml"), "    text: Hoe oud bent u?\n", "")
    with pytest.raises(RuleDataError, match=r"questions\.yaml:\d+: questions\.age\.text"):
        read_rules(rules_copy)


def test_a_second_municipality_needs_yaml_files_only(rules_copy: Path) -> None:
    """Copy two Heerlen schemes into a new municipality with its own amount: no code changes."""
    town = rules_copy / "municipalities" / "voorbeeldstad"
    town.mkdir()
    for scheme in ("fit_en_fun", "bijzondere_bijstand"):
        shutil.copytree(rules_copy / "municipalities" / "heerlen" / scheme, town / scheme)
    heerlen = rules_copy / "municipalities" / "heerlen" / "municipality.yaml"
    own = heerlen.read_text(encoding="utf-8").split("\nschemes:")[0]
    for old, new in (("heerlen", "voorbeeldstad"), ("Heerlen", "Voorbeeldstad")):
        own = own.replace(f": {old}", f": {new}").replace(f" {old}\n", f" {new}\n")
    (town / "municipality.yaml").write_text(
        own + "\nschemes: [fit_en_fun, bijzondere_bijstand]\n", encoding="utf-8"
    )
    fun = town / "fit_en_fun" / "2026-01-01.yaml"
    fun.write_text(
        fun.read_text(encoding="utf-8").replace("value: 7500", "value: 12000"), encoding="utf-8"
    )
    household = {
        "reference_date": "2026-03-01",
        "municipality": "voorbeeldstad",
        "age": 30,
        "has_partner": False,
        "receives_bijstand": True,
        "children": [],
        "co_residents_21_plus": 0,
    }
    result = evaluate(household, rules_dir=rules_copy).to_dict()["schemes"]
    assert result["fit_en_fun"]["amount_per_year"] == 120
    assert "leergeld" not in result  # not offered there
    asked = evaluate(household, ["leergeld"], rules_dir=rules_copy).to_dict()["schemes"]
    assert asked["leergeld"]["outcome"] == "not_eligible"
    assert "Voorbeeldstad" in asked["leergeld"]["reasons"][0]["text"]
    assert parse_household(household, rules_copy).municipality == "voorbeeldstad"


def test_an_unlisted_scheme_folder_is_an_error(rules_copy: Path) -> None:
    break_file(rules_copy, Path("municipalities/heerlen/municipality.yaml"), "  - leergeld\n", "")
    with pytest.raises(RuleDataError, match="does not list the folder 'leergeld'"):
        read_rules(rules_copy)
