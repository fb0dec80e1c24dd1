"""Numbers with a checksum: the BSN (11-check) and the IBAN (ISO 7064 mod 97-10).

Only numbers that pass their check are removed, so amounts and other nine-digit numbers stay.
The checks are python-stdnum's.
"""

from __future__ import annotations

import re
from typing import Final

from stdnum import iban
from stdnum.nl import bsn

from ._model import PiiType, Span

# Nine digits, or the usual groupings with spaces, dots or dashes: 123456782, 1234.56.782,
# 123 456 782, 12 34 56 782.
_BSN_RE: Final = re.compile(
    r"(?<![\w.,€+-])"
    r"(\d{9}|\d{4}([ .-])\d{2}\2\d{3}|\d{3}([ .-])\d{3}\3\d{3}|\d{2}([ .-])\d{2}\4\d{2}\4\d{3})"
    r"(?![\w]|[.,]\d)"
)
_MONEY_AROUND_RE: Final = re.compile(r"(?:€|eur|euro)\s*$", re.IGNORECASE)
_MONEY_AFTER_RE: Final = re.compile(r"\s*(?:€|euro|eur\b|,-)", re.IGNORECASE)

# Two letters, two check digits, then 11 to 30 letters or digits, optionally in groups of four.
_IBAN_RE: Final = re.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}")


def find_bsns(text: str) -> list[Span]:
    """Nine-digit numbers that pass the BSN 11-check, not written as an amount."""
    spans = []
    for match in _BSN_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if not bsn.is_valid(digits):
            continue
        before = text[max(0, match.start() - 6) : match.start()]
        if _MONEY_AROUND_RE.search(before) or _MONEY_AFTER_RE.match(text, match.end()):
            continue
        spans.append(Span(match.start(), match.end(), PiiType.BSN))
    return spans


def find_ibans(text: str) -> list[Span]:
    """IBANs of any country, with or without spaces, in any case, that pass the checksum."""
    spans = []
    pos = 0
    while (match := _IBAN_RE.search(text, pos)) is not None:
        end = _longest_valid_iban_end(text, match.start(), match.end())
        if end is None:
            pos = match.start() + 1
            continue
        spans.append(Span(match.start(), end, PiiType.IBAN))
        pos = end
    return spans


def _longest_valid_iban_end(text: str, start: int, end: int) -> int | None:
    # The pattern also swallows a following word ("NL91 ABNA 0417 1643 00 graag"), so try each
    # end at a word boundary, longest first.
    for stop in range(end, start + 14, -1):
        if stop < len(text) and text[stop].isalnum():
            continue
        if text[stop - 1] == " ":
            continue
        if iban.is_valid(text[start:stop]):
            return stop
    return None
