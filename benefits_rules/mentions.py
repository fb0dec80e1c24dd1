"""Facts a resident states in passing: in the opener, in another answer, in a correction.

Only clear statements count, each anchored on its own words: "ik ben 34", "alleenstaande
moeder van 2 kinderen", "mijn huur is 720", "1400 netto", "50 duizend spaargeld", "2 maanden
huurachterstand", "de deurwaarder". A bare number is never filed under a fact here: which
question it answers is for the dialogue to know.
"""

from __future__ import annotations

import re
from typing import Any

from .fitting import municipality_named
from .reading import (
    CHILD_WORDS,
    Money,
    child_count,
    normalise,
    parse_children,
    read_money,
    to_number,
)

_NUM = (
    r"(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d.,]*\d)"
    r"(?!\s*(?:jaar|jr|maand|maanden|mnd|kind\w*|kids|weken|dagen|keer|%|procent)\b)"
)
_FILLER = r"(?:\s+(?:eigenlijk|nu|maar|netto|bruto|totaal|in\s+totaal|toch|wel|zelf|samen)\b)*\s*"
_ABOUT = r"(?:ongeveer|zo'?\s?n|zon|rond|circa|ca\.?|bijna|net|maar|iets\s+meer\s+dan|:)?\s*"
_LINK = r"\s*(?:is|was|van|bedraagt|betaal\s+ik|krijg\s+ik|heb\s+ik|staat|op)?\s*"
_PERIOD_WORDS = r"\s*(?:per\s+maand|p/?m|per\s+mnd|in\s+de\s+maand|per\s+jaar|p/?j)?\s*"

_AGE = (
    re.compile(r"\bik\s+ben\s+(\d{1,3})(?:\s+(?:jaar|jr))?(?:\s+oud)?\b(?!\s*(?:maand|week|keer))"),
    re.compile(r"\b(\d{1,3})\s+(?:jaar|jr)\s+oud\b"),
    re.compile(r"\b(?:mijn\s+)?leeftijd\s*(?:is|:)?\s*(\d{1,3})\b"),
    re.compile(r"\b(?:ik\s+word|ik\s+ben\s+net)\s+(\d{1,3})\b"),
    re.compile(r"(?:^|[,.!?]\s*|\ben\s+)ben\s+(\d{1,3})\s*(?:jaar|jr)\b"),
    re.compile(r"(?:^|[.!?]\s+)ben\s+(\d{2,3})\s*(?:[.!?,]|$)"),
)
_MY = r"(?:mijn|men|m'n|mn|me)"
_PARTNER_AGE = re.compile(
    rf"\b(?:(?:zij|hij)\s+is|{_MY}\s+(?:partner|vriendin|vriend|man|vrouw)(?:\s+is)?)\s+(\d{{1,3}})\b"
    r"(?!\s*(?:maand|week|keer))"
)
# "ik heb een partner van 37", "getrouwd met een man van 45"
_PARTNER_OF_AGE = re.compile(
    r"\b(?:partner|vriendin|vriend|man|vrouw)\s+van\s+(\d{1,3})\b"
    r"(?!\s*(?:maand|week|keer|euro|jaar\s+geleden))"
)
_SINGLE = re.compile(
    r"\b(alleenstaand\w*|ik\s+woon\s+alleen|ik\s+ben\s+alleen\b|geen\s+(toeslag)?partner|gescheiden|"
    r"single|weduwe|weduwnaar|vrijgezel|ik\s+heb\s+geen\s+(man|vrouw|vriend|vriendin)|"
    r"(man|vrouw|partner)\s+is\s+(\w+\s+){0,3}overleden|"
    r"(zit|sta|ben)\s+(er\s+)?(helemaal\s+)?alleen\s+(voor|met)|alleen\s+met\s+mijn\s+\w*\s*kind\w*)\b"
)
_COUPLE = re.compile(
    r"\b(getrouwd|samenwonend|wij\s+wonen\s+samen|we\s+wonen\s+samen|geregistreerd\s+partner|"
    r"(?<!ex-)(?<!ex\s)(mijn|men|m'n|mn|met\s+mijn)\s+(man|vrouw|partner)\b|woon\w*\s+samen|"
    r"samen\s+met\s+(mijn|men|m'n|mn|me)\s+(vriend|vriendin)|"
    r"(ik\s+heb|we\s+hebben|met)\s+(een|mijn|m'n|mn)\s+toeslagpartner)"
)
_RENT = (
    re.compile(rf"\b(?:kale\s+)?huur\b{_LINK}{_ABOUT}{_NUM}{_PERIOD_WORDS}"),
    re.compile(rf"\b(?:huren|huur|huurhuis|huurwoning)\s+(?:voor|van|à|a)\s+{_ABOUT}{_NUM}"),
    re.compile(rf"{_NUM}{_PERIOD_WORDS}(?:aan\s+)?(?:kale\s+)?huur\b(?!\w)"),
)
_INCOME_WORDS = (
    r"(?:inkomen|loon|salaris|uitkering|pensioen|aow|wajong|ww-uitkering|ww|bijstand|"
    r"bijstandsuitkering)"
)
_INCOME = (
    re.compile(
        rf"\b(?:ik\s+verdien|we\s+verdienen|wij\s+verdienen|verdien\s+ik)\b{_FILLER}{_ABOUT}{_NUM}"
    ),
    re.compile(rf"\b{_INCOME_WORDS}{_FILLER}{_LINK}{_ABOUT}{_NUM}"),
    re.compile(rf"{_NUM}\s*(?:netto|bruto)?{_PERIOD_WORDS}(?:aan\s+)?{_INCOME_WORDS}\b"),
    re.compile(rf"{_NUM}{_PERIOD_WORDS}(?:netto|bruto)\b"),
    re.compile(
        rf"\b(?:netto|bruto)\b(?:\s+(?:komt|er|is|heb|hebben|ik|we|krijg|krijgen|per|maand)){{0,4}}\s*{_ABOUT}{_NUM}"
    ),
    re.compile(rf"\bkomt\s+er\s+(?:\w+\s+){{0,2}}?{_ABOUT}{_NUM}(?:\s+\w+){{0,2}}\s+binnen\b"),
    # "we hebben 1900 per maand", "ik krijg 1200 in de maand", "ik woon in Heerlen en heb 1200
    # per maand": money to live on, said with a period and nothing after it that makes it a cost
    # ("... aan huur", "... aan schulden")
    re.compile(
        rf"\b(?:ik|we|wij|en)\s+(?:heb|hebben|krijg|krijgen)\b{_FILLER}{_ABOUT}{_NUM}\s*(?:euro\s*)?"
        r"(?:per\s+maand|in\s+de\s+maand|per\s+mnd|p/?m)\b(?!\s*(?:aan|voor|van|schuld|huur))"
    ),
)
_ASSETS = (
    re.compile(
        rf"{_NUM}\s*(?:aan\s+|op\s+mijn\s+|op\s+de\s+)?"
        r"(?:spaargeld|gespaard|spaarrekening|op\s+de\s+bank|vermogen|bezit|spaarcenten)\b"
    ),
    re.compile(
        rf"\b(?:spaargeld|vermogen|gespaard|spaarrekening|op\s+de\s+bank|bezit){_LINK}{_ABOUT}{_NUM}"
    ),
)
_NO_ASSETS = re.compile(r"\b(geen|niks|niets|0)\s+(spaargeld|vermogen|gespaard|spaarrekening)\b")
_RENTING = re.compile(
    r"\b(ik\s+huur|wij\s+huren|we\s+huren|huurwoning|huurhuis|sociale\s+huur|huurappartement|"
    r"huurachterstand|achter\s+met\s+(de|mijn)\s+huur|huur\s+niet\s+betalen|woningcorporatie|"
    r"verhuurder|huurschuld)\b"
)
_OWNING = re.compile(r"\b(koophuis|koopwoning|eigen\s+huis|hypotheek|huis\s+gekocht)\b")
# "ik woon in Proefdorp", "wij wonen in de gemeente Heerlen", "inwoner van Heerlen": which one
# is read from the served municipalities (benefits_rules.fitting.municipality_named).
_LIVES_IN = re.compile(
    r"\b(?:(?:woon|wonen|woont)\s+(?:in|te)|inwoners?\s+van)\s+(?:de\s+gemeente\s+)?([^,.;!?]+)"
)
_BIJSTAND_YES = re.compile(
    r"\b(in\s+de\s+bijstand|bijstandsuitkering|ik\s+krijg\s+bijstand|we\s+krijgen\s+bijstand|"
    r"van\s+de\s+bijstand|bijstand\s+ontvang|(?:krijgen|ontvangen|ontvang)\s+(?:al\s+)?bijstand)\b"
)
_BIJSTAND_NO = re.compile(r"\bgeen\s+bijstand\b")
_ARREARS_MONTHS = (
    re.compile(r"\b(\d{1,2})\s+maand(?:en)?\s+(?:huur)?achter(?:stand)?\b"),
    re.compile(r"\b(\d{1,2})\s+maand(?:en)?\s+(?:de\s+|mijn\s+)?huur\s+niet\s+betaald\b"),
    re.compile(r"\b(?:huur)?achterstand\s+van\s+(\d{1,2})\s+maand"),
)
_ARREARS = re.compile(r"\b(\w*achterstand|achter\s+met\s+(de|mijn)\s+\w+|schuld\w*)\b")
_BAILIFF = re.compile(r"\b(deurwaarder\w*|beslag\w*|loonbeslag)\b")
_BENEFIT_NAMES = (
    r"(?:zorgtoeslag|huurtoeslag|kindgebonden\s+budget|kinderbijslag|kinderopvangtoeslag|"
    r"bijstand|individuele\s+inkomenstoeslag|ww|aow|wajong)\b"
)
_RECEIVED = re.compile(
    r"\b(?:(?:ik|we|wij)\s+(?:krijg|krijgen|ontvang|ontvangen|heb|hebben)|krijg|ontvang)\s+"
    r"(?:al\s+|nu\s+|ook\s+)?(?=" + _BENEFIT_NAMES + r")([^.?!;]*)"
)


def _money_after(pattern: re.Pattern[str], text: str) -> tuple[float, str] | None:
    match = pattern.search(text)
    if match is None:
        return None
    number = next(g for g in match.groups() if g is not None)
    # the words right after the amount say its period and basis ("1400 netto per maand")
    return to_number(number), text[match.start() : match.end() + 30]


def _income(text: str) -> dict[str, float]:
    for pattern in _INCOME:
        found = _money_after(pattern, text)
        if found is None:
            continue
        value, around = found
        said = read_money(around) or Money(value)
        period, basis = said.period, said.basis
        if period == "year" or (period is None and basis == "gross" and value >= 10000):
            return {"annual_income": value}
        if period == "month" and basis == "gross":
            return {"annual_income": value * 12}
        if basis == "gross":
            return {}
        return {"net_monthly_income": value}
    return {}


def mentioned_facts(text: str) -> dict[str, Any]:
    """Household facts clearly stated in the text, as household values (money in euro)."""
    lowered = normalise(text)
    facts: dict[str, Any] = {}
    for pattern in _AGE:
        age = pattern.search(lowered)
        if age and 16 <= int(age.group(1)) <= 110:
            facts["age"] = int(age.group(1))
            break
    partner_age = _PARTNER_AGE.search(lowered) or _PARTNER_OF_AGE.search(lowered)
    if _SINGLE.search(lowered) or re.search(r"\balleenstaande\s+(moeder|vader|ouder)", lowered):
        facts["has_partner"] = False
    elif _COUPLE.search(lowered) or partner_age:
        facts["has_partner"] = True
    if partner_age and 16 <= int(partner_age.group(1)) <= 110 and facts["has_partner"]:
        facts["partner_age"] = int(partner_age.group(1))
    if CHILD_WORDS.search(lowered):
        children = parse_children(lowered)
        if children is not None and (children or child_count(lowered) == 0):
            facts["children"] = children
        elif child_count(lowered) == 0:
            facts["children"] = []
    for pattern in _RENT:
        rent = _money_after(pattern, lowered)
        if rent is not None:
            facts["rent"] = rent[0]
            facts["housing"] = "rent"
            break
    if "housing" not in facts:
        if _OWNING.search(lowered):
            facts["housing"] = "owner"
        elif _RENTING.search(lowered):
            facts["housing"] = "rent"
    facts.update(_income(lowered))
    if _NO_ASSETS.search(lowered):
        facts["assets"] = 0
    else:
        for pattern in _ASSETS:
            assets = _money_after(pattern, lowered)
            if assets is not None:
                facts["assets"] = assets[0]
                break
    if _BIJSTAND_NO.search(lowered):
        facts["receives_bijstand"] = False
    elif _BIJSTAND_YES.search(lowered):
        facts["receives_bijstand"] = True
    where = _LIVES_IN.search(lowered)
    if where:
        key = municipality_named(where.group(1))
        if key is not None:
            facts["municipality"] = key
    return facts


def situation_facts(text: str) -> dict[str, Any]:
    """Facts for a counsellor that are not household facts of the rules: the number of children
    when their ages are not given, arrears and their months, a bailiff, benefits received."""
    lowered = normalise(text)
    facts: dict[str, Any] = {}
    count = child_count(lowered)
    if count:
        facts["child_count"] = count
    for pattern in _ARREARS_MONTHS:
        months = pattern.search(lowered)
        if months:
            facts["arrears_months"] = int(months.group(1))
            break
    if "arrears_months" in facts or _ARREARS.search(lowered):
        facts["arrears"] = True
    if _BAILIFF.search(lowered):
        facts["bailiff"] = True
    received = sorted(
        {
            " ".join(name.split())
            for listed in _RECEIVED.findall(lowered)
            for name in re.findall(_BENEFIT_NAMES, listed)
        }
    )
    if received:
        facts["benefits_received"] = received
    return facts
