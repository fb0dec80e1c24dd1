"""The command line: JSON out with exit 0, one-line errors naming the field with exit 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"annual_income": ' + "9" * 5_000 + "}", "too many digits"),
        ('{"annual_income": ' + "9" * 4_000 + "}", "annual_income: is implausibly large"),
        ('{"age": ' + "9" * 4_000 + "}", "age: must be between 0 and 130"),
        ('{"childcare": {"children": 3}}', "childcare.children: must be a list"),
        ('{"childcare": [true]}', "childcare: must be an object"),
        ('{"childcare": {"children": [{"kind": "bso", "x": 1}]}}', "childcare.children[0].x:"),
        ('{"rent": {"min": 1, "avg": 2}}', "rent.avg: is not a known field"),
        ('{"children": [{"age": 3, "naam": "Sem"}]}', "children[0].naam:"),
        ('{"has_partner": false, "partner_age": 40}', "partner_age: is given, but has_partner"),
        ('{"housing": ' + "[" * 500 + "]" * 500 + "}", "housing: must be one of"),
    ],
)
def test_hostile_input_exits_2_with_one_line_never_a_traceback(text: str, expected: str) -> None:
    code, out, err = run(["check", "-"], text)
    assert code == 2, err
    assert out == ""
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert expected in err
    assert len(err) < 300


def test_python_dash_m_refuses_deep_json_and_huge_numbers_without_traceback() -> None:
    for text in ("[" * 200_000, '{"rent": ' + "1" * 50_000 + "}"):
        completed = subprocess.run(
            [sys.executable, "-m", "benefits_rules", "check", "-"],
            input=text,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        assert completed.returncode == 2
        assert "Traceback" not in completed.stderr
        assert completed.stderr.startswith("error: invalid JSON")


@pytest.mark.parametrize("day", ["2027-01-01", "2024-12-31", "1999-06-01"])
def test_a_date_without_published_rules_exits_2_in_dutch(day: str) -> None:
    code, out, err = run(["check", "-"], json.dumps({**HOUSEHOLD, "reference_date": day}))
    assert code == 2
    assert out == ""
    assert "hebben we nog geen regels" in err
    assert f"reference_date: {day}" in err


def test_the_last_published_day_still_has_rules() -> None:
    code, out, _ = run(["check", "-"], json.dumps({**HOUSEHOLD, "reference_date": "2026-12-31"}))
    assert code == 0
    result = json.loads(out)
    assert result["rules_found"] is True
    assert result["schemes"]["huurtoeslag"]["rules_period"] == {
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
    }


def test_without_a_reference_date_today_is_used_and_said() -> None:
    household = {key: value for key, value in HOUSEHOLD.items() if key != "reference_date"}
    code, out, _ = run(["check", "-"], json.dumps(household))
    result = json.loads(out)
    assert code == 0
    assert result["reference_date"] == date.today().isoformat()
    assert result["reference_date_given"] is False
    code, text, _ = run(["check", "-", "--explain"], json.dumps(household))
    assert code == 0
    assert text.startswith(f"We rekenen met de regels die vandaag ({date.today():%d-%m-%Y})")


def test_compact_batch_is_one_line_per_household_with_sources_once() -> None:
    batch = [HOUSEHOLD, {**HOUSEHOLD, "housing": "owner"}, {**HOUSEHOLD, "age": 40}]
    code, out, _ = run(["check", "--batch", "--compact", "-"], json.dumps(batch))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 + len(batch) + 1  # periods, "households", one each, closing
    document = json.loads(out)
    periods = document["periods"]
    assert set(periods) == {
        f"{scheme}/2026-01-01"
        for scheme in ("huurtoeslag", "zorgtoeslag", "kindgebonden_budget", "kinderopvangtoeslag")
    }
    assert periods["huurtoeslag/2026-01-01"]["sources"][0]["url"].startswith("https://")
    households = document["households"]
    assert [h["schemes"]["huurtoeslag"]["outcome"] for h in households] == [
        "eligible",
        "not_eligible",
        "eligible",
    ]
    for household in households:
        for scheme in household["schemes"].values():
            assert "sources" not in scheme
            assert "how_to_apply" not in scheme
            assert scheme["period_ref"] in periods
    assert households[0]["schemes"]["huurtoeslag"]["amount_per_month"] == 295
    assert out.count("wetten.overheid.nl/BWBR0008659") == 1


def test_compact_single_household_is_one_line() -> None:
    code, out, _ = run(["check", "--compact", "-"], json.dumps(HOUSEHOLD))
    assert code == 0
    assert out.count("\n") == 1
    assert json.loads(out)["schemes"]["huurtoeslag"]["amount_per_month"] == 295
