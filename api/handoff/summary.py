"""The handoff summary: the items the resident sees before consenting, built from Rasa's slots.

Every item has a stable ``id`` (the resident removes items by id), a ``kind`` (what consent
records keep as proof, without the content), a Dutch ``label`` and the plain ``value``. A slot
that is missing or not in the expected shape simply gives no item: only facts we can describe
to the resident are ever shared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypedDict

from api.texts import text
from benefits_rules.contract import (
    SLOT_BENEFITS_RESULT,
    SLOT_HOUSEHOLD,
    SLOT_SITUATION,
    SLOT_TOPICS,
    SLOT_URGENT,
)

KINDS = ("topic", "urgent", "household", "benefit", "question", "transcript")
MAX_AMOUNT = 1_000_000


class SummaryItem(TypedDict):
    id: str
    kind: str
    label: str
    value: Any


def _optional_text(key: str, **values: Any) -> str | None:
    try:
        return text(key, **values)
    except KeyError:
        return None


def euro(amount: int | float) -> str:
    """Dutch notation of whole euros: ``€ 1.400``."""
    return "€ " + f"{round(amount):,}".replace(",", ".")


def _number(value: Any, low: float, high: float) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return round(value) if low <= value <= high else None


def topic_items(topics: Any) -> list[SummaryItem]:
    if not isinstance(topics, list):
        return []
    items: list[SummaryItem] = []
    for topic in dict.fromkeys(t for t in topics if isinstance(t, str)):
        name = _optional_text(f"topic_{topic}")
        if name is not None:
            items.append(
                SummaryItem(
                    id=f"topic:{topic}",
                    kind="topic",
                    label=text("handoff_item_topic", topic=name),
                    value=topic,
                )
            )
    return items


def urgent_items(urgent: Any) -> list[SummaryItem]:
    if urgent is not True:
        return []
    return [SummaryItem(id="urgent", kind="urgent", label=text("handoff_item_urgent"), value=True)]


def _household(fact: str, label: str, value: Any) -> SummaryItem:
    return SummaryItem(id=f"household:{fact}", kind="household", label=label, value=value)


def _children_item(children: Any) -> SummaryItem | None:
    if not isinstance(children, list):
        return None
    ages = [
        age
        for child in children
        if isinstance(child, dict) and (age := _number(child.get("age"), 0, 30)) is not None
    ]
    if len(ages) != len(children):
        return None
    if not ages:
        return _household("children", text("handoff_item_children_none"), [])
    label = text(
        "handoff_item_children", count=len(ages), ages=", ".join(str(a) for a in sorted(ages))
    )
    return _household("children", label, [{"age": a} for a in ages])


def household_items(household: Any) -> list[SummaryItem]:
    if not isinstance(household, dict):
        return []
    items: list[SummaryItem] = []
    if (age := _number(household.get("age"), 0, 120)) is not None:
        items.append(_household("age", text("handoff_item_age", age=age), age))
    partner = household.get("has_partner")
    if isinstance(partner, bool):
        key = "handoff_item_partner_yes" if partner else "handoff_item_partner_no"
        items.append(_household("has_partner", text(key), partner))
    if (children := _children_item(household.get("children"))) is not None:
        items.append(children)
    if (income := _number(household.get("net_monthly_income"), 0, MAX_AMOUNT)) is not None:
        label = text("handoff_item_income", amount=euro(income))
        items.append(_household("net_monthly_income", label, income))
    housing = household.get("housing")
    if isinstance(housing, str) and re.fullmatch(r"[a-z_]+", housing):
        label_or_none = _optional_text(f"handoff_item_housing_{housing}")
        if label_or_none is not None:
            items.append(_household("housing", label_or_none, housing))
    if (rent := _number(household.get("rent"), 0, MAX_AMOUNT)) is not None:
        items.append(_household("rent", text("handoff_item_rent", amount=euro(rent)), rent))
    if (yearly := _number(household.get("annual_income"), 0, MAX_AMOUNT)) is not None:
        label = text("handoff_item_annual_income", amount=euro(yearly))
        items.append(_household("annual_income", label, yearly))
    if (assets := _number(household.get("assets"), 0, 100 * MAX_AMOUNT)) is not None:
        items.append(_household("assets", text("handoff_item_assets", amount=euro(assets)), assets))
    bijstand = household.get("receives_bijstand")
    if isinstance(bijstand, bool):
        key = "handoff_item_bijstand_yes" if bijstand else "handoff_item_bijstand_no"
        items.append(_household("receives_bijstand", text(key), bijstand))
    return items


def _situation(fact: str, label: str, value: Any) -> SummaryItem:
    return SummaryItem(id=f"situation:{fact}", kind="household", label=label, value=value)


def situation_items(situation: Any, household: Any) -> list[SummaryItem]:
    """Facts said in passing that are not household facts: the number of children (when their
    ages are not known), arrears and their months, a bailiff, benefits already received."""
    if not isinstance(situation, dict):
        return []
    items: list[SummaryItem] = []
    known_children = isinstance(household, dict) and isinstance(household.get("children"), list)
    count = _number(situation.get("child_count"), 1, 20)
    if count is not None and not known_children:
        label = text("handoff_item_child_count", count=count)
        items.append(_situation("child_count", label, count))
    months = _number(situation.get("arrears_months"), 1, 120)
    if months is not None:
        label = text("handoff_item_arrears_months", months=months)
        items.append(_situation("arrears_months", label, months))
    elif situation.get("arrears") is True:
        items.append(_situation("arrears", text("handoff_item_arrears"), True))
    if situation.get("bailiff") is True:
        items.append(_situation("bailiff", text("handoff_item_bailiff"), True))
    received = situation.get("benefits_received")
    if isinstance(received, list):
        names = [r for r in received if isinstance(r, str) and re.fullmatch(r"[a-z ]{2,40}", r)]
        if names:
            label = text("handoff_item_benefits_received", names=", ".join(names))
            items.append(_situation("benefits_received", label, names))
    return items


def _scheme_title(scheme: str, result: Mapping[str, Any]) -> str:
    title = result.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return scheme.replace("_", " ").capitalize()


def benefit_items(benefits: Any) -> list[SummaryItem]:
    if not isinstance(benefits, dict):
        return []
    items: list[SummaryItem] = []
    for scheme, result in benefits.items():
        if not isinstance(scheme, str) or not isinstance(result, dict):
            continue
        outcome = result.get("outcome")
        outcome_text = _optional_text(f"outcome_{outcome}") if isinstance(outcome, str) else None
        if outcome_text is None:
            continue
        title = _scheme_title(scheme, result)
        value: dict[str, Any] = {"outcome": outcome}
        label = text("handoff_item_benefit", scheme=title, outcome=outcome_text)
        for field, period in (("amount_per_month", "month"), ("amount_per_year", "year")):
            amount = _number(result.get(field), 0, MAX_AMOUNT)
            if amount is not None:
                value[field] = amount
                label = text(
                    "handoff_item_benefit_amount",
                    scheme=title,
                    outcome=outcome_text,
                    amount=euro(amount),
                    period=text(f"period_{period}"),
                )
                break
        items.append(SummaryItem(id=f"benefit:{scheme}", kind="benefit", label=label, value=value))
    return items


def _bailiff(situation: Any) -> bool:
    """A bailiff mentioned anywhere makes the handoff urgent."""
    return isinstance(situation, dict) and situation.get("bailiff") is True


def items_from_slots(slots: Mapping[str, Any]) -> list[SummaryItem]:
    """Topics, urgent signals, household facts and schemes with outcomes, in that order."""
    return [
        *topic_items(slots.get(SLOT_TOPICS)),
        *urgent_items(slots.get(SLOT_URGENT) is True or _bailiff(slots.get(SLOT_SITUATION))),
        *household_items(slots.get(SLOT_HOUSEHOLD)),
        *situation_items(slots.get(SLOT_SITUATION), slots.get(SLOT_HOUSEHOLD)),
        *benefit_items(slots.get(SLOT_BENEFITS_RESULT)),
    ]


def question_item(question: str) -> SummaryItem:
    return SummaryItem(
        id="question",
        kind="question",
        label=text("handoff_item_question", question=question),
        value=question,
    )


def transcript_item(message_count: int) -> SummaryItem:
    return SummaryItem(
        id="transcript",
        kind="transcript",
        label=text("handoff_item_transcript", count=message_count),
        value=message_count,
    )


def item_kinds(items: list[SummaryItem]) -> list[str]:
    """The kinds present, in the fixed order of ``KINDS`` (what a consent record keeps)."""
    present = {item["kind"] for item in items}
    return [kind for kind in KINDS if kind in present]
