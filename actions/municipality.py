"""The municipality settings the bot's answers need (phone number, name), from the shared YAML."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = PROJECT_ROOT / "api" / "municipalities"


@lru_cache(maxsize=8)
def municipality_settings(key: str | None = None) -> dict[str, Any]:
    """The settings of the configured municipality (``RONDKOMEN_MUNICIPALITY``, default heerlen)."""
    key = key or os.environ.get("RONDKOMEN_MUNICIPALITY", "heerlen")
    directory = Path(os.environ.get("RONDKOMEN_MUNICIPALITIES_DIR", DEFAULT_DIR))
    path = directory / f"{key}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("phone"), str):
        raise ValueError(f"{path}: field 'phone' is missing")
    return data


def municipality_key() -> str:
    """The municipality this deployment serves."""
    return os.environ.get("RONDKOMEN_MUNICIPALITY", "heerlen")
