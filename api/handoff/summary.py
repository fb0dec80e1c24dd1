"""The handoff summary: the items the resident sees before consenting, built from Rasa's slots.

Every item has a stable ``id`` (the resident removes items by id), a ``kind`` (what consent
records keep as proof, without the content), a Dutch ``label`` and the plain ``value``. A slot
that is missing or not in the expected shape simply gives no item: only facts we can describe
to the resident are ever shared. What the household's facts and the schemes' outcomes mean is
said by benefits_rules (``describe``); the API adds the topics, the urgency, the resident's own
question and the transcript.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from api.texts import text
from benefits_rules import describe
from benefits_rules.contract import (
    SLOT_BENEFITS_RESULT,
    SLOT_HOUSEHOLD,
    SLOT_SITUATION,
    SLOT_TOPICS,
    SLOT_URGENT,
)

KINDS = ("topic", "urgent", "household", "benefit", "question", "transcript")


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


def described_items(household: Any, situation: Any, benefits: Any) -> list[SummaryItem]:
    """Household facts, facts said in passing and schemes with outcomes, in benefits_rules'
    words (``benefits_rules.describe``): the rules say what a fact or a result means."""
    return [
        SummaryItem(
            id=f"{item.topic}:{item.key}",
            kind="benefit" if item.topic == "benefit" else "household",
            label=item.label,
            value=item.value,
        )
        for item in describe(household, situation, benefits)
    ]


def _bailiff(situation: Any) -> bool:
    """A bailiff mentioned anywhere makes the handoff urgent."""
    return isinstance(situation, dict) and situation.get("bailiff") is True


def items_from_slots(slots: Mapping[str, Any]) -> list[SummaryItem]:
    """Topics, urgent signals, household facts and schemes with outcomes, in that order."""
    return [
        *topic_items(slots.get(SLOT_TOPICS)),
        *urgent_items(slots.get(SLOT_URGENT) is True or _bailiff(slots.get(SLOT_SITUATION))),
        *described_items(
            slots.get(SLOT_HOUSEHOLD), slots.get(SLOT_SITUATION), slots.get(SLOT_BENEFITS_RESULT)
        ),
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
