"""The pieces under the regelingen pages: numbers as editors write them, and one-value edits of
rule and scenario files that keep every comment and the rest of the layout."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import yaml

from api.content.files import REPO_ROOT
from api.content.rule_edits import read_number
from api.content.sourcetext import SourceError, append_item, remove_key, replace_item, set_key

PERIOD = REPO_ROOT / "benefits_rules" / "data" / "national" / "zorgtoeslag" / "2026-01-01.yaml"
SCENARIOS = REPO_ROOT / "benefits_rules" / "data" / "scenarios" / "zorgtoeslag.yaml"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1.401,50", Decimal("1401.50")),
        ("1401,50", Decimal("1401.50")),
        ("40.857", Decimal("40857")),
        ("1.000.000", Decimal("1000000")),
        ("13,73", Decimal("13.73")),
        (" 120 ", Decimal("120")),
    ],
)
def test_numbers_as_editors_write_them(typed: str, number: Decimal) -> None:
    assert read_number(typed) == number


@pytest.mark.parametrize("typed", ["1.5", "13.73", "twee", "", "1,2,3", "NaN"])
def test_unclear_numbers_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        read_number(typed)


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    import difflib

    return [
        (line[0], line[1:])
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_set_and_remove_keep_everything_else() -> None:
    text = PERIOD.read_text(encoding="utf-8")
    where = ["parameters", "standaardpremie"]
    after = set_key("p.yaml", text, where, "value", 221900)
    after = set_key("p.yaml", after, where, "checked", date(2026, 11, 30))
    after = remove_key("p.yaml", after, where, "note")
    after = set_key("p.yaml", after, ["parameters", "normpremie_pct_drempel_single"], "value", 1.95)
    assert _changed_lines(text, after) == [
        ("-", "    value: 211900"),
        ("+", "    value: 221900"),
        ("-", "    note: Secondary (VN Vandaag, 26 Nov 2025)."),
        ("+", "    checked: 2026-11-30"),
        ("-", "    value: 1.912"),
        ("+", "    value: 1.95"),
    ]
    with pytest.raises(SourceError):
        set_key("p.yaml", text, ["parameters", "nothing"], "value", 1)


def test_scenarios_are_added_and_replaced_with_comments_and_anchors_kept() -> None:
    text = SCENARIOS.read_text(encoding="utf-8")
    item = {
        "name": "nieuw: een scenario",
        "household": {"age": 30, "children": [{"age": 3}]},
        "expect": {"outcome": "eligible"},
    }
    added = append_item("s.yaml", text, ["scenarios"], item)
    assert added.startswith(text)
    assert added.endswith(
        '  - name: "nieuw: een scenario"\n'
        "    household: {age: 30, children: [{age: 3}]}\n"
        '    expect: {outcome: "eligible"}\n'
    )
    replaced = replace_item("s.yaml", text, ["scenarios"], 1, item)
    loaded = yaml.safe_load(replaced)["scenarios"]
    assert loaded[1] == item
    assert loaded[2] == yaml.safe_load(text)["scenarios"][2]  # still merged from &single
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in replaced.splitlines() if line.lstrip().startswith("#")]
