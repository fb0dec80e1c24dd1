"""Property tests: amounts never rise with income, are never negative, missing facts and income
bands never contradict what the full facts say, and nothing crashes on partial input."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from benefits_rules import evaluate, next_question, parse_household

NATIONAL_TAPERED = ["zorgtoeslag", "huurtoeslag", "kindgebonden_budget"]
MUNICIPAL_PAID = ["individuele_inkomenstoeslag", "fit_en_fun"]
DATES = st.sampled_from(["2025-12-31", "2026-01-01", "2026-07-15"])


@st.composite
def households(draw: st.DrawFn) -> dict[str, Any]:
    partner = draw(st.booleans())
    household: dict[str, Any] = {
        "reference_date": draw(DATES),
        "municipality": "heerlen",
        "age": draw(st.integers(16, 90)),
        "has_partner": partner,
        "children": [{"age": a} for a in draw(st.lists(st.integers(0, 17), max_size=4))],
        "annual_income": draw(st.integers(0, 120_000)),
        "net_monthly_income": draw(st.integers(0, 5_000)),
        "assets": draw(st.integers(0, 250_000)),
        "housing": draw(st.sampled_from(["rent", "owner", "other"])),
        "rent": draw(st.integers(0, 1_500)),
        "health_insured": draw(st.booleans()),
        "co_residents_21_plus": draw(st.integers(0, 3)),
        "receives_bijstand": draw(st.booleans()),
        "months_on_low_income": draw(st.integers(0, 120)),
        "childcare": {
            "uses_paid_childcare": draw(st.booleans()),
            "parents_work_or_study": draw(st.booleans()),
        },
    }
    if partner:
        household["partner_age"] = draw(st.integers(18, 90))
    return household


def _paid(result: dict[str, Any]) -> int:
    """What the resident would get at most; nothing when not eligible."""
    if result["outcome"] == "not_eligible" or result["amount_max"] is None:
        return 0
    return int(result["amount_max"])


@settings(max_examples=150, deadline=None)
@given(households(), st.integers(0, 60_000), st.integers(0, 60_000))
def test_national_amount_never_rises_when_income_rises(
    household: dict[str, Any], low: int, extra: int
) -> None:
    poorer = evaluate({**household, "annual_income": low}, NATIONAL_TAPERED).to_dict()
    richer = evaluate({**household, "annual_income": low + extra}, NATIONAL_TAPERED).to_dict()
    for scheme in NATIONAL_TAPERED:
        assert _paid(richer["schemes"][scheme]) <= _paid(poorer["schemes"][scheme]), scheme


@settings(max_examples=150, deadline=None)
@given(households(), st.integers(0, 3_000), st.integers(0, 2_000))
def test_municipal_amount_never_rises_when_income_rises(
    household: dict[str, Any], low: int, extra: int
) -> None:
    household = {**household, "receives_bijstand": False}
    poorer = evaluate({**household, "net_monthly_income": low}, MUNICIPAL_PAID).to_dict()
    richer = evaluate({**household, "net_monthly_income": low + extra}, MUNICIPAL_PAID).to_dict()
    for scheme in MUNICIPAL_PAID:
        assert _paid(richer["schemes"][scheme]) <= _paid(poorer["schemes"][scheme]), scheme


@settings(max_examples=200, deadline=None)
@given(households())
def test_amounts_are_never_negative_and_ranges_are_ordered(household: dict[str, Any]) -> None:
    for result in evaluate(household).to_dict()["schemes"].values():
        for key in ("amount_per_month", "amount_per_year", "amount_min", "amount_max"):
            assert result[key] is None or result[key] >= 0, (result["scheme"], key)
        if result["amount_min"] is not None:
            assert result["amount_min"] <= result["amount_max"]
        if result["outcome"] == "not_eligible":
            assert result["amount_max"] is None
            assert result["missing"] == []


@settings(max_examples=200, deadline=None)
@given(households(), st.data())
def test_missing_facts_never_crash_nor_contradict_the_full_answer(
    household: dict[str, Any], data: st.DataObject
) -> None:
    keys = [k for k in household if k != "reference_date"]
    dropped = data.draw(st.lists(st.sampled_from(keys), unique=True))
    partial = {k: v for k, v in household.items() if k not in dropped}
    full = evaluate(household).to_dict()["schemes"]
    part = evaluate(partial).to_dict()["schemes"]
    for scheme, result in part.items():
        assert result["outcome"] in ("eligible", "possibly_eligible", "not_eligible", "unknown")
        if result["outcome"] == "not_eligible":
            assert full[scheme]["outcome"] == "not_eligible", scheme
        if full[scheme]["outcome"] == "eligible":
            assert result["outcome"] != "not_eligible", scheme


@settings(max_examples=200, deadline=None)
@given(households(), st.integers(0, 20_000), st.integers(0, 20_000))
def test_an_income_band_brackets_every_exact_income_in_it(
    household: dict[str, Any], below: int, above: int
) -> None:
    exact = household["annual_income"]
    band = {"min": max(0, exact - below), "max": exact + above}
    precise = evaluate(household, NATIONAL_TAPERED).to_dict()["schemes"]
    banded = evaluate({**household, "annual_income": band}, NATIONAL_TAPERED).to_dict()["schemes"]
    for scheme in NATIONAL_TAPERED:
        got, ranged = precise[scheme], banded[scheme]
        if ranged["outcome"] in ("eligible", "not_eligible"):
            assert got["outcome"] == ranged["outcome"], scheme
        if got["outcome"] == "eligible" and got["amount_min"] is not None:
            assert ranged["amount_min"] <= got["amount_min"] <= ranged["amount_max"], scheme


@settings(max_examples=100, deadline=None)
@given(households(), st.data())
def test_next_question_never_asks_a_known_fact(
    household: dict[str, Any], data: st.DataObject
) -> None:
    keys = [k for k in household if k not in ("reference_date", "municipality")]
    dropped = data.draw(st.lists(st.sampled_from(keys), unique=True))
    partial = {k: v for k, v in household.items() if k not in dropped}
    question = next_question(partial)
    if question is not None:
        state = parse_household(partial).state(question.fact)
        assert state in ("missing", "range"), (question.fact, state)
