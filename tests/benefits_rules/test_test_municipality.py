"""The fictional test municipality is valid rule data and its own scheme is evaluated."""

from __future__ import annotations

from pathlib import Path

from benefits_rules import evaluate, load_municipality
from tests.conftest import ROOT, TEST_MUNICIPALITY, with_test_municipality


def _rules(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(ROOT / "benefits_rules" / "data", tmp_path / "rules")
    return with_test_municipality(tmp_path / "rules")


def test_the_test_municipality_loads_with_its_own_facts(tmp_path: Path) -> None:
    municipality = load_municipality(TEST_MUNICIPALITY, _rules(tmp_path))
    assert municipality.phone == "0123 456 789"
    assert tuple(municipality.schemes) == ("sportbijdrage",)
    assert municipality.contacts["voedselbank"].name == "Voedselbank Proefdorp"


def test_its_own_scheme_gives_its_own_amount(tmp_path: Path) -> None:
    household = {
        "reference_date": "2026-03-01",
        "municipality": TEST_MUNICIPALITY,
        "age": 30,
        "has_partner": False,
        "children": [],
        "co_residents_21_plus": 0,
        "receives_bijstand": True,
    }
    evaluation = evaluate(household, ["sportbijdrage"], _rules(tmp_path))
    (result,) = evaluation.results
    assert result.scheme == "sportbijdrage"
    summary = result.to_dict()
    assert summary["outcome"] == "eligible"
    assert summary["amount_per_year"] == 120
