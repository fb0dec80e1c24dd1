"""Grids (income x rent x household type) against an independent implementation of the
published 2026 formulas, written here from the law texts with exact fractions and the published
figures, without calling any helper of the engine.

Huurtoeslag: Wet op de huurtoeslag art. 13, 20, 21 and Dienst Toeslagen "Berekening huurtoeslag
2026" steps 6-7: amount = max(0, A + B + C - D), rounded down to whole euros.
Zorgtoeslag: Wet op de zorgtoeslag art. 2 (2026): standaardpremie - normpremie.
Both: no toeslag under 24 euro a year (Awir).
"""

from __future__ import annotations

from fractions import Fraction as F
from math import floor
from typing import Any

import pytest

from benefits_rules import evaluate

DATE = "2026-06-01"
AWIR_MINIMUM = 24


def _paid(monthly_euros: F) -> int:
    """Whole euros a month, nothing when the toeslag is under the Awir minimum per year."""
    cents = floor(monthly_euros * 100)
    return 0 if cents * 12 < AWIR_MINIMUM * 100 else cents // 100


def huurtoeslag_2026(income: int, rent: F, persons: int, young_only: bool) -> int:
    single = persons == 1
    basishuur = F("202.52") if single else F("200.71")
    ijkpunt = 23_425 if single else 31_500
    reduction = F(27, 100) if single else F(22, 100)
    kwaliteitskortingsgrens = F("498.20")
    aftoppingsgrens = F("713.02") if persons <= 2 else F("764.14")
    max_huurgrens = F("498.20") if young_only else F("932.93")
    rent = min(rent, max_huurgrens)

    def band(lower: F, upper: F) -> F:
        return max(F(0), min(rent, upper) - max(basishuur, lower))

    a = band(F(0), kwaliteitskortingsgrens)
    b = F(65, 100) * band(kwaliteitskortingsgrens, aftoppingsgrens)
    c = F(40, 100) * band(aftoppingsgrens, max_huurgrens)
    d = max(0, income - ijkpunt) * reduction / 12
    return _paid(max(F(0), a + b + c - d))


def zorgtoeslag_2026(income: int, partner: bool) -> int:
    if income > (51_142 if partner else 40_857):
        return 0
    drempel = 29_736
    share = F("4.289") / 100 if partner else F("1.912") / 100
    normpremie = share * drempel + F("13.730") / 100 * max(0, income - drempel)
    rounded = floor(normpremie + F(1, 2))  # whole euros, half up
    yearly = max(0, 2_119 * (2 if partner else 1) - rounded)
    return 0 if yearly < AWIR_MINIMUM else floor(F(yearly, 12))


HOUSEHOLDS: dict[str, tuple[dict[str, Any], int, bool]] = {
    # name: (facts, persons, only people under 21 without a child)
    "alleenstaande van 30": ({"age": 30, "has_partner": False, "children": []}, 1, False),
    "alleenstaande van 20": ({"age": 20, "has_partner": False, "children": []}, 1, True),
    "stel": ({"age": 40, "has_partner": True, "partner_age": 38, "children": []}, 2, False),
    "stel met kind": (
        {"age": 35, "has_partner": True, "partner_age": 33, "children": [{"age": 4}]},
        3,
        False,
    ),
    "alleenstaande ouder met twee kinderen": (
        {"age": 29, "has_partner": False, "children": [{"age": 2}, {"age": 7}]},
        3,
        False,
    ),
}
INCOMES = range(0, 72_001, 2_250)
RENTS = (F(150), F("201"), F("350.50"), F("498.20"), F(600), F("713.02"), F(760), F(900), F(1400))


def _amount(result: dict[str, Any]) -> int:
    if result["outcome"] == "not_eligible":
        return 0
    assert result["outcome"] == "eligible", result
    value = result["amount_per_month"]
    assert isinstance(value, int)
    return value


@pytest.mark.parametrize("kind", list(HOUSEHOLDS))
def test_huurtoeslag_grid_matches_the_published_formula(kind: str) -> None:
    facts, persons, young_only = HOUSEHOLDS[kind]
    mismatches = []
    for income in INCOMES:
        for rent in RENTS:
            household = {
                "reference_date": DATE,
                "housing": "rent",
                "assets": 0,
                "co_residents_21_plus": 0,
                "annual_income": income,
                "rent": float(rent),
                **facts,
            }
            result = evaluate(household, ["huurtoeslag"]).to_dict()["schemes"]["huurtoeslag"]
            expected = huurtoeslag_2026(income, rent, persons, young_only)
            if _amount(result) != expected:
                mismatches.append((income, float(rent), _amount(result), expected))
    assert not mismatches, mismatches[:10]


@pytest.mark.parametrize("partner", [False, True])
def test_zorgtoeslag_grid_matches_the_law(partner: bool) -> None:
    facts: dict[str, Any] = {"has_partner": partner, "partner_age": 40} if partner else {}
    mismatches = []
    for income in [*range(0, 56_001, 397), 40_857, 40_858, 51_142, 51_143]:
        household = {
            "reference_date": DATE,
            "age": 40,
            "health_insured": True,
            "assets": 0,
            "annual_income": income,
            "has_partner": partner,
            **facts,
        }
        result = evaluate(household, ["zorgtoeslag"]).to_dict()["schemes"]["zorgtoeslag"]
        expected = zorgtoeslag_2026(income, partner)
        if _amount(result) != expected:
            mismatches.append((income, _amount(result), expected))
    assert not mismatches, mismatches[:10]


def test_the_independent_formulas_reproduce_the_published_examples() -> None:
    """The oracle itself is checked against the published 2026 worked examples."""
    assert huurtoeslag_2026(22_000, F(600), 1, True) == 295
    assert huurtoeslag_2026(34_000, F(1_200), 3, False) == 492
    assert huurtoeslag_2026(29_000, F(710), 1, False) == 307
    assert zorgtoeslag_2026(0, False) == 129
    assert zorgtoeslag_2026(0, True) == 246
