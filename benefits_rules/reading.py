"""Read what a resident typed, in their own Dutch words: the one parser both runtimes use.

"ongeveer dertienhonderd netto", "€ 1.850,50", "zo'n 22k per jaar", "720 euro per maand",
"niks", "weet ik niet", "ik ben vierendertig", "2 kinderen van 3 en 7". Number words become
digits through text2num; Dutch separators are read here. Every reader returns None when the
text does not clearly say it: the chat then asks again instead of guessing.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Literal

from text_to_num import alpha2digit

Period = Literal["month", "year", "week", "four_weeks"]
Basis = Literal["net", "gross"]

_DONT_KNOW = re.compile(
    r"\b(weet\s+(ik\s+)?(het\s+)?(echt\s+)?nie[ts]?|geen\s+(flauw\s+)?idee|onbekend|weetniet|"
    r"wet\s+ik\s+niet|geen\s+benul|overslaan|sla\s+(deze\s+)?(vraag\s+)?over|unknown|"
    r"ik\s+weet\s+het\s+niet|don'?t\s+know)\b"
)
_YES = re.compile(
    r"^\s*(ja+|jawel|jazeker|jaja|jao|jep|jup|yes|klopt|zeker|inderdaad|ok[eé]?|okay|"
    r"correct|dat\s+klopt|true|j)\b"
)
_NO = re.compile(r"^\s*(nee+|neen|nae|nein|nope|no|niet|geen|helaas\s+niet|klopt\s+niet|false|n)\b")
# An amount: "1.850,50", "1850,50", "25.000", "1400", "1850.50"; optionally "22k"/"22 duizend".
_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d.,]*\d)"
)
_NOT_MONEY = re.compile(
    r"\s*(jaar|jr|jaren|maand|maanden|mnd|week|weken|dag|dagen|kind\w*|keer|uur|%|procent|"
    r"mensen|personen|kids|zoons?|dochters?)\b"
)
_INTEGER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,]*\d)")
_NOTHING = re.compile(r"^\s*(niks|niets|nul|geen(\s+\w+)?|0|helemaal\s+niks|nada)\s*[.!]?\s*$")
# Small number words text2num leaves alone on their own ("twee" stays "twee").
_SMALL = {
    "nul": 0,
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
}
_PERIODS: tuple[tuple[Period, re.Pattern[str]], ...] = (
    ("four_weeks", re.compile(r"\b(per\s+4\s+weken|4[-\s]?wekelijks)\b")),
    ("week", re.compile(r"\b(per\s+week|p/?w|wekelijks|in\s+de\s+week)\b")),
    (
        "year",
        re.compile(
            r"(\b(per|a|in\s+een|op)\s*(jaar|jr)\b|\bp/?j\b|/\s*(jaar|jr)\b|\bjaarlijks|"
            r"\bjaarinkomen|\bjaarbasis|\bjaarsalaris|\bper\s+year\b)"
        ),
    ),
    (
        "month",
        re.compile(
            r"(\bper\s*(maand|mnd|mn)\b|\bp/?m\b|/\s*(maand|mnd|mn)\b|\bmaandelijks|"
            r"\bin\s+de\s+maand|\bmaandinkomen|\bmaandsalaris|\bper\s+month\b|\bpm\b)"
        ),
    ),
)
_NET = re.compile(r"\b(netto|na\s+(aftrek\s+van\s+)?belasting|schoon|in\s+handen|netto)\b")
_GROSS = re.compile(r"\b(bruto|voor\s+(aftrek\s+van\s+)?belasting|brutto)\b")
_RENT = re.compile(r"\b(huur\w*|huren)\b")
_OWNER = re.compile(r"\b(koop\w*|eigen\s+(huis|woning)|hypotheek|gekocht)\b")
_OTHER_HOUSING = re.compile(
    r"\b(inwonend|bij\s+(mijn\s+)?(ouders|moeder|vader|familie|vrienden)|anders|dakloos|opvang|"
    r"antikraak|woonwagen|kamer\s+bij)\b"
)
CHILD_WORDS = re.compile(
    r"\b(kind|kinderen|kids|kindje[s]?|zoon|zoons|zoontje|dochter|dochters|dochtertje|baby|"
    r"kinders|kindere|kinderne)\b"
)
PARTNER_YES = re.compile(
    r"\b(getrouwd|samenwonend|samenwonen|samen\s*wonen|geregistreerd\s+partner|"
    r"met\s+(mijn\s+)?partner|mijn\s+(man|vrouw|vriend|vriendin|partner))\b"
)
PARTNER_NO = re.compile(
    r"\b(alleenstaand\w*|alleen(?!\s+maar)|geen\s+partner|gescheiden|single|weduwe|weduwnaar|"
    r"vrijgezel|geen\s+(man|vrouw|vriend|vriendin))\b"
)


def normalise(text: str) -> str:
    """Lower case, number words as digits, the euro sign and 'euro' removed."""
    lowered = text.lower().replace("€", " ").replace("’", "'")
    lowered = re.sub(r"\b(euro'?s?|eur)\b", " ", lowered)
    lowered = re.sub(r"\b(een|1)\s+ton\b", "100000", lowered)
    # text2num raises on a few odd inputs; then the words simply stay words.
    with contextlib.suppress(Exception):
        lowered = alpha2digit(lowered, "nl")
    # "22k", "50 duizend" (text2num makes that "50 1000"): thousands.
    lowered = re.sub(
        r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)(?:\s*(?:k|duizend|mille)|\s+1000)\b",
        lambda m: _thousands(m.group(1)),
        lowered,
    )
    words = [str(_SMALL[w]) if w in _SMALL else w for w in lowered.split()]
    return " ".join(words)


def _thousands(token: str) -> str:
    value = float(token.replace(",", ".")) * 1000
    return str(int(value)) if value.is_integer() else str(value)


def to_number(token: str) -> float:
    """Dutch or plain notation: '40.857' -> 40857, '1.234,56' -> 1234.56, '12.5' -> 12.5."""
    cleaned = token.strip().replace(" ", "")
    if "," in cleaned:
        return float(cleaned.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        return float(cleaned.replace(".", ""))
    return float(cleaned)


def is_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(text.lower()))


def parse_yes_no(text: str) -> bool | None:
    lowered = text.lower().strip()
    if re.match(r"^\s*klopt\s+niet\b", lowered):
        return False
    if _YES.search(lowered):
        return True
    if _NO.search(lowered):
        return False
    return None


@dataclass(frozen=True, slots=True)
class Money:
    """An amount as typed: euros, and the period and net/gross basis when the resident said so.
    ``high`` is set for a band ("tussen 1200 en 1400")."""

    euro: float
    period: Period | None = None
    basis: Basis | None = None
    high: float | None = None


def _period(normalised: str) -> Period | None:
    for period, pattern in _PERIODS:
        if pattern.search(normalised):
            return period
    return None


def _basis(normalised: str) -> Basis | None:
    if _GROSS.search(normalised):
        return "gross"
    if _NET.search(normalised):
        return "net"
    return None


def amounts(normalised: str) -> list[tuple[float, int, int]]:
    """Every amount in normalised text, with where it stands: (euros, start, end)."""
    found = []
    for match in _AMOUNT.finditer(normalised):
        if _NOT_MONEY.match(normalised, match.end()):
            continue  # "2 jaar", "3 kinderen": a number, but not an amount of money
        value = to_number(match.group(1))
        found.append((value, match.start(), match.end()))
    return found


def read_money(text: str) -> Money | None:
    """The one amount of money in the text. None when there is none, or more than one and it
    is not a band: the chat then asks which amount is meant instead of picking one."""
    normalised = normalise(text)
    period, basis = _period(normalised), _basis(normalised)
    nothing = _NOTHING.match(normalised) or re.search(r"\b(niks|niets)\b", normalised)
    if nothing and not re.search(r"\d", normalised.replace(" 0", "")):
        return Money(0.0, period, basis)
    found = [value for value, _, _ in amounts(normalised)]
    if len(found) == 2 and re.search(r"(tussen|\d\s*(-|tot|à|a)\s*\d)", normalised):
        low, high = sorted(found)
        return Money(low, period, basis, high)
    if len(set(found)) != 1:
        return None
    return Money(found[0], period, basis)


def parse_age(text: str) -> int | None:
    """An age in years; None when no whole number (or several different ones) is given."""
    normalised = normalise(text)
    stated = re.search(r"\b(?:ben|word|werd)\s+(\d{1,3})\b|\b(\d{1,3})\s*(?:jaar|jr)\b", normalised)
    if stated:
        return int(stated.group(1) or stated.group(2))
    numbers = {int(n) for n in _INTEGER.findall(normalised)}
    return numbers.pop() if len(numbers) == 1 else None


def parse_count(text: str) -> int | None:
    normalised = normalise(text)
    if re.search(r"\b(geen|niemand|nee|niet|alleen)\b", normalised) and not re.search(
        r"\d", normalised
    ):
        return 0
    numbers = {int(n) for n in _INTEGER.findall(normalised)}
    return numbers.pop() if len(numbers) == 1 else None


def parse_duration(text: str) -> tuple[int, str | None] | None:
    """A duration: (number, unit) where unit is "year", "month" or None when not said."""
    normalised = normalise(text)
    match = re.search(r"(\d+(?:[.,]5)?)\s*(jaar|jaren|jr|maand|maanden|mnd)\b", normalised)
    if match:
        number = to_number(match.group(1))
        if match.group(2).startswith(("jaar", "jr")):
            return round(number * 12), "month"
        return round(number), "month"
    if re.search(r"\banderhalf\s+jaar\b", normalised):
        return 18, "month"
    if re.search(r"\b(half\s+jaar|halfjaar)\b", normalised):
        return 6, "month"
    if re.search(r"\b(een|1)\s+jaar\b", normalised):
        return 12, "month"
    numbers = {int(n) for n in _INTEGER.findall(normalised)}
    if len(numbers) == 1:
        return numbers.pop(), None
    return None


def child_count(text: str) -> int | None:
    """How many children the text says there are ("moeder van 2 kinderen"), ages or not."""
    normalised = normalise(text)
    if re.search(r"\bgeen\s+(kind|kinderen|kids)\b", normalised):
        return 0
    match = re.search(
        r"\b(\d{1,2})\s+(kind|kinderen|kids|kindjes|kinders|zoons?|dochters?|jongens|meiden)\b",
        normalised,
    )
    if match:
        return int(match.group(1))
    if re.search(r"\b(een|1)\s+(kind|kindje|zoon|zoontje|dochter|dochtertje|baby)\b", normalised):
        return 1
    return None


_CHILD_PHRASE = re.compile(
    r"\b(?:(\d{1,2})\s+)?(kind|kinderen|kids|kindje|kindjes|kinders|zoon|zoons|zoontje|dochter|"
    r"dochters|dochtertje|baby|jongens|meiden)\b"
)
_AGE_LIST_FILLER = {"van", "zijn", "is", "en", "jaar", "oud", "de", "of", "&", "and", "resp"}


def _ages_after(normalised: str, start: int) -> list[int]:
    """The ages listed right after a child word: "kinderen van 3 en 7 jaar, ..." -> [3, 7]."""
    ages: list[int] = []
    for token in re.findall(r"\d+|[a-z&]+|[^\s\w]", normalised[start:]):
        if token.isdigit():
            ages.append(int(token))
        elif token in _AGE_LIST_FILLER or (token == "," and ages):
            continue
        elif ages or token not in ("(", ":", "-"):
            break
    return ages


def parse_children(text: str) -> list[dict[str, int]] | None:
    """Ages of the children: "4 en 9", "2 kinderen van 3 en 7", "geen" -> []. None if unclear
    (also when only the number of children is given: then the ages are asked)."""
    normalised = normalise(text)
    if re.search(r"\b(geen|nee|nae|niet)\b", normalised) and not re.search(r"\d", normalised):
        return []
    count = child_count(text)
    phrase = _CHILD_PHRASE.search(normalised)
    if phrase is not None:
        numbers = _ages_after(normalised, phrase.end())
    else:
        numbers = [int(n) for n in _INTEGER.findall(normalised)]
    if not numbers or (count is not None and len(numbers) != count):
        return None
    if any(n > 25 for n in numbers):
        return None
    return [{"age": n} for n in numbers if n < 18]


def parse_housing(text: str) -> str | None:
    lowered = text.lower()
    if _OWNER.search(lowered):
        return "owner"
    if _RENT.search(lowered):
        return "rent"
    if _OTHER_HOUSING.search(lowered):
        return "other"
    return None


def parse_partner(text: str) -> bool | None:
    lowered = text.lower()
    if PARTNER_NO.search(lowered):
        return False
    if PARTNER_YES.search(lowered):
        return True
    return parse_yes_no(lowered)
