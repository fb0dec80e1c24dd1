"""The rules in the editors' workspace: the schemes, periods and parameters of a content tree,
and the scenarios run on it.

The tree holds the rule files as text (``benefits_rules/data/...``). To check it, its rule
files are written to a private folder and read by benefits_rules itself: the same loader and
the same scenario runner the tests and the running processes use.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from api.content.files import RULES_PREFIX, write_tree
from api.texts import text
from benefits_rules.errors import RuleDataError
from benefits_rules.loader import read_rules
from benefits_rules.model import RuleBook
from benefits_rules.money import format_euro, format_percent, percent_to_ppm
from benefits_rules.scenarios import SCENARIOS_FOLDER, ScenarioResult, run_scenarios
from benefits_rules.schema import MODE_CHOICES

__all__ = [
    "NATIONAL",
    "Period",
    "RuleParam",
    "ScenarioRun",
    "SchemeFolder",
    "build_period",
    "rule_param",
    "rules_book",
    "run_findings",
    "run_tree",
    "scenario_file",
    "shown_value",
    "visible_schemes",
]

NATIONAL = "national"
_MUNICIPAL = "municipalities"


@dataclass(frozen=True)
class SchemeFolder:
    """A scheme's folder in the tree: ``scope`` is "national" or a municipality key."""

    scope: str
    key: str
    title: str
    periods: tuple[str, ...]  # the period files' paths, oldest first

    @property
    def folder(self) -> str:
        middle = NATIONAL if self.scope == NATIONAL else f"{_MUNICIPAL}/{self.scope}"
        return f"{RULES_PREFIX}{middle}/{self.key}"


@dataclass(frozen=True)
class RuleParam:
    """One parameter of a period file as written, and its value in the units editors read."""

    name: str
    value: Any
    unit: str
    valid_from: Any
    source: str
    verified: bool
    checked: Any
    note: str
    shown: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Period:
    path: str
    valid_from: date
    valid_until: date | None
    params: tuple[RuleParam, ...]

    @property
    def unverified(self) -> int:
        return sum(not p.verified for p in self.params)


def _scheme_folders(tree: Mapping[str, str]) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for path in tree:
        if not path.startswith(RULES_PREFIX):
            continue
        parts = PurePosixPath(path[len(RULES_PREFIX) :]).parts
        if len(parts) == 3 and parts[0] == NATIONAL:
            scope, key, name = NATIONAL, parts[1], parts[2]
        elif len(parts) == 4 and parts[0] == _MUNICIPAL:
            scope, key, name = parts[1], parts[2], parts[3]
        else:
            continue
        if name != "texts.yaml":
            found.setdefault((scope, key), []).append(path)
    return found


def _title(tree: Mapping[str, str], folder: str, key: str) -> str:
    texts = tree.get(f"{folder}/texts.yaml")
    try:
        data = yaml.safe_load(texts) if texts else None
    except yaml.YAMLError:
        data = None
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) else key


def visible_schemes(tree: Mapping[str, str], municipality: str | None) -> list[SchemeFolder]:
    """The schemes an editor of ``municipality`` keeps: every national one (and the national
    parameter sets, such as the bijstandsnormen) and that municipality's own."""
    schemes = []
    for (scope, key), paths in sorted(_scheme_folders(tree).items()):
        if scope not in (NATIONAL, municipality):
            continue
        scheme = SchemeFolder(scope, key, "", tuple(sorted(paths)))
        schemes.append(dataclasses.replace(scheme, title=_title(tree, scheme.folder, key)))
    return sorted(schemes, key=lambda s: (s.scope != NATIONAL, s.title.lower()))


def shown_value(unit: str, value: Any) -> str:
    """A value in the units editors read: eurocent as euro ("1.401,50"), percent ("13,73")."""
    if value is None or isinstance(value, bool):
        return ""
    try:
        if unit.startswith("eurocent") and isinstance(value, int):
            return format_euro(value)
        if unit == "percent" and isinstance(value, (int, float)):
            return format_percent(percent_to_ppm(value))
    except ValueError:
        pass
    return str(value)


def rule_param(name: str, entry: Mapping[str, Any]) -> RuleParam:
    """One parameter as written in a period file (the loader checks it; this only shows it)."""
    unit = str(entry.get("unit", ""))
    return RuleParam(
        name=name,
        value=entry.get("value"),
        unit=unit,
        valid_from=entry.get("valid_from"),
        source=str(entry.get("source", "")),
        verified=entry.get("verified") is True,
        checked=entry.get("checked"),
        note=str(entry.get("note") or ""),
        shown=shown_value(unit, entry.get("value")),
        choices=MODE_CHOICES.get(name, ()) if unit == "mode" else (),
    )


def build_period(path: str, text: str) -> Period:
    """A period file's parameters as written."""
    data = yaml.safe_load(text) or {}
    params = [
        rule_param(name, entry if isinstance(entry, dict) else {})
        for name, entry in (data.get("parameters") or {}).items()
    ]
    until = data.get("valid_until")
    ends = until if isinstance(until, date) else None
    return Period(path, data["valid_from"], ends, tuple(params))


def scenario_file(scheme: str) -> str:
    """Where the scenarios of ``scheme`` are kept in a tree."""
    return f"{RULES_PREFIX}{SCENARIOS_FOLDER}/{scheme}.yaml"


@contextmanager
def _rules_dir(tree: Mapping[str, str]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="rondkomen-rules-") as folder:
        write_tree({p: t for p, t in tree.items() if p.startswith(RULES_PREFIX)}, Path(folder))
        yield Path(folder) / RULES_PREFIX


def rules_book(tree: Mapping[str, str]) -> RuleBook:
    """The tree's rules, read and checked by benefits_rules; raises :class:`RuleDataError`."""
    with _rules_dir(tree) as folder:
        return read_rules(folder)


@dataclass(frozen=True)
class ScenarioRun:
    """Every scenario run on a tree's rules; ``error``: the rules or scenarios cannot be read."""

    results: tuple[ScenarioResult, ...]
    error: str | None = None

    @property
    def failed(self) -> tuple[ScenarioResult, ...]:
        return tuple(r for r in self.results if not r.passed)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed

    def of(self, schemes: set[str]) -> tuple[ScenarioResult, ...]:
        return tuple(r for r in self.results if r.scheme in schemes)


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def run_findings(run: ScenarioRun) -> list[str]:
    """One Dutch line per failing scenario (for a failed publish), or the rules' read error."""
    if run.error is not None:
        return [text("publish_rules_unreadable", error=run.error)]
    findings = []
    for result in run.failed:
        if result.error is not None:
            differences = text("publish_scenario_error", error=result.error)
        else:
            differences = "; ".join(
                text(
                    "publish_scenario_difference",
                    what=d.key,
                    expected=_shown(d.expected),
                    actual=_shown(d.actual),
                )
                for d in result.differences
            )
        findings.append(
            text(
                "publish_scenario_finding",
                scheme=result.scheme,
                name=result.name,
                differences=differences,
            )
        )
    return findings


def run_tree(tree: Mapping[str, str]) -> ScenarioRun:
    """Run every scenario of ``tree`` on its rules (about 0.2 s: call it in a thread)."""
    with _rules_dir(tree) as folder:
        try:
            return ScenarioRun(tuple(run_scenarios(folder)))
        except RuleDataError as exc:
            return ScenarioRun((), str(exc))
