"""E-mail addresses and phone numbers, found by their shape, never by whether they exist.

A phone number is a run of digits, maybe grouped by spaces, dashes, dots, slashes or brackets,
that has the length of one: ten digits from a "0" ("06-12345678", "(045) 560 50 60"), nine after
"+31" or "0031" with or without "(0)" ("+31612345678", "0031 6 1234 5678"), 8 to 15 digits after
another "+" or "00" country code. Whether the range is issued does not matter: a number that is not
issued yet is still somebody's tomorrow, and a typo in a real number is still that number.

Kept: service numbers, which belong to organisations by the numbering plan (0800, 0900, 0906 and
0909 numbers), and every number the bot itself gives residents (see :mod:`._public`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from ._model import PiiType, Span

# "@" (the full-width and small forms are "@" after normalisation), or "at" in brackets or
# spelled out between the two halves; the domain needs a dot and a top-level domain.
_EMAIL_RE: Final = re.compile(
    r"(?<![\w.+-])[\w.+-]+"
    r"(?:\s?@\s?|\s?[\[({]\s?(?:at|apenstaartje)\s?[\])}]\s?|\s(?:at|apenstaartje)\s)"
    r"[\w-]+(?:(?:\.|\s?[\[({]\s?(?:dot|punt)\s?[\])}]\s?)[\w-]+)*"
    r"(?:\.|\s?[\[({]\s?(?:dot|punt)\s?[\])}]\s?)[A-Za-z]{2,}(?![\w-])",
    re.IGNORECASE,
)
# A run of digit groups with at most three separators between groups ("06 - 1234"); "+" or "("
# may open it, and letters may stand right before it ("tel0612345678").
_RUN_RE: Final = re.compile(
    r"(?<![\d@+_])\+?\s?\(?\s?\+?\d+\)?(?:(?:[ \t./-]{1,3}|(?<=\)))\(?\d+\)?)*"
)
_GROUP_RE: Final = re.compile(r"\d+")
# A date at the start of a run ("01-02-2024 10 uur"): a four-digit year, or a two-digit year the
# run does not continue after in the same way ("06.12.20.30.40" is a phone number).
_DATE_START_RE: Final = re.compile(
    r"(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1(?:\d{4}(?!\d)|\d{2}(?![-/.]?\d))"
)
_SERVICE_RE: Final = re.compile(r"0(?:800|90[069])(?:\d{4}|\d{7})")
NATIONAL_DIGITS: Final = 10
NL_SUBSCRIBER_DIGITS: Final = 9
_MOBILE_TYPO_DIGITS: Final = (NATIONAL_DIGITS - 1, NATIONAL_DIGITS + 1)
_INTERNATIONAL_DIGITS: Final = range(8, 16)


@dataclass(frozen=True, slots=True)
class Phone:
    """A phone number at ``text[start:end]``; ``key`` is the same for every way of writing it
    ("0455605060" for "045-5605060" and "+31 45 560 50 60")."""

    start: int
    end: int
    key: str

    @property
    def service(self) -> bool:
        return _SERVICE_RE.fullmatch(self.key) is not None


def find_emails(text: str) -> list[Span]:
    """E-mail addresses, also written as "naam [at] domein.nl" or "naam @ domein punt nl"."""
    return [Span(m.start(), m.end(), PiiType.EMAIL) for m in _EMAIL_RE.finditer(text)]


def find_phones(text: str, public: frozenset[str] = frozenset()) -> list[Span]:
    """Everything shaped like a phone number, except service numbers and the numbers in
    ``public`` (keys, see :class:`Phone`)."""
    return [
        Span(phone.start, phone.end, PiiType.TELEFOON)
        for phone in phone_numbers(text)
        if not phone.service and phone.key not in public
    ]


def phone_numbers(text: str) -> Iterator[Phone]:
    """Every piece of ``text`` shaped like a phone number, service numbers included."""
    for run in _RUN_RE.finditer(text):
        groups = [(m.start(), m.end()) for m in _GROUP_RE.finditer(text, run.start(), run.end())]
        i = 0
        while i < len(groups):
            found = _phone_from(text, run.start(), groups, i)
            if found is None:
                i += 1
                continue
            last, key = found
            start = _opening(text, run.start(), groups[i][0])
            yield Phone(start, _closing(text, start, groups[last][1]), key)
            i = last + 1


def _phone_from(
    text: str, run_start: int, groups: list[tuple[int, int]], i: int
) -> tuple[int, str] | None:
    """(index of the last group, key) of a phone number starting at group ``i``, or None."""
    start = groups[i][0]
    if _DATE_START_RE.match(text, start):
        return None  # "01-02-2024 10 uur" is a date and a time
    plus = "+" in text[run_start:start] and i == 0
    first = text[start : groups[i][1]]
    digits = ""
    if plus or first.startswith("00"):
        international = True
        offset = 0 if plus else 2
    elif first.startswith("0"):
        international = False
        offset = 0
    elif first.startswith("31") and len(first) == 11:  # "31612345678"
        international = True
        offset = 0
    else:
        return None
    best: tuple[int, str] | None = None
    for j in range(i, len(groups)):
        digits += text[groups[j][0] : groups[j][1]]
        number = digits[offset:]
        if not international:
            if len(number) == NATIONAL_DIGITS:
                return j, number
            if _SERVICE_RE.fullmatch(number) or (
                # a mobile number with a digit too few or too many is still that number
                number.startswith("06") and len(number) in _MOBILE_TYPO_DIGITS
            ):
                best = (j, number)
            if len(number) > NATIONAL_DIGITS + 1:
                return best
            continue
        if number.startswith("31"):
            national = number[2:]
            if national.startswith("0"):  # "+31 (0)6 ..."
                national = national[1:]
            if len(national) == NL_SUBSCRIBER_DIGITS:
                return j, "0" + national
            if len(national) > NL_SUBSCRIBER_DIGITS:
                return best
            continue
        if len(number) in _INTERNATIONAL_DIGITS:
            best = (j, "+" + number)
        elif len(number) >= _INTERNATIONAL_DIGITS.stop:
            break
    return best


def _opening(text: str, run_start: int, start: int) -> int:
    """Take a "+" or "(" written right before the first digit group into the span."""
    while start > run_start and text[start - 1] in "+( ":
        start -= 1
    while text[start] == " ":
        start += 1
    return start


def _closing(text: str, start: int, end: int) -> int:
    """Take a ")" right after the last digit into the span when the span opened one."""
    written = text[start:end]
    if written.count("(") > written.count(")") and text[end : end + 1] == ")":
        return end + 1
    return end
