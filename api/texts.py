"""Resident-facing Dutch texts of the API, from ``api/texts.nl.yml`` in the live content root
(``benefits_rules.texts``: a published version is picked up without a restart)."""

from __future__ import annotations

from typing import Any

from benefits_rules.texts import live_plain_texts

TEXTS_FILE = "api/texts.nl.yml"


def text(key: str, **values: Any) -> str:
    """The Dutch text ``key`` with ``{placeholders}`` filled in."""
    return live_plain_texts(TEXTS_FILE)[key].format(**values)
