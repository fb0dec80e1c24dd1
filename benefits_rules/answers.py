"""Turn a chat answer (a button payload or typed text) into a household fact value.

Typed text goes through :mod:`.reading` and :mod:`.fitting`, the one parser the chat uses too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import InvalidHousehold
from .facts import UNKNOWN_MARKERS
from .fitting import fit_answer
from .loader import load_rules
from .reading import is_dont_know, to_number

_RANGE = re.compile(r"^\s*([\d.,]+)\s*(?:-|tot)\s*([\d.,]+)\s*$")
_OPEN = re.compile(r"^\s*([\d.,]+)\s*\+\s*$")
_NUMBER_KINDS = ("age", "number", "months", "money", "money_month", "money_year")


def parse_number(text: str) -> float:
    """Dutch or plain notation: '40.857' -> 40857, '1.234,56' -> 1234.56, '12.5' -> 12.5."""
    return to_number(text.replace("€", ""))


def _whole_or_float(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def answer_value(fact: str, answer: Any, rules_dir: Path | None = None) -> Any:
    """The household value for ``fact`` from a payload or typed answer."""
    if not isinstance(answer, str):
        return answer
    text = answer.strip().lower()
    if text in UNKNOWN_MARKERS or is_dont_know(text):
        return "unknown"
    kind = load_rules(rules_dir).questions[fact].answer_kind
    try:
        if kind in _NUMBER_KINDS:
            # button payloads: "18-20" is a band, "67+" has no upper end
            band = _RANGE.match(text)
            if band:
                low, high = (parse_number(part) for part in band.groups())
                return {"min": _whole_or_float(low), "max": _whole_or_float(high)}
            opened = _OPEN.match(text)
            if opened:
                return {"min": _whole_or_float(parse_number(opened.group(1))), "max": None}
        if kind == "children" and text.replace(",", " ").replace(" ", "").isdigit():
            ages = re.split(r"[\s,]+", text.strip())
            return [{"age": int(age)} for age in ages if age]
        if kind == "choice" and fact != "housing":
            return text
        # typed text: the same reader the chat uses; only a plain, plausible value is taken here
        fitted = fit_answer(fact, kind, text)
        if fitted.value is None:
            if kind == "choice":
                return text
            raise ValueError
        return fitted.value
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
    if fact == "has_partner" and value is False:
        # "nee, geen partner" after a partner's age was given: that age no longer describes anyone.
        updated.pop("partner_age", None)
    return updated
