"""/editor/gemeente: the municipality's facts edited into the draft, checked, with conflicts shown
and the file's comments kept (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from html import unescape

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import AuditEntry
from api.auth.models import Role
from api.content import drafts
from api.content.files import REPO_ROOT, read_tree
from api.content.scope import Scope, municipality_file
from tests.api.conftest import Browser, in_db, logged_in

FILE = municipality_file("heerlen")
LIVE_TEXT = read_tree(REPO_ROOT)[FILE]
WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def draft_text(client: TestClient) -> str:
    async def work(db: AsyncSession) -> str:
        return (await drafts.draft_tree(db, read_tree(REPO_ROOT), Scope("heerlen")))[FILE]

    return in_db(client, work)


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def seen(page: str, form_id: str) -> str:
    start = page.index(f'id="{form_id}"')
    found = re.search(r'name="seen" value="([^"]*)"', page[start:])
    assert found is not None
    return unescape(found.group(1))


def basics(editor: Browser, **changes: str) -> dict[str, str]:
    form = {
        "seen": seen(editor.get("/editor/gemeente").text, "basics-form"),
        "name": "Gemeente Heerlen",
        "place": "Heerlen",
        "phone": "14 045",
        "privacy_url": "/privacy",
        "keep_not_understood": "1",
    }
    return {**form, **changes}


def hours(editor: Browser, **days: tuple[str, str] | None) -> dict[str, str]:
    """The hours form as the page has it, with ``days`` changed (None: closed)."""
    page = editor.get("/editor/gemeente").text
    form = {"seen": seen(page, "hours-form")}
    for day in WEEK:
        opens = re.search(rf'name="{day}_open"[^>]*value="([^"]*)"', page)
        closes = re.search(rf'name="{day}_close"[^>]*value="([^"]*)"', page)
        assert opens is not None
        assert closes is not None
        form[f"{day}_open"], form[f"{day}_close"] = opens.group(1), closes.group(1)
        if not opens.group(1):
            form[f"{day}_closed"] = "1"
    for day, pair in days.items():
        form.pop(f"{day}_closed", None)
        if pair is None:
            form[f"{day}_closed"] = "1"
        else:
            form[f"{day}_open"], form[f"{day}_close"] = pair
    return form


@pytest.fixture
def editor(client: TestClient) -> Browser:
    return logged_in(client, "eva", role=Role.EDITOR)


def test_counsellors_get_403_and_forms_need_the_csrf_token(
    client: TestClient, editor: Browser
) -> None:
    counsellor = logged_in(client, "sanne")
    assert counsellor.get("/editor/gemeente").status_code == 403
    form = basics(editor, phone="045 123 45 67")
    assert editor.post("/editor/gemeente/basis", {**form, "csrf_token": "x"}).status_code == 403
    assert draft_text(client) == LIVE_TEXT


def test_the_page_shows_the_facts_and_links_to_the_schemes(editor: Browser) -> None:
    page = editor.get("/editor/gemeente").text
    assert '<a href="tel:14045">14 045</a>' in page
    assert 'value="09:00"' in page
    assert 'value="12:30"' in page
    assert "Stichting Leergeld Parkstad" in page
    assert "Genoemd in:" in page  # where the bot's texts name a contact
    assert 'href="/editor/regelingen"' in page
    assert "<code>fit_en_fun</code>" in page


def test_a_new_phone_goes_into_the_draft_with_its_tel_link_and_is_audited(
    client: TestClient, editor: Browser
) -> None:
    response = editor.post("/editor/gemeente/basis", basics(editor, phone="045 560 40 00"))
    assert response.status_code == 303
    assert response.headers["location"].startswith("/editor/gemeente?msg=basics")
    data = yaml.safe_load(draft_text(client))
    assert (data["phone"], data["phone_href"]) == ("045 560 40 00", "tel:0455604000")
    assert comments(draft_text(client)) == comments(LIVE_TEXT)
    page = editor.get("/editor/gemeente").text
    assert 'href="tel:0455604000"' in page
    assert "nog niet gepubliceerd" in page

    async def actions(db: AsyncSession) -> list[str]:
        return list((await db.execute(select(AuditEntry.action))).scalars())

    assert "content_edit" in in_db(client, actions)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "bel ons", "alleen cijfers en spaties"),
        ("privacy_url", "ftp://privacy", "begint met / "),
        ("name", "   ", "Vul dit in."),
    ],
)
def test_a_bad_value_is_refused_in_dutch_and_stays_in_the_form(
    client: TestClient, editor: Browser, field: str, value: str, message: str
) -> None:
    response = editor.post("/editor/gemeente/basis", basics(editor, **{field: value}))
    assert response.status_code == 422
    assert message in response.text
    assert f'name="{field}" required maxlength="200" value="{value}"' in response.text
    assert draft_text(client) == LIVE_TEXT


def test_office_hours_close_a_day_and_open_another_keeping_the_comments(
    client: TestClient, editor: Browser
) -> None:
    form = hours(editor, wednesday=None, saturday=("10:00", "12:00"))
    assert editor.post("/editor/gemeente/tijden", form).status_code == 303
    text = draft_text(client)
    assert yaml.safe_load(text)["office_hours"] == {
        "monday": ["09:00", "17:00"],
        "tuesday": ["09:00", "17:00"],
        "thursday": ["09:00", "17:00"],
        "friday": ["09:00", "12:30"],
        "saturday": ["10:00", "12:00"],
    }
    assert comments(text) == comments(LIVE_TEXT)
    assert '  saturday: ["10:00", "12:00"]\n# Local organisations' in text
    # And back: Wednesday returns in its place in the week.
    form = hours(editor, wednesday=("09:00", "17:00"), saturday=None)
    assert editor.post("/editor/gemeente/tijden", form).status_code == 303
    assert draft_text(client) == LIVE_TEXT


@pytest.mark.parametrize(
    ("pair", "message"),
    [(("25:00", "17:00"), "uu:mm"), (("17:00", "09:00"), "later zijn dan de openingstijd")],
)
def test_bad_hours_are_refused_and_stay_in_the_form(
    client: TestClient, editor: Browser, pair: tuple[str, str], message: str
) -> None:
    response = editor.post("/editor/gemeente/tijden", hours(editor, monday=pair))
    assert response.status_code == 422
    assert message in response.text
    assert f'name="monday_open" inputmode="numeric" maxlength="5" size="5" value="{pair[0]}"' in (
        response.text
    )
    assert draft_text(client) == LIVE_TEXT


def test_contacts_are_added_changed_and_removed_keeping_the_comments(
    client: TestClient, editor: Browser
) -> None:
    editor.get("/editor/gemeente")
    added = editor.post(
        "/editor/gemeente/contacten",
        {"role": "schuldhulp", "name": "Schuldhulp Heerlen", "url": "https://example.org/"},
    )
    assert added.status_code == 303
    contacts = yaml.safe_load(draft_text(client))["contacts"]
    assert contacts["schuldhulp"] == {"name": "Schuldhulp Heerlen", "url": "https://example.org/"}
    page = editor.get("/editor/gemeente").text
    changed = editor.post(
        "/editor/gemeente/contacten/schuldhulp",
        {
            "seen": seen(page, "contact-form-schuldhulp"),
            "name": "Schuldhulp Heerlen",
            "about": "Hulp bij schulden",
            "url": "",
        },
    )
    assert changed.status_code == 303
    contacts = yaml.safe_load(draft_text(client))["contacts"]
    assert contacts["schuldhulp"] == {"name": "Schuldhulp Heerlen", "about": "Hulp bij schulden"}
    assert comments(draft_text(client)) == comments(LIVE_TEXT)
    page = editor.get("/editor/gemeente").text
    removed = editor.post(
        "/editor/gemeente/contacten/schuldhulp",
        {"seen": seen(page, "contact-form-schuldhulp"), "action": "remove"},
    )
    assert removed.status_code == 303
    assert draft_text(client) == LIVE_TEXT


def test_a_contact_the_bot_names_cannot_be_removed_and_a_role_is_added_once(
    client: TestClient, editor: Browser
) -> None:
    page = editor.get("/editor/gemeente").text
    refused = editor.post(
        "/editor/gemeente/contacten/voedselbank",
        {"seen": seen(page, "contact-form-voedselbank"), "action": "remove"},
    )
    assert refused.status_code == 422
    assert "genoemd in teksten van de chatbot" in refused.text
    twice = editor.post("/editor/gemeente/contacten", {"role": "leergeld", "name": "Nog een"})
    assert twice.status_code == 422
    assert "Er is al een organisatie voor dit soort hulp" in twice.text
    assert 'value="Nog een"' in twice.text
    bad = editor.post(
        "/editor/gemeente/contacten", {"role": "Schuld Hulp", "name": "X", "url": "www.x.nl"}
    )
    assert bad.status_code == 422
    assert "kleine letters" in bad.text
    assert draft_text(client) == LIVE_TEXT


def test_two_editors_conflict_and_the_second_is_told(client: TestClient, editor: Browser) -> None:
    colleague = logged_in(client, "piet", role=Role.EDITOR)
    mine = basics(editor, phone="045 111 11 11")
    theirs = basics(colleague, phone="045 222 22 22")
    assert colleague.post("/editor/gemeente/basis", theirs).status_code == 303
    response: httpx.Response = editor.post("/editor/gemeente/basis", mine)
    assert response.status_code == 409
    assert "Een collega heeft dit intussen veranderd" in response.text
    assert "(piet" in response.text
    assert 'value="045 111 11 11"' in response.text  # my value stays in the form
    assert yaml.safe_load(draft_text(client))["phone"] == "045 222 22 22"
    # Saving again, with the colleague's version in view, is a deliberate choice.
    again = {**mine, "seen": seen(response.text, "basics-form")}
    assert editor.post("/editor/gemeente/basis", again).status_code == 303
    assert yaml.safe_load(draft_text(client))["phone"] == "045 111 11 11"


def test_the_not_understood_switch(client: TestClient, editor: Browser) -> None:
    form = basics(editor)
    del form["keep_not_understood"]
    assert editor.post("/editor/gemeente/basis", form).status_code == 303
    assert yaml.safe_load(draft_text(client))["keep_not_understood"] is False
