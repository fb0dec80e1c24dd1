"""Scenario tests written as data (benefits_rules/data/scenarios/*.yaml), named after the outcome
for the resident, run by the same runner the editors' workspace uses (benefits_rules.scenarios).

Each scenario gives a household, the scheme and what must come out. Only the keys listed under
``expect`` are checked; ``reasons`` maps reason codes to met (true/false) and must match exactly
for the codes listed; ``not_checked_contains`` lists fragments that must appear.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benefits_rules import load_rules
from benefits_rules.errors import RuleDataError
from benefits_rules.loader import DEFAULT_RULES_DIR
from benefits_rules.scenarios import (
    EXPECT_KEYS,
    SCENARIOS_FOLDER,
    Scenario,
    check,
    load_scenarios,
    run_scenarios,
)
from tests.conftest import TEST_MUNICIPALITIES

SCENARIOS = load_scenarios(DEFAULT_RULES_DIR / SCENARIOS_FOLDER, DEFAULT_RULES_DIR)
CASES = [pytest.param(s, id=f"{s.scheme}: {s.name}") for s in SCENARIOS]


def test_every_scheme_has_at_least_eight_scenarios() -> None:
    counts: dict[str, int] = {}
    for scenario in SCENARIOS:
        counts[scenario.scheme] = counts.get(scenario.scheme, 0) + 1
    expected = {
        "zorgtoeslag",
        "huurtoeslag",
        "kindgebonden_budget",
        "kinderopvangtoeslag",
        "bijzondere_bijstand",
        "individuele_inkomenstoeslag",
        "kwijtschelding",
        "fit_en_fun",
        "leergeld",
    }
    assert set(counts) == expected
    assert all(count >= 8 for count in counts.values()), counts


@pytest.mark.parametrize("scenario", CASES)
def test_scenario(scenario: Scenario) -> None:
    assert set(scenario.expect) <= EXPECT_KEYS
    result = check(scenario, load_rules(DEFAULT_RULES_DIR))
    assert result.error is None, result.error
    assert result.passed, "\n".join(
        f"{d.key}: {d.actual!r} != {d.expected!r}" for d in result.differences
    )


def _copy(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(DEFAULT_RULES_DIR, tmp_path / "data")
    return tmp_path / "data"


def test_a_changed_amount_fails_the_scenarios_that_rest_on_it(tmp_path: Path) -> None:
    rules = _copy(tmp_path)
    period = rules / "national" / "zorgtoeslag" / "2026-01-01.yaml"
    text = period.read_text(encoding="utf-8")
    period.write_text(text.replace("value: 211900", "value: 221900", 1), encoding="utf-8")
    results = run_scenarios(rules)
    assert len(results) == len(SCENARIOS)
    failed = [r for r in results if not r.passed]
    assert failed
    assert {r.scheme for r in failed} == {"zorgtoeslag"}
    first = next(r for r in failed if r.name.startswith("alleenstaande met een laag inkomen"))
    assert first.scenario.household["annual_income"] == 20000
    assert first.actual["amount_per_month"] == 129 + 8  # 100 euro a year more, 8 a month
    assert [(d.key, d.expected, d.actual) for d in first.differences] == [
        ("amount_per_month", 129, 137)
    ]


def test_every_expectation_key_is_compared(tmp_path: Path) -> None:
    """A scenario that expects the wrong thing for each key fails on exactly that key."""
    book = load_rules(DEFAULT_RULES_DIR)
    household = {
        "reference_date": "2026-03-01",
        "age": 30,
        "has_partner": False,
        "health_insured": True,
        "assets": 10000,
        "annual_income": 20000,
    }
    wrong = {
        "outcome": "not_eligible",
        "amount_per_month": 1,
        "amount_per_year": 1,
        "amount_min": 1,
        "amount_max": 1,
        "missing": ["age"],
        "indicative": False,
        "reasons": {"income": False},
        "not_checked_contains": ["niet te vinden"],
        "reason_text_contains": ["niet te vinden"],
        "rules_period": "2025-01-01",
    }
    assert set(wrong) == EXPECT_KEYS
    for key, value in wrong.items():
        scenario = Scenario("x.yaml", 0, "zorgtoeslag", key, household, {key: value})
        result = check(scenario, book)
        assert not result.passed, key
        assert [d.key.split(".")[0] for d in result.differences] == [key]


def test_a_bad_household_is_an_error_not_a_crash(tmp_path: Path) -> None:
    scenario = Scenario("x.yaml", 0, "zorgtoeslag", "x", {"age": "oud"}, {"outcome": "eligible"})
    result = check(scenario, load_rules(DEFAULT_RULES_DIR))
    assert not result.passed
    assert result.error is not None
    assert result.error.startswith("age")


def test_scenario_files_are_checked(tmp_path: Path) -> None:
    rules = _copy(tmp_path)
    path = rules / SCENARIOS_FOLDER / "leergeld.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("outcome:", "uitkomst:", 1), encoding="utf-8"
    )
    with pytest.raises(RuleDataError, match="unknown expect keys"):
        run_scenarios(rules)


def test_extra_scenario_folders_run_too(tmp_path: Path) -> None:
    """The fictional test municipality keeps its scenarios in tests/data."""
    import shutil

    rules = _copy(tmp_path)
    shutil.copytree(TEST_MUNICIPALITIES / "proefdorp", rules / "municipalities" / "proefdorp")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "sportbijdrage.yaml").write_text(
        "schema_version: 1\n"
        "scheme: sportbijdrage\n"
        "scenarios:\n"
        "  - name: met bijstand krijgt u 120 euro sportbijdrage\n"
        "    household: {reference_date: '2026-03-01', municipality: proefdorp, age: 30,\n"
        "                has_partner: false, children: [], co_residents_21_plus: 0,\n"
        "                receives_bijstand: true}\n"
        "    expect: {outcome: eligible, amount_per_year: 120}\n",
        encoding="utf-8",
    )
    results = run_scenarios(rules, [extra])
    assert len(results) == len(SCENARIOS) + 1
    assert all(r.passed for r in results), [r.differences for r in results if not r.passed]
    assert results[-1].scenario.file == "extra/sportbijdrage.yaml"
