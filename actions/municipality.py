"""The municipality the bot serves: its one file in benefits_rules' data (phone, contacts, schemes).

``RONDKOMEN_MUNICIPALITY`` picks it, as for the API; without it, the one benefits_rules'
``data/deployment.yaml`` names.
"""

from __future__ import annotations

import os

from benefits_rules import MUNICIPALITY_ENV, Municipality, load_municipality


def served_municipality() -> Municipality:
    """The validated municipality this deployment serves (read once per process)."""
    return load_municipality(os.environ.get(MUNICIPALITY_ENV) or None)


def municipality_key() -> str:
    """The key of the municipality this deployment serves."""
    return served_municipality().key
