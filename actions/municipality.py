"""The municipality the bot serves: its one file in benefits_rules' data (phone, contacts, schemes).

``RONDKOMEN_MUNICIPALITY`` picks it, as for the API; without it, the one benefits_rules'
``data/deployment.yaml`` names.
"""

from __future__ import annotations

import os

from benefits_rules import MUNICIPALITY_ENV, Municipality, load_municipality
from benefits_rules.contract import SLOT_MUNICIPALITY_PHONE

SLOT_MUNICIPALITY_PLACE = "municipality_place"
# One slot per local organisation in the file's `contacts` (declared in bot/domain), e.g.
# {contact_kwijtschelding} in an answer says who handles kwijtschelding there.
CONTACT_SLOT = "contact_{role}"


def served_municipality() -> Municipality:
    """The validated municipality this deployment serves (read once per process)."""
    return load_municipality(os.environ.get(MUNICIPALITY_ENV) or None)


def municipality_key() -> str:
    """The key of the municipality this deployment serves."""
    return served_municipality().key


def municipality_slots() -> dict[str, str]:
    """The slots answers use to name the municipality's phone, town and local organisations."""
    municipality = served_municipality()
    return {
        SLOT_MUNICIPALITY_PHONE: municipality.phone,
        SLOT_MUNICIPALITY_PLACE: municipality.place,
        **{CONTACT_SLOT.format(role=r): c.name for r, c in municipality.contacts.items()},
    }
