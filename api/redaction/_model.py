"""The kinds of personal data, a found piece of text, and the result handed to the API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum


class PiiType(str, Enum):
    """A kind of personal data; the value is the word inside the placeholder."""

    BSN = "BSN"
    IBAN = "IBAN"
    TELEFOON = "TELEFOON"
    EMAIL = "EMAIL"
    ADRES = "ADRES"
    DATUM = "DATUM"
    NAAM = "NAAM"
    NUMMER = "NUMMER"  # a customer, case, invoice or reference number named as such
    KENTEKEN = "KENTEKEN"  # a Dutch licence plate

    @property
    def placeholder(self) -> str:
        """The text put in place of the data, e.g. ``[BSN]``."""
        return f"[{self.value}]"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of personal data at ``text[start:end]``."""

    start: int
    end: int
    kind: PiiType

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Redaction:
    """A message with its personal data replaced by typed placeholders.

    ``found`` counts the replaced pieces per kind; it holds no values, and the original text is
    not kept anywhere.
    """

    text: str
    found: Mapping[PiiType, int]

    @property
    def redacted(self) -> bool:
        """Whether anything was removed (the bot then tells the resident, once)."""
        return bool(self.found)
