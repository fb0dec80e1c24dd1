"""Which benefits a household probably misses, why, and how much (2025 and 2026).

Rules are data: YAML per scheme and period under ``data/``, each figure with unit, date, source
and whether it is verified. Results that rest on an unverified figure say "indicatie".

Public API::

    evaluate(household, schemes=None, rules_dir=None) -> Evaluation
    next_question(household, schemes=None, rules_dir=None) -> Question | None
    parse_household(data, rules_dir=None) -> Household        # raises InvalidHousehold
    explain(evaluation, rules_dir=None) -> str                 # Dutch B1 text for the chat
    describe(household, situation, results) -> (Described, ...) # one labelled line per fact
    apply_answer(household_dict, fact, answer) -> dict         # chat answer -> fact value
    load_rules(rules_dir=None) -> RuleBook                     # cached; RuleDataError if broken
    load_municipality(key=None, rules_dir=None) -> Municipality # default: data/deployment.yaml
    load_served(key=None, rules_dir=None) -> Municipality       # only one deployment.yaml lists

Reading what residents type (one parser for the chat and the rules)::

    fit_answer(fact, answer_kind, text) -> Fit      # value, a confirmation question, or nothing
    mentioned_facts(text) -> dict                   # household facts said in passing
    situation_facts(text) -> dict                   # arrears, bailiff, benefits received
    read_money(text) -> Money | None; parse_yes_no, is_dont_know, ...
"""

from __future__ import annotations

from .answers import answer_value, apply_answer
from .describe import Described, describe
from .engine import evaluate
from .errors import InvalidHousehold, RuleDataError, UnknownMunicipality, UnknownScheme
from .explain import explain
from .facts import UNKNOWN, Interval
from .fitting import Confirm, Fit, fit_answer, plausible_facts
from .household import Child, Childcare, Household
from .loader import RULES_DIR_ENV, load_municipality, load_rules, load_served
from .mentions import mentioned_facts, situation_facts
from .model import Button, Contact, Municipality, RuleBook
from .parse import parse_household
from .questions import Question, next_question
from .reading import (
    Money,
    child_count,
    is_dont_know,
    parse_yes_no,
    read_money,
)
from .reading import parse_duration as read_duration
from .result import Amount, Evaluation, Outcome, Reason, SchemeResult
from .schema import SCHEMA_VERSION

__all__ = [
    "RULES_DIR_ENV",
    "SCHEMA_VERSION",
    "UNKNOWN",
    "Amount",
    "Button",
    "Child",
    "Childcare",
    "Confirm",
    "Contact",
    "Described",
    "Evaluation",
    "Fit",
    "Household",
    "Interval",
    "InvalidHousehold",
    "Money",
    "Municipality",
    "Outcome",
    "Question",
    "Reason",
    "RuleBook",
    "RuleDataError",
    "SchemeResult",
    "UnknownMunicipality",
    "UnknownScheme",
    "answer_value",
    "apply_answer",
    "child_count",
    "describe",
    "evaluate",
    "explain",
    "fit_answer",
    "is_dont_know",
    "load_municipality",
    "load_rules",
    "load_served",
    "mentioned_facts",
    "next_question",
    "parse_household",
    "parse_yes_no",
    "plausible_facts",
    "read_duration",
    "read_money",
    "situation_facts",
]
