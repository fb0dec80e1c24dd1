"""E-mail addresses and phone numbers.

Phone numbers are found and validated by phonenumbers (Google's libphonenumber metadata) with NL
as the default region: "06-12345678", "+31 6 1234 5678", "0031 6 ...", "045-5605060", "+32 ...".
Service numbers (0800, 0900, 14 045) belong to organisations and are kept.
"""

from __future__ import annotations

import re
from typing import Final

import phonenumbers
from phonenumbers import Leniency, PhoneNumberType

from ._model import PiiType, Span

_EMAIL_RE: Final = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:@|\s?[\[(]at[\])]\s?)[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"
)
_SERVICE_NUMBERS: Final = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
    }
)
_REGION: Final = "NL"


def find_emails(text: str) -> list[Span]:
    """E-mail addresses, also written as "naam [at] domein.nl"."""
    return [Span(m.start(), m.end(), PiiType.EMAIL) for m in _EMAIL_RE.finditer(text)]


def find_phones(text: str) -> list[Span]:
    """Valid Dutch and international phone numbers, except service numbers."""
    return [
        Span(match.start, match.end, PiiType.TELEFOON)
        for match in phonenumbers.PhoneNumberMatcher(text, _REGION, leniency=Leniency.VALID)
        if phonenumbers.number_type(match.number) not in _SERVICE_NUMBERS
    ]
