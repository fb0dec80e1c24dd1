"""The municipality the API serves: its one file in benefits_rules' data, read and validated there.

``benefits_rules`` owns the file (``data/municipalities/<key>/municipality.yaml``) and its
schema; the API only picks which municipality (``RONDKOMEN_MUNICIPALITY``, by default the one
``data/deployment.yaml`` names) and turns a missing or broken file into one error type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from benefits_rules import Municipality, RuleDataError, UnknownMunicipality, load_municipality

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# The API's name for it: name, phone, office hours, privacy page, local contacts and schemes.
MunicipalityConfig = Municipality


class MunicipalityConfigError(ValueError):
    """A municipality file is missing or invalid; the message names the file and the field."""


def municipality_config(key: str | None, rules_dir: Path | None = None) -> MunicipalityConfig:
    """The validated municipality ``key`` (None: the installation's default)."""
    try:
        return load_municipality(key, rules_dir)
    except (RuleDataError, UnknownMunicipality) as exc:
        raise MunicipalityConfigError(str(exc)) from exc
