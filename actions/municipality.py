"""The municipality of a conversation: its one file in benefits_rules' data (phone, contacts,
schemes).

One action server serves every municipality of the installation (``data/deployment.yaml``). The
widget names the municipality, the API checks it and sends it with every message as metadata
(``benefits_rules.contract.META_MUNICIPALITY``); Rasa keeps the metadata of the message that
started the session in its own ``session_started_metadata`` slot, which ``action_session_start``
keeps. A conversation that names none (a Rasa command without the API) gets the default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benefits_rules import Municipality, UnknownMunicipality, load_municipality, load_served
from benefits_rules.contract import SLOT_MUNICIPALITY_PHONE, metadata_municipality

SLOT_MUNICIPALITY_PLACE = "municipality_place"
SLOT_MUNICIPALITY_PHONE_HOURS = "municipality_phone_hours"
# One slot per local organisation in the file's `contacts` (declared in bot/domain), e.g.
# {contact_kwijtschelding} in an answer says who handles kwijtschelding there.
CONTACT_SLOT = "contact_{role}"
# Rasa's own slot with the metadata of the message that started the session.
SESSION_METADATA_SLOT = "session_started_metadata"


def municipality_of(metadata: Any) -> Municipality:
    """The municipality named in a message's metadata; the default when it names none."""
    key = metadata_municipality(metadata)
    if key is not None:
        try:
            return load_municipality(key)
        except UnknownMunicipality:
            pass  # its folder was removed since the conversation began
    return load_served()


def conversation_municipality(get_slot: Callable[[str], Any]) -> Municipality:
    """The municipality of the conversation whose slots ``get_slot`` reads."""
    return municipality_of(get_slot(SESSION_METADATA_SLOT))


def municipality_slots(municipality: Municipality) -> dict[str, str]:
    """The slots answers use to name the municipality's phone, town and local organisations."""
    return {
        SLOT_MUNICIPALITY_PHONE: municipality.phone,
        SLOT_MUNICIPALITY_PHONE_HOURS: municipality.phone_hours,
        SLOT_MUNICIPALITY_PLACE: municipality.place,
        **{CONTACT_SLOT.format(role=r): c.name for r, c in municipality.contacts.items()},
    }
