"""A municipality's facts in the editors' workspace: read them, and change them in the draft.

The facts are the municipality's own file (``benefits_rules/data/municipalities/<key>/
municipality.yaml``, schema in ``benefits_rules/municipality.py``): name, phone, office hours,
privacy page, local contacts, whether not-understood messages are kept, its schemes. Editors
change one part at a time (the basics, the office hours, one contact); each save carries the
part as the editor saw it, so a colleague's save in between is a conflict, never overwritten.

A change is checked twice before it goes into the draft: the form's values field by field (each
problem a code the page says in Dutch), then the whole rule data with the changed file by
``benefits_rules``' own loader, so the draft never holds a file the chat could not read.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import CounsellorUser
from api.content import drafts
from api.content.catalog import build_catalog
from api.content.files import content_root, read_published
from api.content.scope import Scope, municipality_file
from api.content.sourcestruct import remove_entry, set_entry
from api.content.sourcetext import SourceError
from benefits_rules.errors import RuleDataError
from benefits_rules.loader import CONTENT_RULES_DIR, read_rules
from benefits_rules.municipality import WEEKDAYS

__all__ = [
    "CONTACT_FIELDS",
    "WEEKDAYS",
    "Basics",
    "ContactValues",
    "Facts",
    "FactsRefused",
    "contact_in_use",
    "read_facts",
    "rule_data_problem",
    "save_basics",
    "save_contact",
    "save_hours",
]

CONTACT_FIELDS = ("name", "about", "phone", "url")
_ROLE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{1,18}[0-9]$")
_MAX = 200


@dataclass(frozen=True)
class Basics:
    name: str
    place: str
    phone: str
    privacy_url: str
    keep_not_understood: bool


@dataclass(frozen=True)
class ContactValues:
    name: str
    about: str = ""
    phone: str = ""
    url: str = ""


Hours = dict[str, tuple[str, str] | None]  # weekday -> (opens, closes), None: closed


@dataclass(frozen=True)
class Facts:
    """What the page shows of a municipality's file (draft or live)."""

    key: str
    basics: Basics
    phone_href: str
    hours: Hours
    contacts: dict[str, ContactValues]
    schemes: tuple[str, ...]

    def seen(self, part: str) -> str:
        """The part as the editor sees it, to send back with a save (compare-and-set)."""
        if part == "basics":
            value: Any = asdict(self.basics)
        elif part == "hours":
            value = self.hours
        else:
            contact = self.contacts.get(part.removeprefix("contact:"))
            value = asdict(contact) if contact else None
        return json.dumps(value, sort_keys=True, ensure_ascii=False)


class FactsRefused(Exception):
    """The change may not go into the draft: field -> problem code (editor/_gemeente.html)."""

    def __init__(self, problems: dict[str, str], detail: str = "") -> None:
        super().__init__(", ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems
        self.detail = detail


def read_facts(key: str, text: str) -> Facts:
    data = yaml.safe_load(text) or {}
    hours: Hours = {day: None for day in WEEKDAYS}
    for day, pair in (data.get("office_hours") or {}).items():
        hours[day] = (str(pair[0]), str(pair[1]))
    contacts = {
        role: ContactValues(**{f: str(entry.get(f) or "") for f in CONTACT_FIELDS})
        for role, entry in (data.get("contacts") or {}).items()
    }
    return Facts(
        key=key,
        basics=Basics(
            name=str(data.get("name") or ""),
            place=str(data.get("place") or ""),
            phone=str(data.get("phone") or ""),
            privacy_url=str(data.get("privacy_url") or ""),
            keep_not_understood=data.get("keep_not_understood") is True,
        ),
        phone_href=str(data.get("phone_href") or ""),
        hours=hours,
        contacts=contacts,
        schemes=tuple(data.get("schemes") or ()),
    )


def rule_data_problem(tree: Mapping[str, str]) -> RuleDataError | None:
    """What ``benefits_rules``' loader refuses in the rule data of ``tree`` (None: it reads)."""
    prefix = CONTENT_RULES_DIR + "/"
    with tempfile.TemporaryDirectory(prefix="rondkomen-rules-") as folder:
        root = Path(folder)
        for relative, text in tree.items():
            if relative.startswith(prefix):
                target = root / relative.removeprefix(prefix)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        try:
            read_rules(root)
        except RuleDataError as exc:
            return exc
    return None


def contact_in_use(tree: Mapping[str, str], role: str) -> list[str]:
    """The keys of the shared texts that name the contact (``{contact_<role>}``)."""
    placeholder = "{contact_" + role + "}"
    return sorted({item.key for item in build_catalog(tree).items if placeholder in item.value})


def _text(problems: dict[str, str], name: str, value: str, required: bool = True) -> str:
    value = " ".join(value.split())
    if required and not value:
        problems[name] = "required"
    elif len(value) > _MAX:
        problems[name] = "too_long"
    return value


def _check_basics(values: Basics) -> Basics:
    problems: dict[str, str] = {}
    name = _text(problems, "name", values.name)
    place = _text(problems, "place", values.place)
    phone = _text(problems, "phone", values.phone)
    if "phone" not in problems and not _PHONE.match(phone):
        problems["phone"] = "phone"
    privacy = values.privacy_url.strip()
    if not privacy.startswith(("/", "https://")) or " " in privacy or len(privacy) > _MAX:
        problems["privacy_url"] = "privacy_url"
    if problems:
        raise FactsRefused(problems)
    return Basics(name, place, phone, privacy, values.keep_not_understood)


def _check_hours(hours: Hours) -> Hours:
    problems: dict[str, str] = {}
    for day, pair in hours.items():
        if pair is None:
            continue
        opens, closes = (value.strip() for value in pair)
        if not (_CLOCK.match(opens) and _CLOCK.match(closes)):
            problems[day] = "time"
        elif closes <= opens:
            problems[day] = "closes_before_opens"
    if problems:
        raise FactsRefused(problems)
    return {day: None if p is None else (p[0].strip(), p[1].strip()) for day, p in hours.items()}


def _check_contact(role: str, values: ContactValues) -> ContactValues:
    problems: dict[str, str] = {}
    if not _ROLE.match(role):
        problems["role"] = "role"
    name = _text(problems, "name", values.name)
    about = _text(problems, "about", values.about, required=False)
    phone = _text(problems, "phone", values.phone, required=False)
    if phone and "phone" not in problems and not _PHONE.match(phone):
        problems["phone"] = "phone"
    url = values.url.strip()
    if url and (not url.startswith(("https://", "http://")) or " " in url or len(url) > _MAX):
        problems["url"] = "url"
    if problems:
        raise FactsRefused(problems)
    return ContactValues(name, about, phone, url)


def phone_href(phone: str) -> str:
    """``14 045`` -> ``tel:14045``: the number as a telephone link."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


async def _save(
    db: AsyncSession,
    scope: Scope,
    part: str,
    seen: str,
    edit: Callable[[str], str],
    user: CounsellorUser,
    now: datetime | None,
    live: Mapping[str, str] | None,
) -> None:
    live = live if live is not None else read_published(content_root())
    relative = municipality_file(scope.municipality)
    if not scope.municipality or not scope.allows(relative) or relative not in live:
        raise FactsRefused({"": "unknown_municipality"})
    draft = await drafts.draft_tree(db, live, scope)

    def change(text: str, row: drafts.DraftRow | None) -> str:
        current = read_facts(scope.municipality, text).seen(part)
        if current != seen:
            raise drafts.Conflict(current, row.by if row else None, row.at if row else None)
        try:
            after = edit(text)
        except SourceError as exc:
            raise FactsRefused({"": "file"}, str(exc)) from exc
        problem = rule_data_problem({**draft, relative: after})
        if problem is not None:
            raise FactsRefused({"": "schema"}, f"{problem.field}: {problem.problem}")
        return after

    await drafts.save_file(db, relative, change, user, now=now, live=live)


async def save_basics(
    db: AsyncSession,
    scope: Scope,
    seen: str,
    values: Basics,
    user: CounsellorUser,
    *,
    now: datetime | None = None,
    live: Mapping[str, str] | None = None,
) -> None:
    """Name, town, phone (and its tel: link), privacy page and the not-understood switch."""
    checked = _check_basics(values)

    def edit(text: str) -> str:
        for key, value in asdict(checked).items():
            text = set_entry(text, [key], value)
        return set_entry(text, ["phone_href"], phone_href(checked.phone))

    await _save(db, scope, "basics", seen, edit, user, now, live)


async def save_hours(
    db: AsyncSession,
    scope: Scope,
    seen: str,
    hours: Hours,
    user: CounsellorUser,
    *,
    now: datetime | None = None,
    live: Mapping[str, str] | None = None,
) -> None:
    """The opening hours of every weekday (None: closed that day)."""
    checked = _check_hours(hours)

    def edit(text: str) -> str:
        present = read_facts(scope.municipality, text).hours
        for day in WEEKDAYS:
            pair = checked.get(day)
            if pair is None and present[day] is not None:
                text = remove_entry(text, ["office_hours", day])
            elif pair is not None and pair != present[day]:
                text = set_entry(text, ["office_hours", day], list(pair), WEEKDAYS)
        return text

    await _save(db, scope, "hours", seen, edit, user, now, live)


@dataclass(frozen=True)
class _ContactEdit:
    role: str
    values: ContactValues | None  # None: remove the contact
    existing: ContactValues | None = field(default=None)

    def __call__(self, text: str) -> str:
        if self.values is None:
            return remove_entry(text, ["contacts", self.role])
        wanted = {f: v for f, v in asdict(self.values).items() if v}
        if self.existing is None:
            if "contacts" not in (yaml.safe_load(text) or {}):
                text = set_entry(text, ["contacts"], {})
            return set_entry(text, ["contacts", self.role], wanted)
        for name in CONTACT_FIELDS:
            if name in wanted:
                text = set_entry(text, ["contacts", self.role, name], wanted[name])
            elif getattr(self.existing, name):
                text = remove_entry(text, ["contacts", self.role, name])
        return text


async def save_contact(
    db: AsyncSession,
    scope: Scope,
    role: str,
    seen: str,
    values: ContactValues | None,
    user: CounsellorUser,
    *,
    now: datetime | None = None,
    live: Mapping[str, str] | None = None,
) -> None:
    """Add (``seen`` says there was none), change or remove (``values`` None) one contact.

    A contact the shared texts name (``{contact_<role>}``) cannot be removed: those texts
    would have nobody to name in this municipality.
    """
    live = live if live is not None else read_published(content_root())
    checked = _check_contact(role, values) if values is not None else None
    tree = await drafts.draft_tree(db, live, scope)
    if checked is None:
        used = contact_in_use(tree, role)
        if used:
            raise FactsRefused({"": "contact_in_use"}, ", ".join(used))
    relative = municipality_file(scope.municipality)
    adding = seen == "null" and relative in tree and scope.allows(relative)
    if adding and role in read_facts(scope.municipality, tree[relative]).contacts:
        raise FactsRefused({"role": "role_exists"})

    def edit(text: str) -> str:
        existing = read_facts(scope.municipality, text).contacts.get(role)
        return _ContactEdit(role, checked, existing)(text)

    await _save(db, scope, f"contact:{role}", seen, edit, user, now, live)
