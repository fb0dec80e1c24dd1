"""Answers residents type in the benefits check, per fact, shared by the dialogue's tests and
the actions' tests."""

from __future__ import annotations

# A single mother of two who rents, with a low income; she gets kindgebonden budget.
SINGLE_MOTHER = {
    "age": "34",
    "has_partner": "nee ik ben alleenstaande moeder van 2 kinderen",
    "children": "3 en 7",
    "housing": "ik huur",
    "co_residents_21_plus": "niemand",
    "health_insured": "ja",
    "childcare.uses_paid_childcare": "nee",
    "receives_bijstand": "nee",
    "rent": "720 euro per maand",
    "annual_income": "ongeveer 17000 per jaar",
    "net_monthly_income": "ongeveer dertienhonderd netto",
    "months_on_low_income": "2 jaar",
    "assets": "niks",
}
