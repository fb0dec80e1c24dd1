"""Municipality settings (name, phone number, office hours) from YAML files editors maintain."""

from __future__ import annotations

from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class MunicipalityConfig(BaseModel):
    """One municipality as residents and counsellors see it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[1]
    key: str = Field(pattern="^[a-z][a-z0-9_-]*$")
    name: str
    phone: str
    phone_href: str = Field(pattern="^tel:")
    privacy_url: str
    timezone: str
    office_hours: dict[Weekday, tuple[time, time]]
    # Keep messages the bot did not understand (redacted, unlinked, at most 30 days) for the
    # editors to learn from. Off unless the municipality says so; the privacy page follows it.
    keep_not_understood: bool = False


class MunicipalityConfigError(ValueError):
    """A municipality file is missing or invalid; the message names the file and the field."""


def load_municipality(directory: Path, key: str) -> MunicipalityConfig:
    """Load and validate ``<directory>/<key>.yml``."""
    path = directory / f"{key}.yml"
    if not path.is_file():
        raise MunicipalityConfigError(f"{path}: no settings for municipality {key!r}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        config = MunicipalityConfig.model_validate(raw)
    except yaml.YAMLError as exc:
        raise MunicipalityConfigError(f"{path}: not valid YAML: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise MunicipalityConfigError(f"{path}: field {field!r}: {first['msg']}") from exc
    if config.key != key:
        raise MunicipalityConfigError(f"{path}: field 'key' is {config.key!r}, expected {key!r}")
    return config


@lru_cache(maxsize=32)
def cached_municipality(directory: Path, key: str) -> MunicipalityConfig:
    """The validated settings of one municipality, read once per process."""
    return load_municipality(directory, key)
