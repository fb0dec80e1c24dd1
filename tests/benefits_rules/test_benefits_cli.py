"""The command line: JSON out with exit 0, one-line errors naming the field with exit 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from benefits_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]

HOUSEHOLD = {
    "reference_date": "2026-03-01",
    "age": 20,
    "has_partner": False,
    "children": [],
    "housing": "rent",
    "rent": 600,
    "annual_income": 22000,
    "assets": 1000,
    "co_residents_21_plus": 0,
    "health_insured": True,
}


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_check_file_prints_json_and_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "household.json"
    path.write_text(json.dumps(HOUSEHOLD), encoding="utf-8")
    code, out, err = run(["check", str(path)])
    assert code == 0, err
    result = json.loads(out)
    assert result["schemes"]["huurtoeslag"]["amount_per_month"] == 295
    assert result["schemes"]["zorgtoeslag"]["outcome"] == "eligible"


def test_check_stdin_with_schemes() -> None:
    code, out, _ = run(["check", "-", "--schemes", "huurtoeslag"], json.dumps(HOUSEHOLD))
    assert code == 0
    assert list(json.loads(out)["schemes"]) == ["huurtoeslag"]


def test_batch_takes_a_list_and_prints_a_list() -> None:
    batch = [HOUSEHOLD, {**HOUSEHOLD, "housing": "owner"}]
    code, out, _ = run(["check", "--batch", "-"], json.dumps(batch))
    assert code == 0
    results = json.loads(out)
    assert [r["schemes"]["huurtoeslag"]["outcome"] for r in results] == ["eligible", "not_eligible"]


@pytest.mark.parametrize(
    ("household", "field"),
    [
        ({**HOUSEHOLD, "annual_income": -5}, "annual_income"),
        ({**HOUSEHOLD, "age": "twenty"}, "age"),
        ({**HOUSEHOLD, "municipality": "atlantis"}, "municipality"),
        ({**HOUSEHOLD, "reference_date": "2026-02-30"}, "reference_date"),
        ({**HOUSEHOLD, "reference_date": "1-3-2026"}, "reference_date"),
        ({**HOUSEHOLD, "has_partner": "yes"}, "has_partner"),
        ({**HOUSEHOLD, "children": [{"age": 19}]}, "children[0].age"),
    ],
)
def test_invalid_input_exits_2_with_one_line_naming_the_field(
    household: dict[str, object], field: str
) -> None:
    code, out, err = run(["check", "-"], json.dumps(household))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert f"{field}:" in err


def test_batch_error_names_the_item() -> None:
    batch = [HOUSEHOLD, {**HOUSEHOLD, "rent": -1}]
    code, _, err = run(["check", "--batch", "-"], json.dumps(batch))
    assert code == 2
    assert "household[1].rent:" in err


def test_bad_json_and_missing_file_exit_2(tmp_path: Path) -> None:
    assert run(["check", "-"], "{not json")[0] == 2
    assert run(["check", str(tmp_path / "nope.json")])[0] == 2
    assert run(["check", "--batch", "-"], json.dumps(HOUSEHOLD))[0] == 2


def test_unknown_scheme_exits_2() -> None:
    code, _, err = run(["check", "-", "--schemes", "toeslag_x"], json.dumps(HOUSEHOLD))
    assert code == 2
    assert "toeslag_x" in err


def test_explain_prints_dutch_text() -> None:
    code, out, _ = run(["check", "-", "--explain"], json.dumps(HOUSEHOLD))
    assert code == 0
    assert "Dit is een indicatie, geen besluit." in out


def test_validate_reports_ok_and_broken_rules_exit_1(rules_copy: Path) -> None:
    assert run(["validate"])[0] == 0
    broken = rules_copy / "national" / "zorgtoeslag" / "2026-01-01.yaml"
    broken.write_text(broken.read_text().replace("value: 4085700", "value: lots"))
    code, _, err = run(["validate", "--rules-dir", str(rules_copy)])
    assert code == 1
    assert "2026-01-01.yaml" in err
    assert "income_limit_single.value" in err


def test_python_dash_m_entry_point() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "benefits_rules", "check", "-"],
        input=json.dumps({**HOUSEHOLD, "annual_income": -1}),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 2
    assert "annual_income:" in completed.stderr
    completed = subprocess.run(
        [sys.executable, "-m", "benefits_rules", "check", "-"],
        input=json.dumps(HOUSEHOLD),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 0
    assert json.loads(completed.stdout)["schemes"]["huurtoeslag"]["amount_per_month"] == 295
