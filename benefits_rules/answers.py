"""Turn a chat answer (a button payload or typed text) into a household fact value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import InvalidHousehold
from .facts import UNKNOWN_MARKERS
from .loader import load_rules

_YES = {"ja", "yes", "true", "j", "klopt"}
_NO = {"nee", "no", "false", "n", "geen"}
_NONE = {"geen", "nee", "0", "no", "none", "geen kinderen"}
_RANGE = re.compile(r"^\s*([\d.,]+)\s*(?:-|tot)\s*([\d.,]+)\s*$")
_OPEN = re.compile(r"^\s*([\d.,]+)\s*\+\s*$")
_NUMBER_KINDS = ("age", "number", "months", "money", "money_month", "money_year")


def parse_number(text: str) -> float:
    """Dutch or plain notation: '40.857' -> 40857, '1.234,56' -> 1234.56, '12.5' -> 12.5."""
    cleaned = text.strip().replace("€", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    return float(cleaned)


def _whole_or_float(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def answer_value(fact: str, answer: Any, rules_dir: Path | None = None) -> Any:
    """The household value for ``fact`` from a payload or typed answer."""
    if not isinstance(answer, str):
        return answer
    text = answer.strip().lower()
    if text in UNKNOWN_MARKERS:
        return "unknown"
    kind = load_rules(rules_dir).questions[fact].answer_kind
    try:
        if kind == "yes_no":
            if text in _YES:
                return True
            if text in _NO:
                return False
            raise ValueError
        if kind == "children":
            if text in _NONE:
                return []
            ages = re.split(r"\s*(?:,|en|and|;)\s*|\s+", text)
            return [{"age": int(age)} for age in ages if age]
        if kind in _NUMBER_KINDS:
            band = _RANGE.match(text)
            if band:
                low, high = (parse_number(part) for part in band.groups())
                return {"min": _whole_or_float(low), "max": _whole_or_float(high)}
            opened = _OPEN.match(text)
            if opened:
                return {"min": _whole_or_float(parse_number(opened.group(1))), "max": None}
            return _whole_or_float(parse_number(text))
        return text
    except ValueError:
        raise InvalidHousehold(fact, f"cannot read the answer {answer!r}") from None


def apply_answer(
    household: Mapping[str, Any], fact: str, answer: Any, rules_dir: Path | None = None
) -> dict[str, Any]:
    """A copy of the raw household with the answer filled in (``childcare.x`` nests)."""
    value = answer_value(fact, answer, rules_dir)
    updated = dict(household)
    if value == "unknown" and isinstance(updated.get(fact), Mapping):
        # "weet ik niet" to a sharper question: keep the band, and do not ask again
        unknown = list(updated.get("unknown_facts") or ())
        updated["unknown_facts"] = [*unknown, fact] if fact not in unknown else unknown
        return updated
    if fact.startswith("childcare."):
        care = updated.get("childcare")
        nested = dict(care) if isinstance(care, Mapping) else {}
        nested[fact.partition(".")[2]] = value
        updated["childcare"] = nested
    else:
        updated[fact] = value
    return updated
