"""Which benefits a household probably misses, why, and how much (2025 and 2026).

Rules are data: YAML per scheme and period under ``data/``, each figure with unit, date, source
and whether it is verified. Results that rest on an unverified figure say "indicatie".

Public API::

    evaluate(household, schemes=None, rules_dir=None) -> Evaluation
    next_question(household, schemes=None, rules_dir=None) -> Question | None
    parse_household(data, rules_dir=None) -> Household        # raises InvalidHousehold
    explain(evaluation, rules_dir=None) -> str                 # Dutch B1 text for the chat
    apply_answer(household_dict, fact, answer) -> dict         # chat answer -> fact value
    load_rules(rules_dir=None) -> RuleBook                     # cached; RuleDataError if broken
"""

from __future__ import annotations

from .answers import answer_value, apply_answer
from .engine import evaluate
from .errors import InvalidHousehold, RuleDataError, UnknownScheme
from .explain import explain
from .facts import UNKNOWN, Interval
from .household import Child, Childcare, Household
from .loader import load_rules
from .model import Button, RuleBook
from .parse import parse_household
from .questions import Question, next_question
from .result import Amount, Evaluation, Outcome, Reason, SchemeResult
from .schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "UNKNOWN",
    "Amount",
    "Button",
    "Child",
    "Childcare",
    "Evaluation",
    "Household",
    "Interval",
    "InvalidHousehold",
    "Outcome",
    "Question",
    "Reason",
    "RuleBook",
    "RuleDataError",
    "SchemeResult",
    "UnknownScheme",
    "answer_value",
    "apply_answer",
    "evaluate",
    "explain",
    "load_rules",
    "next_question",
    "parse_household",
]
