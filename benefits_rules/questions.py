"""The next question to ask: the least sensitive fact that still changes an open outcome."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import evaluate
from .household import Household
from .loader import load_rules
from .model import Button
from .parse import parse_household


@dataclass(frozen=True, slots=True)
class Question:
    """A question for the chat. ``fact`` is the household key the answer fills (dotted for
    ``childcare.*``); button payloads can be passed to :func:`apply_answer` as they are."""

    fact: str
    text: str
    answer_kind: str
    buttons: tuple[Button, ...]
    why: str
    refine: bool = False  # True when the fact is known as a band and a sharper answer helps

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "text": self.text,
            "answer_kind": self.answer_kind,
            "buttons": [button.to_dict() for button in self.buttons],
            "why": self.why,
            "refine": self.refine,
        }


def next_question(
    household: Mapping[str, Any] | Household,
    schemes: Sequence[str] | None = None,
    rules_dir: Path | None = None,
) -> Question | None:
    """The next fact to ask, or None once every requested scheme's outcome is settled (or
    nothing we could ask would settle it)."""
    book = load_rules(rules_dir)
    hh = household if isinstance(household, Household) else parse_household(household, rules_dir)
    evaluation = evaluate(hh, schemes, rules_dir)
    for fact in evaluation.missing:
        spec = book.questions[fact]
        if hh.state(fact) == "range":
            unknown = tuple(b for b in spec.buttons if b.payload == "unknown")
            return Question(
                fact,
                spec.refine_text or spec.text,
                spec.answer_kind,
                unknown,
                spec.why,
                refine=True,
            )
        return Question(fact, spec.text, spec.answer_kind, spec.buttons, spec.why)
    return None
