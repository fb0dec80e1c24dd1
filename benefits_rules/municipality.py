"""Schema (version 1) of a municipality file: everything about one municipality, in one place.

``data/municipalities/<key>/municipality.yaml`` is read by the API (name, phone, office hours,
privacy page), the action server (phone, local contacts, which schemes it offers) and the rules
(its schemes). ``data/deployment.yaml`` names the municipalities an installation serves (each a
folder like this one) and the default for a widget that names none::

    schema_version: 1
    municipality: heerlen            # the folder name: the key in settings and URLs
    place: Heerlen                   # as in "deze regeling is er niet in Heerlen"
    name: Gemeente Heerlen           # how the municipality signs towards residents
    phone: "14 045"                  # shown whenever the chat cannot help
    phone_href: "tel:14045"
    phone_hours: op werkdagen van 9.00 tot 17.00 uur   # when that number answers ("Bel 14 045 ...")
    privacy_url: /privacy
    timezone: Europe/Amsterdam
    office_hours:                    # counsellors' hours; a missing day is closed
      monday: ["09:00", "17:00"]
    contacts:                        # local organisations the bot's answers name, by role
      kwijtschelding: {name: BsGW, url: "https://www.bsgw.nl/"}
    keep_not_understood: true        # keep messages the bot did not understand for editors
                                     # (redacted, unlinked, at most 30 days); default false
    schemes: [bijzondere_bijstand]   # one folder per scheme next to this file
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import Contact, Municipality, SchemeRules
from .schema import FileReader, url_field
from .yamlio import MarkedDict, MarkedList

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FIELDS = (
    "schema_version",
    "municipality",
    "place",
    "name",
    "phone",
    "phone_href",
    "phone_hours",
    "privacy_url",
    "timezone",
    "office_hours",
    "contacts",
    "keep_not_understood",
    "schemes",
)
_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")


def read_municipality(reader: FileReader, schemes: Mapping[str, SchemeRules]) -> Municipality:
    """Every field but ``schemes`` (the loader reads those folders); ``header`` was checked."""
    root = reader.root
    reader.only(root, FIELDS, "")
    key = reader.text(root, "municipality", "")
    if not _KEY.match(key):
        reader.fail(root.line_of("municipality"), "municipality", "use a-z, 0-9, _ and -")
    phone_href = reader.text(root, "phone_href", "")
    if not phone_href.startswith("tel:"):
        reader.fail(root.line_of("phone_href"), "phone_href", "must start with tel:")
    privacy_url = reader.text(root, "privacy_url", "")
    if not privacy_url.startswith(("/", "https://")):
        reader.fail(root.line_of("privacy_url"), "privacy_url", "must start with / or https://")
    return Municipality(
        key=key,
        place=reader.text(root, "place", ""),
        name=reader.text(root, "name", ""),
        phone=reader.text(root, "phone", ""),
        phone_href=phone_href,
        phone_hours=reader.text(root, "phone_hours", ""),
        privacy_url=privacy_url,
        timezone=_timezone(reader),
        office_hours=_office_hours(reader),
        contacts=_contacts(reader),
        keep_not_understood=reader.get(root, "keep_not_understood", bool, "", required=False)
        is True,
        schemes=MappingProxyType(dict(schemes)),
    )


def scheme_list(reader: FileReader) -> MarkedList:
    """The ``schemes`` list as written (the loader checks each against its folder)."""
    listed: MarkedList = reader.get(reader.root, "schemes", list, "")
    for index, key in enumerate(listed):
        if not isinstance(key, str) or listed.index(key) != index:
            reader.fail(listed.line_of(index), f"schemes[{index}]", "must be a scheme listed once")
    return listed


def _timezone(reader: FileReader) -> str:
    zone = reader.text(reader.root, "timezone", "")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        reader.fail(reader.root.line_of("timezone"), "timezone", f"unknown time zone {zone!r}")
    return zone


def _clock(reader: FileReader, hours: MarkedList, index: int, field: str) -> time:
    value = hours[index]
    if not isinstance(value, str) or not _CLOCK.match(value):
        reader.fail(hours.line, field, f'must be a quoted time like "09:00", got {value!r}')
    return time.fromisoformat(value)


def _office_hours(reader: FileReader) -> Mapping[str, tuple[time, time]]:
    table: MarkedDict = reader.get(reader.root, "office_hours", dict, "")
    reader.only(table, WEEKDAYS, "office_hours")
    hours: dict[str, tuple[time, time]] = {}
    for day in table:
        field = f"office_hours.{day}"
        pair = reader.get(table, day, list, "office_hours")
        if len(pair) != 2:
            reader.fail(table.line_of(day), field, "must be [opening, closing]")
        opens, closes = (_clock(reader, pair, i, field) for i in (0, 1))
        if closes <= opens:
            reader.fail(table.line_of(day), field, "closes before it opens")
        hours[day] = (opens, closes)
    return MappingProxyType(hours)


def _contacts(reader: FileReader) -> Mapping[str, Contact]:
    table = reader.get(reader.root, "contacts", dict, "", required=False) or MarkedDict()
    contacts: dict[str, Contact] = {}
    for role in table:
        path = f"contacts.{role}"
        entry: MarkedDict = reader.get(table, role, dict, "contacts")
        reader.only(entry, ("name", "about", "phone", "url"), path)
        contacts[role] = Contact(
            name=reader.text(entry, "name", path),
            about=reader.text(entry, "about", path, required=False),
            phone=reader.text(entry, "phone", path, required=False),
            url=url_field(reader, entry, "url", path) if "url" in entry else "",
        )
    return MappingProxyType(contacts)
