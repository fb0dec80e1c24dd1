"""Scenario tests written as data (scenarios/*.yaml), named after the outcome for the resident.

Each scenario gives a household, the scheme and what must come out. Only the keys listed under
``expect`` are checked; ``reasons`` maps reason codes to met (true/false) and must match exactly
for the codes listed; ``not_checked_contains`` lists fragments that must appear.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from benefits_rules import evaluate

SCENARIO_DIR = Path(__file__).parent / "scenarios"
EXPECT_KEYS = {
    "outcome",
    "amount_per_month",
    "amount_per_year",
    "amount_min",
    "amount_max",
    "reasons",
    "missing",
    "indicative",
    "not_checked_contains",
    "reason_text_contains",
    "rules_period",
}


def _load() -> list[Any]:
    cases = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for scenario in doc["scenarios"]:
            name = f"{path.stem}: {scenario['name']}"
            cases.append(pytest.param(doc["scheme"], scenario, id=name))
    return cases


CASES = _load()


def test_every_scheme_has_at_least_eight_scenarios() -> None:
    counts: dict[str, int] = {}
    for case in CASES:
        counts[case.values[0]] = counts.get(case.values[0], 0) + 1
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


@pytest.mark.parametrize(("scheme", "scenario"), CASES)
def test_scenario(scheme: str, scenario: dict[str, Any]) -> None:
    expect = scenario["expect"]
    assert set(expect) <= EXPECT_KEYS, f"unknown expectation keys: {set(expect) - EXPECT_KEYS}"
    result = evaluate(scenario["household"], [scheme]).to_dict()["schemes"][scheme]
    for key in (
        "outcome",
        "amount_per_month",
        "amount_per_year",
        "amount_min",
        "amount_max",
        "missing",
        "indicative",
    ):
        if key in expect:
            assert result[key] == expect[key], f"{key}: {result[key]!r} != {expect[key]!r}"
    if "reasons" in expect:
        got = {reason["code"]: reason["met"] for reason in result["reasons"]}
        for code, met in expect["reasons"].items():
            assert got.get(code) == met, f"reason {code}: {got.get(code)!r}, all: {got}"
    for fragment in expect.get("not_checked_contains", []):
        assert any(fragment in line for line in result["not_checked"]), (
            f"{fragment!r} not in {result['not_checked']}"
        )
    for fragment in expect.get("reason_text_contains", []):
        assert any(fragment in reason["text"] for reason in result["reasons"]), (
            f"{fragment!r} not in {[r['text'] for r in result['reasons']]}"
        )
    if "rules_period" in expect:
        assert result["rules_period"]["valid_from"] == expect["rules_period"]
    if result["indicative"]:
        assert any("indicatie" in line for line in result["not_checked"])
