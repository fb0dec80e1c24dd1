"""Phone numbers and postcodes the service itself gives residents: these are never removed.

When the bot says "Bel Geldfit op 0800-8115" or a municipality file lists the office's phone number
and postcode, a resident repeating that number ("ik heb 0800-8115 al gebeld") shares no personal
data, and the bot needs to see which organisation they mean. The list is not kept by hand: it is
read from the texts the bot and the API send (the Rasa domain, the action server's texts, the
API's texts and the municipality files), so a number added to a bot text is kept from then on.

A text file that is not there (the API's Docker image carries no Rasa domain) adds nothing: its
numbers are then removed like any other, which errs on the safe side.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import yaml

from ._contact import phone_numbers

ROOT: Final = Path(__file__).resolve().parents[2]
# The files whose strings residents read, relative to the repository root.
SOURCES: Final = (
    "benefits_rules/data/municipalities/*/municipality.yaml",
    "api/texts.nl.yml",
    "actions/texts.nl.yml",
    "bot/domain/*.yml",
    "bot/domain.yml",
)
_POSTCODE_RE: Final = re.compile(r"(?<![\w€])([1-9]\d{3})\s?([A-Z]{2})(?![\w])")


@dataclass(frozen=True, slots=True)
class PublicNumbers:
    """Phone keys (see :class:`._contact.Phone`) and postcodes ("6411NE") of organisations."""

    phones: frozenset[str]
    postcodes: frozenset[str]


@cache
def public_numbers(root: Path = ROOT) -> PublicNumbers:
    """The phone numbers and postcodes in the texts the service sends, read once per process."""
    phones: set[str] = set()
    postcodes: set[str] = set()
    for text in _texts(root):
        phones.update(phone.key for phone in phone_numbers(text))
        postcodes.update(m.group(1) + m.group(2) for m in _POSTCODE_RE.finditer(text))
    return PublicNumbers(frozenset(phones), frozenset(postcodes))


def _texts(root: Path) -> Iterator[str]:
    for pattern in SOURCES:
        for path in sorted(root.glob(pattern)):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            yield from _strings(data)


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
