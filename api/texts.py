"""Resident-facing Dutch texts of the API, loaded from ``texts.nl.yml``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

TEXTS_FILE = Path(__file__).with_name("texts.nl.yml")


@lru_cache(maxsize=1)
def _texts() -> dict[str, str]:
    raw = yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or raw.get("schema_version") != 1:
        raise ValueError(f"{TEXTS_FILE}: field 'schema_version' must be 1")
    texts = raw.get("texts")
    if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
        raise ValueError(f"{TEXTS_FILE}: field 'texts' must map keys to strings")
    return {str(k): v for k, v in texts.items()}


def text(key: str, **values: Any) -> str:
    """The Dutch text ``key`` with ``{placeholders}`` filled in."""
    return _texts()[key].format(**values)
