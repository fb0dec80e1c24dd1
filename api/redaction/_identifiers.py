"""BSNs and IBANs, found by their shape, whatever their checksum.

A checksum tells a typo from a number, not a number from personal data: "123456789" with a failing
11-check is still somebody's BSN with one digit wrong, and a slightly wrong IBAN still names an
account. So nine digits (in the usual groupings) are a BSN unless written as an amount, and two
letters of an IBAN country, two digits and the length of that country's account number (any
grouping, spaces or dashes) are an IBAN. The country lengths come from python-stdnum's copy of the
SWIFT IBAN registry.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Final

from ._model import PiiType, Span

# Nine digits, or the usual groupings with spaces, dots or dashes: 123456782, 1234.56.782,
# 123 456 782, 12 34 56 782; also glued to a word ("bsn123456782").
_BSN_RE: Final = re.compile(
    r"(?<![\d.,€+_-])"
    r"(\d{9}|\d{4}([ .-])\d{2}\2\d{3}|\d{3}([ .-])\d{3}\3\d{3}|\d{2}([ .-])\d{2}\4\d{2}\4\d{3})"
    r"(?![\w]|[.,]\d)"
)
_MONEY_AROUND_RE: Final = re.compile(r"(?:€|eur|euro)\s*$", re.IGNORECASE)
_MONEY_AFTER_RE: Final = re.compile(r"\s*(?:€|euro|eur\b|,-)", re.IGNORECASE)

# A country code, two check digits, then letters and digits in groups of any size separated by
# at most one space or dash. Upper-case country codes may stand apart from the check digits.
_IBAN_START_RE: Final = re.compile(r"(?<![\w])([A-Za-z]{2})[ .-]?(\d{2})(?=[ .-]?[A-Za-z0-9])")
_CHUNK_RE: Final = re.compile(r"[ .-]?([A-Za-z0-9]+)")
_MIN_BBAN: Final = 10
_MIN_BBAN_DIGITS: Final = 6
_MAX_BBAN: Final = 30
_BANK_CODE_MAX: Final = 4


def find_bsns(text: str) -> list[Span]:
    """Nine-digit numbers, whatever their 11-check, unless written as an amount or as part of a
    list of numbers."""
    spans = []
    for match in _BSN_RE.finditer(text):
        before = text[max(0, match.start() - 6) : match.start()]
        if _MONEY_AROUND_RE.search(before) or _MONEY_AFTER_RE.match(text, match.end()):
            continue
        written = match.group(1)
        if not written.isdigit() and _amount_or_list(text, match.start(), match.end(), written):
            continue
        spans.append(Span(match.start(), match.end(), PiiType.BSN))
    return spans


def _amount_or_list(text: str, start: int, end: int, written: str) -> bool:
    """ "125.000.000" (thousands), "100 200 300 400 500" (a list): grouped digits that are no
    BSN. A BSN ends in 000 once in a thousand; a list of figures goes on before or after."""
    if re.fullmatch(r"\d{3}\.\d{3}\.000", written):
        return True
    return bool(re.search(r"\d[ .,]$", text[max(0, start - 2) : start])) or bool(
        re.match(r"[ .]\d", text[end : end + 2])
    )


def find_ibans(text: str) -> list[Span]:
    """IBAN-shaped numbers of any registered country, in any grouping and case."""
    lengths = bban_lengths()
    spans = []
    pos = 0
    while (match := _IBAN_START_RE.search(text, pos)) is not None:
        country = match.group(1)
        needed = lengths.get(country.upper())
        separated = match.group(0)[2] in " .-"
        if needed is None or (separated and not country.isupper()):
            pos = match.start() + 1
            continue
        end = _bban_end(text, match.end(), needed)
        bban = re.sub(r"[ .-]", "", text[match.end() : end])
        if len(bban) < _MIN_BBAN or sum(c.isdigit() for c in bban) < _MIN_BBAN_DIGITS:
            pos = match.start() + 1
            continue
        spans.append(Span(match.start(), end, PiiType.IBAN))
        pos = end
    return spans


def _bban_end(text: str, pos: int, needed: int) -> int:
    """End of the account part from ``pos``: chunks until the country's length is reached.

    Only the first chunk may be letters alone (the bank code, "ABNA"); a later chunk without
    digits is a word ("… 1643 00 graag", "NL 2019 en ..."). A chunk glued to the rest is taken
    whole.
    """
    taken = 0
    end = pos
    while taken < needed and (chunk := _CHUNK_RE.match(text, end)) is not None:
        part = chunk.group(1)
        if not any(c.isdigit() for c in part) and (taken or len(part) > _BANK_CODE_MAX):
            break
        if taken + len(part) > _MAX_BBAN:
            break
        taken += len(part)
        end = chunk.end()
    return end


@cache
def bban_lengths() -> dict[str, int]:
    """Country code -> length of the account part (BBAN), from python-stdnum's IBAN registry."""
    data = resources.files("stdnum").joinpath("iban.dat").read_text(encoding="utf-8")
    lengths = {}
    for line in data.splitlines():
        match = re.match(r'([A-Z]{2}) .*bban="([^"]+)"', line)
        if match:
            lengths[match.group(1)] = sum(int(n) for n in re.findall(r"(\d+)!", match.group(2)))
    return lengths
