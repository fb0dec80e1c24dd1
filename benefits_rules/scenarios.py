"""Scenarios: households with the outcome the law gives them, run against a folder of rules.

A scenario file ``data/scenarios/<scheme>.yaml`` (editors keep them next to the rules, so a
draft's rules are checked against the draft's scenarios)::

    schema_version: 1
    scheme: zorgtoeslag
    base: &single {reference_date: "2026-03-01", age: 30}     # optional shared facts
    scenarios:
      - name: alleenstaande met een laag inkomen krijgt 129 euro zorgtoeslag
        household: {<<: *single, annual_income: 20000}
        expect: {outcome: eligible, amount_per_month: 129}

Only the keys under ``expect`` are checked (:data:`EXPECT_KEYS`); ``reasons`` maps reason codes
to met (true/false); the ``..._contains`` keys list fragments that must appear. Every result
that is an indication must also say "indicatie" among what was not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .engine import evaluate
from .errors import InvalidHousehold, RuleDataError, UnknownScheme
from .loader import read_rules
from .model import RuleBook
from .schema import SCHEMA_VERSION

__all__ = [
    "EXACT_KEYS",
    "EXPECT_KEYS",
    "SCENARIOS_FOLDER",
    "Difference",
    "Scenario",
    "ScenarioResult",
    "check",
    "load_scenarios",
    "run_scenarios",
]

# Where the scenarios sit inside a rules folder.
SCENARIOS_FOLDER = "scenarios"
# Result keys compared as they are.
EXACT_KEYS = (
    "outcome",
    "amount_per_month",
    "amount_per_year",
    "amount_min",
    "amount_max",
    "missing",
    "indicative",
)
EXPECT_KEYS = frozenset(
    {*EXACT_KEYS, "reasons", "not_checked_contains", "reason_text_contains", "rules_period"}
)
# What a failing scenario shows of the result (next to what was expected).
SHOWN_KEYS = (*EXACT_KEYS, "rules_period")


@dataclass(frozen=True)
class Scenario:
    """One household and what must come out for ``scheme``; ``index`` is its place in the file."""

    file: str
    index: int
    scheme: str
    name: str
    household: Mapping[str, Any]
    expect: Mapping[str, Any]


@dataclass(frozen=True)
class Difference:
    """One expectation that did not come out: the key, what was expected, what came out."""

    key: str
    expected: Any
    actual: Any


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    # The result's main keys (outcome, amounts, indicative, missing, rules_period), the reasons
    # (code -> met) and what was not checked.
    actual: Mapping[str, Any]
    differences: tuple[Difference, ...] = ()
    # The household or the scheme could not be read (InvalidHousehold, UnknownScheme).
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and not self.differences

    @property
    def name(self) -> str:
        return self.scenario.name

    @property
    def scheme(self) -> str:
        return self.scenario.scheme


def _fail(file: str, problem: str) -> RuleDataError:
    return RuleDataError(file, None, "scenarios", problem)


def load_scenarios(folder: Path, display_root: Path | None = None) -> list[Scenario]:
    """The scenarios of every ``*.yaml`` in ``folder`` (sorted by file name, then as written).

    Raises :class:`RuleDataError` for a file that is not a scenario file.
    """
    found: list[Scenario] = []
    for path in sorted(folder.glob("*.yaml")):
        display = str(path.relative_to(display_root)) if display_root else path.name
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise _fail(display, f"is not valid YAML: {exc}") from exc
        found.extend(read_scenario_file(doc, display))
    return found


def read_scenario_file(doc: Any, display: str) -> list[Scenario]:
    """The scenarios of one parsed scenario file (``display`` names it in errors)."""
    if not isinstance(doc, dict) or doc.get("schema_version") != SCHEMA_VERSION:
        raise _fail(display, f"needs schema_version: {SCHEMA_VERSION}")
    scheme, items = doc.get("scheme"), doc.get("scenarios")
    if not isinstance(scheme, str) or not isinstance(items, list):
        raise _fail(display, "needs a scheme and a list of scenarios")
    found = []
    for index, item in enumerate(items):
        ok = isinstance(item, dict) and isinstance(item.get("name"), str)
        if not ok or not isinstance(item.get("household"), dict):
            raise _fail(display, f"scenario {index + 1} needs a name and a household")
        expect = item.get("expect")
        if not isinstance(expect, dict) or not expect:
            raise _fail(display, f"scenario {index + 1} needs what to expect")
        unknown = set(expect) - EXPECT_KEYS
        if unknown:
            raise _fail(display, f"scenario {index + 1}: unknown expect keys {sorted(unknown)}")
        found.append(Scenario(display, index, scheme, item["name"], item["household"], expect))
    return found


def _contains(key: str, fragments: Iterable[str], lines: Sequence[str]) -> list[Difference]:
    return [
        Difference(key, fragment, list(lines))
        for fragment in fragments
        if not any(fragment in line for line in lines)
    ]


def check(scenario: Scenario, book: RuleBook) -> ScenarioResult:
    """Run one scenario on the rules ``book`` and compare every expectation."""
    try:
        evaluation = evaluate(scenario.household, [scenario.scheme], book=book)
    except (InvalidHousehold, UnknownScheme) as exc:
        return ScenarioResult(scenario, {}, error=str(exc))
    result = evaluation.to_dict()["schemes"][scenario.scheme]
    reasons = {reason["code"]: reason["met"] for reason in result["reasons"]}
    actual = {key: result[key] for key in SHOWN_KEYS}
    actual["reasons"] = reasons
    actual["not_checked"] = result["not_checked"]
    expect = scenario.expect
    differences = [
        Difference(key, expect[key], result[key])
        for key in EXACT_KEYS
        if key in expect and result[key] != expect[key]
    ]
    differences += [
        Difference(f"reasons.{code}", met, reasons.get(code))
        for code, met in (expect.get("reasons") or {}).items()
        if reasons.get(code) != met
    ]
    differences += _contains(
        "not_checked_contains", expect.get("not_checked_contains", []), result["not_checked"]
    )
    differences += _contains(
        "reason_text_contains",
        expect.get("reason_text_contains", []),
        [reason["text"] for reason in result["reasons"]],
    )
    if "rules_period" in expect:
        period = (result["rules_period"] or {}).get("valid_from")
        if period != expect["rules_period"]:
            differences.append(Difference("rules_period", expect["rules_period"], period))
    # Always: a result that rests on an unverified figure tells the resident it is an indication.
    if result["indicative"] and not any("indicatie" in line for line in result["not_checked"]):
        differences.append(Difference("not_checked_contains", "indicatie", result["not_checked"]))
    return ScenarioResult(scenario, actual, tuple(differences))


def run_scenarios(rules_dir: Path, extra_folders: Sequence[Path] = ()) -> list[ScenarioResult]:
    """Every scenario of ``rules_dir/scenarios`` (and of ``extra_folders``) on ``rules_dir``.

    The rules are read afresh (not from the process's cache), so a folder that was changed, or
    a new folder at an old path, is checked as it is now. Raises :class:`RuleDataError` when
    the rules or a scenario file cannot be read.
    """
    book = read_rules(rules_dir)
    scenarios = load_scenarios(rules_dir / SCENARIOS_FOLDER, rules_dir)
    for folder in extra_folders:
        scenarios += load_scenarios(folder, folder.parent)
    return [check(scenario, book) for scenario in scenarios]
