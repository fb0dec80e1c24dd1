"""Resident-facing Dutch texts of the API, loaded from ``texts.nl.yml`` (benefits_rules.texts)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from benefits_rules.texts import load_plain_texts

TEXTS_FILE = Path(__file__).with_name("texts.nl.yml")


@lru_cache(maxsize=1)
def _texts() -> dict[str, str]:
    return load_plain_texts(TEXTS_FILE)


def text(key: str, **values: Any) -> str:
    """The Dutch text ``key`` with ``{placeholders}`` filled in."""
    return _texts()[key].format(**values)
