"""Parsing raw household facts (JSON-like data) strictly into a :class:`Household`.

Input keys (all optional; a missing key is a fact not asked yet):

``reference_date`` ISO date; ``municipality``; ``age``; ``has_partner`` (toeslagpartner);
``partner_age``; ``children`` (list of ``{"age": n}``, children under 18 at home for whom
kinderbijslag is received); ``annual_income`` (toetsingsinkomen of applicant and partner, euro per
year); ``net_monthly_income`` (household net income, euro per month); ``assets`` (vermogen on
1 January, euro); ``housing`` ("rent" | "owner" | "other"); ``rent`` (kale huur, euro per month);
``health_insured``; ``co_residents_21_plus``; ``receives_bijstand``; ``months_on_low_income``;
``childcare`` (``{"uses_paid_childcare", "parents_work_or_study", "children": [...]}``);
``unknown_facts`` (list of fact names the resident answered "weet ik niet").

Numbers may be given exactly or as a band ``{"min": a, "max": b}`` (``max`` null = open).
Any fact may be the string ``"unknown"``: known to be unknown, never asked again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import InvalidHousehold
from .facts import UNKNOWN, UNKNOWN_MARKERS, BoolFact, Interval, NumFact, StrFact, _Unknown
from .household import (
    ASKABLE_FACTS,
    CHILDCARE_KINDS,
    FACT_NAMES,
    HOUSING_VALUES,
    Child,
    Childcare,
    ChildcareChild,
    ChildcareFact,
    ChildrenFact,
    Household,
)
from .model import RuleBook
from .money import euro_to_cents

CHILDCARE_KEYS = ("uses_paid_childcare", "parents_work_or_study", "children")
CHILDCARE_CHILD_KEYS = ("hours_per_month", "hourly_price", "kind")


def _show(value: Any) -> str:
    """A short, safe description of a bad value for an error message: never the whole value
    (it may be a number with thousands of digits or a deeply nested list)."""
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "...")
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else "a number that is far too large"
    if isinstance(value, float):
        return repr(value)
    return type(value).__name__


def _only(field: str, value: Mapping[Any, Any], allowed: tuple[str, ...]) -> None:
    """Nested objects are as strict as the household itself: an unknown key is refused."""
    for key in value:
        if key not in allowed:
            name = key[:40] if isinstance(key, str) else type(key).__name__
            raise InvalidHousehold(
                f"{field}.{name}", f"is not a known field (known: {', '.join(allowed)})"
            )


def _is_unknown(value: Any) -> bool:
    return isinstance(value, _Unknown) or (
        isinstance(value, str) and value.strip().lower() in UNKNOWN_MARKERS
    )


def _number(field: str, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidHousehold(field, f"must be a number, got {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidHousehold(field, "must be a finite number")
    number: int | float = value
    return number


def _whole(field: str, value: Any, lo: int, hi: int) -> int:
    number = _number(field, value)
    if isinstance(number, float):
        if not number.is_integer():
            raise InvalidHousehold(field, f"must be a whole number, got {_show(number)}")
        number = int(number)
    if not lo <= number <= hi:
        raise InvalidHousehold(field, f"must be between {lo} and {hi}, got {_show(number)}")
    return number


def _money(field: str, value: Any, allow_negative: bool = False) -> int:
    number = _number(field, value)
    if abs(number) > 10**12:
        raise InvalidHousehold(field, "is implausibly large")
    if number < 0 and not allow_negative:
        raise InvalidHousehold(field, f"must not be negative, got {_show(number)}")
    return euro_to_cents(number)


def _interval(field: str, value: Any, convert: Callable[[str, Any], int]) -> NumFact:
    """Exact number, ``{"min", "max"}`` band, or the unknown marker."""
    if value is None:
        return None
    if _is_unknown(value):
        return UNKNOWN
    if isinstance(value, Mapping):
        _only(field, value, ("min", "max"))
        lo = convert(f"{field}.min", value["min"]) if value.get("min") is not None else None
        hi = convert(f"{field}.max", value["max"]) if value.get("max") is not None else None
        if lo is None and hi is None:
            raise InvalidHousehold(field, "a range needs 'min' or 'max'")
        if lo is None:
            lo = min(0, hi) if hi is not None else 0
        if hi is not None and hi < lo:
            raise InvalidHousehold(field, "range 'max' is below 'min'")
        return Interval(lo, hi)
    return Interval.point(convert(field, value))


def _bool(field: str, value: Any) -> BoolFact:
    if value is None:
        return None
    if _is_unknown(value):
        return UNKNOWN
    if not isinstance(value, bool):
        raise InvalidHousehold(field, f"must be true or false, got {type(value).__name__}")
    return value


def _choice(field: str, value: Any, allowed: tuple[str, ...]) -> StrFact:
    if value is None:
        return None
    if _is_unknown(value):
        return UNKNOWN
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        raise InvalidHousehold(field, f"must be one of {', '.join(allowed)}, got {_show(value)}")
    return value.strip().lower()


def _date(field: str, value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()  # a datetime is a date too, but cannot be compared with one
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise InvalidHousehold(field, f"must be an ISO date like 2026-01-31, got {_show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidHousehold(field, f"is not a valid date: {_show(value)}") from exc


def _children(value: Any) -> ChildrenFact:
    if value is None:
        return None
    if _is_unknown(value):
        return UNKNOWN
    if not isinstance(value, (list, tuple)):
        raise InvalidHousehold("children", 'must be a list like [{"age": 4}]')
    children = []
    for index, item in enumerate(value):
        field = f"children[{index}]"
        if not isinstance(item, Mapping):
            raise InvalidHousehold(field, "must be an object with only an 'age'")
        _only(field, item, ("age",))
        if "age" not in item:
            raise InvalidHousehold(f"{field}.age", "is required")
        children.append(Child(_whole(f"{field}.age", item["age"], 0, 17)))
    return tuple(children)


def _childcare(value: Any) -> ChildcareFact:
    if value is None:
        return None
    if _is_unknown(value):
        return UNKNOWN
    if not isinstance(value, Mapping):
        raise InvalidHousehold("childcare", "must be an object")
    _only("childcare", value, CHILDCARE_KEYS)
    listed = value.get("children")
    if listed is None:
        listed = ()
    if not isinstance(listed, (list, tuple)):
        raise InvalidHousehold(
            "childcare.children", 'must be a list like [{"hours_per_month": 80, "kind": "bso"}]'
        )
    kids = []
    for index, item in enumerate(listed):
        field = f"childcare.children[{index}]"
        if not isinstance(item, Mapping):
            raise InvalidHousehold(field, "must be an object")
        _only(field, item, CHILDCARE_CHILD_KEYS)
        hours = item.get("hours_per_month")
        price = item.get("hourly_price")
        kind = _choice(f"{field}.kind", item.get("kind"), CHILDCARE_KINDS)
        kids.append(
            ChildcareChild(
                _whole(f"{field}.hours_per_month", hours, 0, 744) if hours is not None else None,
                _money(f"{field}.hourly_price", price) if price is not None else None,
                kind if isinstance(kind, str) else None,
            )
        )
    return Childcare(
        _bool("childcare.uses_paid_childcare", value.get("uses_paid_childcare")),
        _bool("childcare.parents_work_or_study", value.get("parents_work_or_study")),
        tuple(kids),
    )


def _age(field: str, value: Any) -> int:
    return _whole(field, value, 0, 130)


def _count(field: str, value: Any) -> int:
    return _whole(field, value, 0, 50)


def _months(field: str, value: Any) -> int:
    return _whole(field, value, 0, 1200)


def _assets(field: str, value: Any) -> int:
    return _money(field, value, allow_negative=True)


def parse_household(
    data: Mapping[str, Any], rules_dir: Path | None = None, *, book: RuleBook | None = None
) -> Household:
    """Check and convert raw facts. Raises :class:`InvalidHousehold` naming the bad field.

    The known municipalities come from ``book`` when given, else from ``rules_dir``."""
    if not isinstance(data, Mapping):
        raise InvalidHousehold("household", "must be a JSON object")
    for key in data:
        if key not in FACT_NAMES:
            name = key[:40] if isinstance(key, str) else type(key).__name__
            raise InvalidHousehold(name, "is not a known household fact")
    unknown_raw = data.get("unknown_facts") or ()
    if not isinstance(unknown_raw, (list, tuple)) or not all(
        isinstance(name, str) and name in ASKABLE_FACTS for name in unknown_raw
    ):
        raise InvalidHousehold("unknown_facts", "must be a list of household fact names")
    municipality = _choice_municipality(data.get("municipality"), rules_dir, book)
    ref = data.get("reference_date")
    has_partner = _bool("has_partner", data.get("has_partner"))
    if has_partner is False and data.get("partner_age") is not None:
        raise InvalidHousehold("partner_age", "is given, but has_partner is false")
    return Household(
        reference_date=_date("reference_date", ref) if ref is not None else date.today(),
        municipality=municipality,
        age=_interval("age", data.get("age"), _age),
        has_partner=has_partner,
        partner_age=_interval("partner_age", data.get("partner_age"), _age),
        children=_children(data.get("children")),
        annual_income=_interval("annual_income", data.get("annual_income"), _money),
        net_monthly_income=_interval("net_monthly_income", data.get("net_monthly_income"), _money),
        assets=_interval("assets", data.get("assets"), _assets),
        housing=_choice("housing", data.get("housing"), HOUSING_VALUES),
        rent=_interval("rent", data.get("rent"), _money),
        health_insured=_bool("health_insured", data.get("health_insured")),
        co_residents_21_plus=_interval(
            "co_residents_21_plus", data.get("co_residents_21_plus"), _count
        ),
        receives_bijstand=_bool("receives_bijstand", data.get("receives_bijstand")),
        months_on_low_income=_interval(
            "months_on_low_income", data.get("months_on_low_income"), _months
        ),
        childcare=_childcare(data.get("childcare")),
        unknown_facts=frozenset(unknown_raw),
        reference_date_given=ref is not None,
    )


def _choice_municipality(value: Any, rules_dir: Path | None, book: RuleBook | None) -> StrFact:
    if value is None:
        return None
    if _is_unknown(value):
        return UNKNOWN
    from .loader import load_rules  # local import: the loader imports this module's types

    known = tuple((book or load_rules(rules_dir)).municipalities)
    return _choice("municipality", value, known)
