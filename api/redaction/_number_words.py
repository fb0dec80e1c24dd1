"""Dutch numbers written in words, as far as dates need them: days ("twaalf", "twaalfde",
"eenendertigste") and years ("negentienzevenentachtig", "negentien honderd zevenentachtig",
"tweeduizend en vijf", "twintig twintig")."""

from __future__ import annotations

import re
from typing import Final

from ._text import normalise

_UNITS: Final = (
    "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
    "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien",
)  # fmt: skip
_TENS: Final = {
    20: "twintig", 30: "dertig", 40: "veertig", 50: "vijftig", 60: "zestig", 70: "zeventig",
    80: "tachtig", 90: "negentig",
}  # fmt: skip
_ORDINAL_EXCEPTIONS: Final = {1: "eerste", 3: "derde", 8: "achtste"}


def _cardinals() -> dict[str, int]:
    words = {word: n for n, word in enumerate(_UNITS, start=1)}
    words["nul"] = 0
    for tens, tens_word in _TENS.items():
        words[tens_word] = tens
        for unit in range(1, 10):
            # "eenentwintig", "tweeëntwintig" (the diaeresis goes in normalisation)
            unit_word = _UNITS[unit - 1]
            words[f"{unit_word}en{tens_word}"] = tens + unit
            if unit_word.endswith("e"):
                words[f"{unit_word}ën{tens_word}"] = tens + unit
    return words


def _ordinal(n: int, cardinal: str) -> str:
    """ "eerste", "derde", "achtste", "twaalfde", "twintigste", "eenendertigste"."""
    if n >= 20:
        return cardinal + "ste"
    return _ORDINAL_EXCEPTIONS.get(n, cardinal + "de")


CARDINALS: Final = _cardinals()
DAYS: Final = {
    **{word: n for word, n in CARDINALS.items() if 1 <= n <= 31},
    **{_ordinal(n, word): n for word, n in CARDINALS.items() if 1 <= n <= 31},
}
# Longest first, so "eenentwintig" is tried before "een".
DAY_WORDS_PATTERN: Final = "|".join(sorted(DAYS, key=len, reverse=True))
_YEAR_PREFIXES: Final = (
    ("negentienhonderd", 1900, True),
    ("negentien", 1900, False),
    ("tweeduizend", 2000, True),
    ("twintig", 2000, False),
)
_JOINERS_RE: Final = re.compile(r"[\s-]+")


def day_number(word: str) -> int | None:
    """1 to 31 for a day written in words ("twaalf", "twaalfde"), else None."""
    return DAYS.get(_compact(word))


def year_number(words: str) -> int | None:
    """The year written in ``words`` ("negentien zevenentachtig" -> 1987), else None."""
    compact = _compact(words)
    for prefix, base, complete in _YEAR_PREFIXES:
        if not compact.startswith(prefix):
            continue
        rest = compact[len(prefix) :]
        if base == 2000 and rest.startswith("en") and rest[2:] in CARDINALS:
            rest = rest[2:]  # "tweeduizend en vijf"
        if rest == "":
            return base if complete else None
        rest = rest.removeprefix("honderd") if not complete and base == 1900 else rest
        value = CARDINALS.get(rest)
        if value is not None and value < 100:
            return base + value
    return None


def _compact(words: str) -> str:
    return _JOINERS_RE.sub("", normalise(words))
