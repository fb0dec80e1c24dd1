"""Read household facts from what a resident typed, in their own Dutch words.

"ongeveer 1400 netto", "tweeduizend", "€ 1.850,50", "ik ben vierendertig", "2 kinderen van 3 en
7", "nee ik heb twee kinderen", "weet ik niet". Number words are turned into digits by text2num;
digits with Dutch separators are read here. Every function returns None when the text does not
answer the question, so the dialogue can ask again and say what it expects.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from text_to_num import alpha2digit

DONT_KNOW = re.compile(
    r"\b(weet\s+(ik\s+)?(het\s+)?nie[ts]?|geen\s+idee|geen\s+flauw\s+idee|onbekend|"
    r"weet\s+niet|geen\s+benul|overslaan|sla\s+(deze\s+)?(vraag\s+)?over|unknown)\b"
)
_YES = re.compile(r"^\s*(ja+|jawel|jazeker|jao|jep|yes|klopt|zeker|inderdaad|ok[eé]?)\b")
_NO = re.compile(r"^\s*(nee+|neen|nae|nope|no|niet|geen|helaas\s+niet)\b")
# An amount: "1.850,50", "1850,50", "25.000", "1400", "1.5" is not an amount here.
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?)(?![\d.,]*\d)")
_INTEGER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,]*\d)")
# Small number words text2num leaves alone on their own ("twee" stays "twee").
_SMALL = {
    "geen": 0,
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
_RENT = re.compile(r"\b(huur\w*|huren)\b")
_OWNER = re.compile(r"\b(koop\w*|eigen\s+(huis|woning)|hypotheek|gekocht)\b")
_OTHER_HOUSING = re.compile(
    r"\b(inwonend|bij\s+mijn\s+(ouders|moeder|vader|familie)|anders|dakloos|opvang)\b"
)
_CHILD = re.compile(r"\b(kind|kinderen|kids|kindje[s]?|zoon|zoontje|dochter|dochtertje|baby)\b")
_PARTNER_YES = re.compile(
    r"\b(getrouwd|samenwonend|samen\s*wonen|met\s+(mijn\s+)?partner|mijn\s+(man|vrouw|vriend|vriendin|partner))\b"
)
_PARTNER_NO = re.compile(
    r"\b(alleenstaand|alleen(?!\s+maar)|geen\s+partner|gescheiden|single|weduwe|weduwnaar)\b"
)
_YEARLY = re.compile(r"\b(per\s+jaar|p/?j|jaarlijks|bruto|jaarinkomen|in\s+een\s+jaar)\b")
_MONTHLY = re.compile(r"\b(per\s+maand|p/?m|netto|maandelijks|in\s+de\s+maand|maandinkomen)\b")


def normalise(text: str) -> str:
    """Lower case, number words as digits, the euro sign and 'euro' removed."""
    lowered = text.lower().replace("€", " ").replace("euro", " ")
    # text2num raises on a few odd inputs; then the words simply stay words.
    with contextlib.suppress(Exception):
        lowered = alpha2digit(lowered, "nl")
    words = [str(_SMALL[w]) if w in _SMALL and w != "geen" else w for w in lowered.split()]
    return " ".join(words)


def _to_number(token: str) -> float:
    if "," in token:
        return float(token.replace(".", "").replace(",", "."))
    return float(token.replace(".", ""))


def is_dont_know(text: str) -> bool:
    return bool(DONT_KNOW.search(text.lower()))


def parse_yes_no(text: str) -> bool | None:
    lowered = text.lower()
    if _YES.search(lowered):
        return True
    if _NO.search(lowered):
        return False
    return None


def parse_amount(text: str) -> float | None:
    """The first amount of money in the text, in euro."""
    match = _AMOUNT.search(normalise(text))
    if not match:
        return None
    amount = _to_number(match.group(1))
    rest = normalise(text)[match.end() :].lstrip()
    if rest.startswith(("k ", "k\n")) or rest == "k" or re.match(r"duizend\b", rest):
        amount *= 1000
    return amount


def parse_age(text: str) -> int | None:
    match = _INTEGER.search(normalise(text))
    if not match:
        return None
    age = int(match.group(0))
    return age if 0 <= age <= 120 else None


def parse_count(text: str) -> int | None:
    normalised = normalise(text)
    if re.search(r"\b(geen|niemand|nee)\b", normalised):
        return 0
    match = _INTEGER.search(normalised)
    return int(match.group(0)) if match else None


def parse_children(text: str) -> list[dict[str, int]] | None:
    """Ages of the children: "4 en 9", "2 kinderen van 3 en 7", "geen" -> []. None if unclear."""
    normalised = normalise(text)
    if re.search(r"\b(geen|nee|nae)\b", normalised) and not re.search(r"\d", normalised):
        return []
    numbers = [int(n) for n in _INTEGER.findall(normalised)]
    if not numbers:
        if re.search(r"\b(een|1)\s+(kind|baby|zoon|dochter)", normalised):
            return None  # one child, age not given: ask for it
        return None
    count_first = re.match(r"^\D*?(\d+)\s+(kind|kinderen|kids|zoons?|dochters?)", normalised)
    if count_first and len(numbers) > 1 and numbers[0] == len(numbers) - 1:
        numbers = numbers[1:]  # "2 kinderen van 3 en 7": the first number is the count
    elif count_first and len(numbers) == 1:
        return None  # "2 kinderen": how old are they?
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
    if _PARTNER_NO.search(lowered) or re.search(r"\bgeen\s+(man|vrouw|vriend)", lowered):
        return False
    if _PARTNER_YES.search(lowered):
        return True
    return parse_yes_no(lowered)


def parse_for_kind(kind: str, text: str) -> Any:
    """Parse an answer to a question of ``answer_kind``; None when it does not answer it."""
    if kind == "yes_no":
        return parse_yes_no(text)
    if kind == "age":
        return parse_age(text)
    if kind in ("number", "months"):
        if kind == "months":
            years = re.search(r"(\d+)\s*jaar", normalise(text))
            if years:
                return int(years.group(1)) * 12
        return parse_count(text)
    if kind in ("money", "money_month", "money_year"):
        return parse_amount(text)
    if kind == "children":
        return parse_children(text)
    return None


def mentioned_facts(text: str) -> dict[str, Any]:
    """Facts the resident states on their own, also outside the question asked (corrections).

    Only clear statements count: "ik ben 34", "ik heb twee kinderen van 3 en 7", "ik huur",
    "mijn huur is 650", "1400 netto", "25.000 bruto per jaar", "ik ben alleenstaand".
    """
    lowered = normalise(text)
    facts: dict[str, Any] = {}
    age = re.search(r"\bik\s+ben\s+(\d{1,3})(\s+jaar)?\b", lowered) or re.search(
        r"\b(\d{1,3})\s+jaar\s+oud\b", lowered
    )
    if age and 0 < int(age.group(1)) <= 120:
        facts["age"] = int(age.group(1))
    if _CHILD.search(lowered):
        children = parse_children(lowered)
        if children is not None:
            facts["children"] = children
    partner = None
    if _PARTNER_NO.search(lowered) or _PARTNER_YES.search(lowered):
        partner = parse_partner(lowered)
    if partner is not None:
        facts["has_partner"] = partner
    rent = re.search(r"\bhuur\s+(is\s+|van\s+|betaal\s+ik\s+)?(ongeveer\s+)?([\d.,]+)", lowered)
    if rent:
        facts["rent"] = _to_number(rent.group(3))
    housing = parse_housing(lowered)
    if housing and re.search(
        r"\b(ik|wij|we)\s+(huur|huren|heb\w*\s+een\s+koop|wonen\s+in)", lowered
    ):
        facts["housing"] = housing
    elif rent:
        facts["housing"] = "rent"
    amount = parse_amount(lowered) if not rent else None
    if amount is not None and "age" not in facts:
        if _YEARLY.search(lowered):
            facts["annual_income"] = amount
        elif _MONTHLY.search(lowered):
            facts["net_monthly_income"] = amount
    return facts
