"""The editors' pages: editors and admins only, CSRF on every form, refusals with the reason,
conflicts shown with both texts, every edit in the audit log without its content."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import AuditEntry
from api.auth.models import Role
from api.content.catalog import build_catalog
from api.content.files import REPO_ROOT, read_tree
from tests.api.conftest import Browser, in_db, logged_in

CATALOG = build_catalog(read_tree(REPO_ROOT))
AFFIRM = "actions/texts.nl.yml#texts/affirm/text"
ENERGY = "actions/texts.nl.yml#texts/cannot_pay_energy/text"
GOOD = "Fijn. Wat kan ik nog meer voor u doen?"


def edit_url(item_id: str) -> str:
    return f"/editor/antwoorden/bewerk?id={quote(item_id)}"


def value(item_id: str) -> str:
    item = CATALOG.item(item_id)
    assert item is not None
    return item.value


def save(editor: Browser, item_id: str, seen: str, text: str) -> httpx.Response:
    return editor.post("/editor/antwoorden/bewerk", {"id": item_id, "seen": seen, "text": text})


def audit_actions(client: TestClient) -> list[str]:
    async def work(db: AsyncSession) -> list[str]:
        return list((await db.execute(select(AuditEntry.action))).scalars())

    return in_db(client, work)


@pytest.mark.parametrize(
    "url", ["/editor", "/editor/antwoorden", "/editor/begrip", edit_url(AFFIRM)]
)
def test_counsellors_get_403(client: TestClient, url: str) -> None:
    counsellor = logged_in(client, "sanne")
    response = counsellor.get(url)
    assert response.status_code == 403
    assert "voor redacteuren" in response.text
    assert counsellor.post("/editor/check", {"id": AFFIRM, "text": "x"}).status_code == 403


def test_without_login_the_pages_ask_to_log_in(client: TestClient) -> None:
    response = Browser(client).get("/editor/antwoorden")
    assert response.status_code == 303
    assert response.headers["location"] == "/counsellor/login"


@pytest.mark.parametrize("role", [Role.EDITOR, Role.ADMIN])
def test_editors_and_admins_see_every_text_grouped_and_searchable(
    client: TestClient, role: Role
) -> None:
    editor = logged_in(client, "redactie", role=role)
    home = editor.get("/editor")
    assert home.status_code == 200
    assert "geen concept" in home.text
    listing = editor.get("/editor/antwoorden")
    assert listing.status_code == 200
    assert "Geldzorgen" in listing.text
    assert "bot/data/rules_money_topics.yml" in listing.text
    found = editor.get("/editor/antwoorden?q=deurwaarder")
    assert "utter_bailiff_or_garnishment" in found.text
    assert "utter_greet" not in found.text


def test_an_edit_is_saved_in_the_draft_and_audited(client: TestClient) -> None:
    editor = logged_in(client, "redactie", role=Role.EDITOR)
    page = editor.get(edit_url(AFFIRM))
    assert page.status_code == 200
    assert 'data-check="/editor/check"' in page.text
    response = save(editor, AFFIRM, value(AFFIRM), GOOD)
    assert response.status_code == 303
    saved = editor.get(response.headers["location"])
    assert "staat in het concept" in saved.text
    assert GOOD in saved.text
    assert "actions/texts.nl.yml" in editor.get("/editor").text
    assert "content_edit" in audit_actions(client)

    async def rows(db: AsyncSession) -> list[str]:
        entries = (await db.execute(select(AuditEntry))).scalars()
        return [repr([getattr(e, c.key) for c in AuditEntry.__table__.columns]) for e in entries]

    assert not [row for row in in_db(client, rows) if "Wat kan ik nog meer" in row]


def test_a_form_without_the_csrf_token_is_refused(client: TestClient) -> None:
    editor = logged_in(client, "redactie", role=Role.EDITOR)
    editor.get(edit_url(AFFIRM))
    response = editor.post(
        "/editor/antwoorden/bewerk",
        {"csrf_token": "wrong", "id": AFFIRM, "seen": value(AFFIRM), "text": GOOD},
    )
    assert response.status_code == 403
    assert (
        editor.post("/editor/check", {"csrf_token": "", "id": AFFIRM, "text": GOOD}).status_code
        == 403
    )
    assert "content_edit" not in audit_actions(client)


def test_broken_placeholders_and_hard_texts_are_refused_with_the_reason(client: TestClient) -> None:
    editor = logged_in(client, "redactie", role=Role.EDITOR)
    editor.get(edit_url(ENERGY))
    broken = save(editor, ENERGY, value(ENERGY), "Bel de gemeente op {municipality_phone.")
    assert broken.status_code == 422
    assert "Een invulveld is kapot: {municipality_phone." in broken.text
    unknown = save(editor, ENERGY, value(ENERGY), "Bel de wethouder op {wethouder}.")
    assert unknown.status_code == 422
    assert "{wethouder} kent de chatbot niet" in unknown.text
    long = "Bel de gemeente " + " ".join(["en vraag dan om hulp"] * 4) + "."
    hard = save(editor, ENERGY, value(ENERGY), long)
    assert hard.status_code == 422
    assert "Dat mogen er hoogstens 20 zijn" in hard.text
    assert f"<mark>{long}</mark>" in hard.text
    assert "content_edit" not in audit_actions(client)


def test_the_live_check_answers_json(client: TestClient) -> None:
    editor = logged_in(client, "redactie", role=Role.EDITOR)
    editor.get(edit_url(ENERGY))
    headers = {"x-requested-with": "fetch"}
    good = editor.post("/editor/check", {"id": ENERGY, "text": value(ENERGY)}, headers=headers)
    assert good.json() == {"ok": True, "problems": []}
    bad = editor.post(
        "/editor/check", {"id": ENERGY, "text": "Bel {municipality_phone."}, headers=headers
    ).json()
    assert bad["ok"] is False
    assert bad["problems"][0]["sentence"] == "{municipality_phone."


def test_two_editors_conflict_and_are_told(client: TestClient) -> None:
    first = logged_in(client, "anna", role=Role.EDITOR)
    second = logged_in(client, "bram", role=Role.EDITOR)
    first.get(edit_url(AFFIRM))
    second.get(edit_url(AFFIRM))
    assert save(first, AFFIRM, value(AFFIRM), GOOD).status_code == 303
    clash = save(second, AFFIRM, value(AFFIRM), "Fijn. Nog een vraag?")
    assert clash.status_code == 409
    assert "Een collega heeft deze tekst intussen veranderd" in clash.text
    assert "anna" in clash.text
    assert GOOD in clash.text
    assert "Fijn. Nog een vraag?" in clash.text
    # Saving again, now with the colleague's text in view, is a deliberate choice.
    assert (
        second.post(
            "/editor/antwoorden/bewerk",
            {"id": AFFIRM, "seen": GOOD, "text": "Fijn. Nog een vraag?"},
        ).status_code
        == 303
    )


def test_examples_are_added_moved_and_removed_with_warnings(client: TestClient) -> None:
    editor = logged_in(client, "redactie", role=Role.EDITOR)
    page = editor.get("/editor/begrip?intent=debt_worries")
    assert page.status_code == 200
    assert "ik heb schulden" in page.text
    form = {"intent": "debt_worries"}
    added = editor.post("/editor/begrip", {**form, "action": "add", "new": "ik zit krap bij kas"})
    assert added.status_code == 303
    again = editor.post("/editor/begrip", {**form, "action": "add", "new": "ik zit krap bij kas"})
    assert again.status_code == 422
    assert "staat al bij deze bedoeling" in again.text
    # A sentence that another intent has too is a warning.
    rent_example = next(i for i in CATALOG.intents if i.name == "cannot_pay_rent").examples[0]
    editor.post("/editor/begrip", {**form, "action": "add", "new": rent_example})
    warned = editor.get("/editor/begrip?intent=debt_worries")
    assert "ook bij een andere bedoeling" in warned.text
    moved = editor.post(
        "/editor/begrip",
        {**form, "action": "move", "old": "ik zit krap bij kas", "target": "income_loss"},
    )
    assert moved.status_code == 303
    assert "ik zit krap bij kas" in editor.get("/editor/begrip?intent=income_loss").text
    gone = editor.post("/editor/begrip", {**form, "action": "remove", "old": "ik zit krap bij kas"})
    assert gone.status_code == 409
    assert "een collega heeft deze zin intussen veranderd" in gone.text
    assert audit_actions(client).count("content_edit") == 3


def test_line_breaks_sent_as_crlf_are_no_conflict(client: TestClient) -> None:
    editor = logged_in(client, "redactie", role=Role.EDITOR)
    editor.get(edit_url(AFFIRM))
    two_lines = "Fijn.\nWaar kan ik u nog mee helpen?"
    assert save(editor, AFFIRM, value(AFFIRM), two_lines.replace("\n", "\r\n")).status_code == 303
    again = save(editor, AFFIRM, two_lines.replace("\n", "\r\n"), GOOD)
    assert again.status_code == 303
