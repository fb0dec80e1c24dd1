"""The municipalities the API serves: one file each in benefits_rules' data, read and validated
there, read live (a publish or a rollback of the rule data shows without a restart).

``benefits_rules`` owns the files (``data/municipalities/<key>/municipality.yaml``), their
schema and the list of municipalities an installation serves (``data/deployment.yaml``). The API
picks the municipality per request: a new conversation's from the key the widget sends (only a
served one), everything bound to a conversation from the conversation's, public pages from the
key in their query (default: the installation's default).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from benefits_rules import (
    Municipality,
    RuleDataError,
    UnknownMunicipality,
    load_municipality,
    load_served,
)

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# The API's name for it: name, phone, office hours, privacy page, local contacts and schemes.
MunicipalityConfig = Municipality


class MunicipalityConfigError(ValueError):
    """A municipality file is missing or invalid; the message names the file and the field."""


class MunicipalityNotServed(LookupError):
    """A key that names no municipality this installation serves."""


def served_config(key: str | None, rules_dir: Path | None = None) -> MunicipalityConfig:
    """The served municipality ``key`` (None: the installation's default)."""
    try:
        return load_served(key, rules_dir)
    except UnknownMunicipality as exc:
        raise MunicipalityNotServed(str(exc)) from exc
    except RuleDataError as exc:
        raise MunicipalityConfigError(str(exc)) from exc


def municipality_config(key: str | None, rules_dir: Path | None = None) -> MunicipalityConfig:
    """The municipality ``key`` of a conversation or an account (None: the default).

    A key whose folder has gone since (an installation that stopped serving it) gets the
    default's facts: its phone number is still better than none.
    """
    try:
        return load_municipality(key, rules_dir)
    except UnknownMunicipality:
        return served_config(None, rules_dir)
    except RuleDataError as exc:
        raise MunicipalityConfigError(str(exc)) from exc
