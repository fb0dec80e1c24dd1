"""Two municipalities on one installation (Heerlen and the fictional Proefdorp), on SQLite and
PostgreSQL: counsellors, editors and admins of one never see or change the other's data."""

from __future__ import annotations

import asyncio
import re
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import AuditEntry
from api.auth import accounts
from api.auth.models import CounsellorUser, Role
from api.content import drafts
from api.content.access import live_tree
from api.content.files import REPO_ROOT, read_tree
from api.content.publish import start_job
from api.content.scope import Scope, municipality_file
from api.handoff.models import Handoff
from api.not_understood.models import NotUnderstood
from api.settings import Settings
from tests.api.conftest import (
    OFFICE_HOURS_NOW,
    Browser,
    FakeRasa,
    handoff_url,
    in_db,
    logged_in,
    shared_handoff,
    store_live_version,
    workspace_settings,
)
from tests.conftest import TEST_MUNICIPALITIES

MODEL = REPO_ROOT / "var" / "models" / "current.tar.gz"
HEERLEN_FILE = municipality_file("heerlen")
PROEFDORP_FILE = municipality_file("proefdorp")


def two_municipalities() -> dict[str, str]:
    """The repository's content with the fictional Proefdorp's folder added."""
    tree = read_tree(REPO_ROOT)
    folder = TEST_MUNICIPALITIES / "proefdorp"
    for path in sorted(folder.rglob("*.yaml")):
        relative = path.relative_to(folder).as_posix()
        tree[f"benefits_rules/data/municipalities/proefdorp/{relative}"] = path.read_text("utf-8")
    return dict(sorted(tree.items()))


LIVE = two_municipalities()


@pytest.fixture
def settings(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    return workspace_settings(database_url, tmp_path, monkeypatch, MODEL)


@pytest.fixture(autouse=True)
def _serves_two_municipalities(client: TestClient) -> None:
    client.app.dependency_overrides[live_tree] = lambda: LIVE  # type: ignore[attr-defined]


def _staff(client: TestClient, role: Role) -> tuple[Browser, Browser]:
    name = role.value
    return (
        logged_in(client, f"{name}-heerlen", role=role, municipality="heerlen"),
        logged_in(client, f"{name}-proefdorp", role=role, municipality="proefdorp"),
    )


# --- counsellors: handoffs ----------------------------------------------------------------------


def _handoff(client: TestClient, fake_rasa: FakeRasa, municipality: str) -> Handoff:
    token = shared_handoff(client, fake_rasa)
    code = client.get(handoff_url(token)).json()["reference_code"]

    async def work(db: AsyncSession) -> Handoff:
        await db.execute(
            update(Handoff).where(Handoff.reference_code == code).values(municipality=municipality)
        )
        await db.commit()
        found = await db.scalar(select(Handoff).where(Handoff.reference_code == code))
        assert found is not None
        return found

    return in_db(client, work)


def test_counsellors_never_see_the_other_municipalitys_handoffs(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    ours = _handoff(client, fake_rasa, "heerlen")
    theirs = _handoff(client, fake_rasa, "proefdorp")
    heerlen, proefdorp = _staff(client, Role.COUNSELLOR)
    for me, own, other in ((heerlen, ours, theirs), (proefdorp, theirs, ours)):
        inbox = me.get("/counsellor/").text
        assert f'data-handoff="{own.id}"' in inbox
        assert f'data-handoff="{other.id}"' not in inbox
        assert me.get(f"/counsellor/handoffs/{own.id}").status_code == 200
        detail = me.get(f"/counsellor/handoffs/{other.id}")
        assert detail.status_code == 404
        assert "ik heb schulden" not in detail.text
        found = me.post("/counsellor/lookup", {"code": own.reference_code or ""})
        assert found.headers["location"] == f"/counsellor/handoffs/{own.id}"
        missing = me.post("/counsellor/lookup", {"code": other.reference_code or ""})
        assert missing.headers["location"].endswith("code_not_found")


# --- editors: not understood, facts, drafts, versions ------------------------------------------


def _message(client: TestClient, municipality: str, text: str) -> int:
    async def work(db: AsyncSession) -> int:
        row = NotUnderstood(
            municipality=municipality,
            text=text,
            intent=None,
            confidence=0.3,
            reason="fallback",
            day=date(2026, 12, 1),
            times=1,
        )
        db.add(row)
        await db.commit()
        return row.id

    return in_db(client, work)


def test_editors_never_see_the_other_municipalitys_not_understood_messages(
    client: TestClient,
) -> None:
    ours = _message(client, "heerlen", "vraag uit heerlen")
    theirs = _message(client, "proefdorp", "vraag uit proefdorp")
    heerlen, proefdorp = _staff(client, Role.EDITOR)
    page = heerlen.get("/editor/niet-begrepen").text
    assert "vraag uit heerlen" in page
    assert "vraag uit proefdorp" not in page
    assert "vraag uit heerlen" not in proefdorp.get("/editor/niet-begrepen").text
    assert heerlen.post(f"/editor/niet-begrepen/{theirs}/verwijderen").status_code == 404
    assert proefdorp.post(f"/editor/niet-begrepen/{ours}/verwijderen").status_code == 404
    assert heerlen.post(f"/editor/niet-begrepen/{ours}/verwijderen").status_code == 303


def test_each_editor_sees_only_their_own_municipalitys_facts(client: TestClient) -> None:
    heerlen, proefdorp = _staff(client, Role.EDITOR)
    ours = heerlen.get("/editor/gemeente")
    assert ours.status_code == 200
    assert "Gemeente Heerlen" in ours.text
    assert 'href="tel:14045"' in ours.text
    assert "Stichting Leergeld Parkstad" in ours.text
    assert "Proefdorp" not in ours.text
    assert "0123 456 789" not in ours.text
    theirs = proefdorp.get("/editor/gemeente")
    assert "Voedselbank Proefdorp" in theirs.text
    assert "sportbijdrage" in theirs.text
    assert "Heerlen" not in theirs.text
    assert "14 045" not in theirs.text


def _basics(editor: Browser, **changes: str) -> dict[str, str]:
    page = editor.get("/editor/gemeente").text
    seen = re.search(r'name="seen" value="([^"]*)"', page)
    assert seen is not None
    form = {
        "seen": unescape(seen.group(1)),
        "name": "Gemeente Proefdorp (fictief)",
        "place": "Proefdorp",
        "phone": "0123 456 789",
        "privacy_url": "/privacy",
        "keep_not_understood": "1",
    }
    return {**form, **changes}


def test_a_facts_edit_is_in_that_municipalitys_draft_only(client: TestClient) -> None:
    heerlen, proefdorp = _staff(client, Role.EDITOR)
    response = proefdorp.post("/editor/gemeente/basis", _basics(proefdorp, phone="0123 999 000"))
    assert response.status_code == 303, response.text
    assert "0123 999 000" in proefdorp.get("/editor/gemeente").text
    assert PROEFDORP_FILE in proefdorp.get("/editor").text
    # Heerlen's editor sees no draft, no file name and no value of Proefdorp's.
    home = heerlen.get("/editor").text
    assert PROEFDORP_FILE not in home
    assert "geen concept" in home
    assert "0123 999 000" not in heerlen.get("/editor/gemeente").text
    assert "0123 999 000" not in heerlen.get("/editor/antwoorden?q=0123").text
    # A direct address of the other municipality's file is not there.
    for url in (
        f"/editor/antwoorden/bewerk?id={quote(PROEFDORP_FILE + '#phone')}",
        f"/editor/antwoorden/bewerk?id={quote(HEERLEN_FILE + '#phone')}",
    ):
        editor = heerlen if "proefdorp" in url else proefdorp
        answer = editor.get(url)
        assert answer.status_code == 404
        assert "0123" not in answer.text
        assert "14 045" not in answer.text


def test_the_draft_refuses_a_file_of_another_municipality(client: TestClient) -> None:
    logged_in(client, "eva", role=Role.EDITOR, municipality="heerlen")

    async def work(db: AsyncSession) -> tuple[bool, dict[str, object]]:
        user = await db.scalar(select(CounsellorUser).where(CounsellorUser.username == "eva"))
        assert user is not None
        try:
            await drafts.save_file(
                db, PROEFDORP_FILE, lambda text, _row: text + "# x\n", user, live=LIVE
            )
        except drafts.Refused:
            refused = True
        else:
            refused = False
        return refused, dict(await drafts.draft_files(db, Scope("proefdorp")))

    refused, files = in_db(client, work)
    assert refused
    assert files == {}


def test_version_diffs_show_each_editor_only_their_own_files(client: TestClient) -> None:
    heerlen, proefdorp = _staff(client, Role.EDITOR)
    heerlen.get("/editor/versies")  # version 1: the repository (Heerlen only)
    new = dict(LIVE)
    new[HEERLEN_FILE] = LIVE[HEERLEN_FILE].replace('phone: "14 045"', 'phone: "14 046"')
    new[PROEFDORP_FILE] = LIVE[PROEFDORP_FILE].replace("0123 456 789", "0123 777 888")
    new["api/texts.nl.yml"] = LIVE["api/texts.nl.yml"] + "# gedeelde wijziging\n"
    store_live_version(client, 2, new, MODEL)
    ours = heerlen.get("/editor/versies/2").text
    assert "14 046" in ours
    assert "gedeelde wijziging" in ours
    assert "proefdorp" not in ours.lower()
    assert "0123" not in ours
    theirs = proefdorp.get("/editor/versies/2").text
    assert "0123 777 888" in theirs
    assert "gedeelde wijziging" in theirs
    assert "14 046" not in theirs
    assert HEERLEN_FILE not in theirs
    assert "proefdorp" not in heerlen.get("/editor/versies").text.lower()
    assert HEERLEN_FILE not in proefdorp.get("/editor/versies").text
    # Restoring version 1 would also undo Proefdorp's files: not Heerlen's editor's to decide.
    refused = heerlen.post("/editor/versies/1/herstel")
    assert refused.status_code == 409
    assert "andere gemeente" in refused.text


def test_a_publish_takes_only_the_editors_own_draft_and_hides_anothers_failure(
    client: TestClient,
) -> None:
    heerlen, proefdorp = _staff(client, Role.EDITOR)
    heerlen.get("/editor/versies")  # version 1: the repository
    store_live_version(client, 2, LIVE, MODEL)  # live: both municipalities
    changed = proefdorp.post("/editor/gemeente/basis", _basics(proefdorp, phone="0123 999 000"))
    assert changed.status_code == 303
    # Proefdorp's draft is not Heerlen's to publish: for Heerlen's editor nothing changed.
    response = heerlen.post("/editor/publiceren")
    assert response.headers["location"].endswith("msg=no_changes")

    async def failed(db: AsyncSession) -> None:
        job = await start_job(db, "editor-proefdorp", OFFICE_HOURS_NOW)
        job.status = "failed"
        job.error = f"{PROEFDORP_FILE} regel 9, phone: geheim"
        await db.commit()

    in_db(client, failed)
    theirs = heerlen.get("/editor/publiceren").text
    assert "andere gemeente" in theirs
    assert "geheim" not in theirs
    assert PROEFDORP_FILE not in theirs
    assert "geheim" in proefdorp.get("/editor/publiceren").text


# --- admins: accounts ---------------------------------------------------------------------------


def test_admins_see_and_change_only_their_own_municipalitys_accounts(client: TestClient) -> None:
    heerlen, proefdorp = _staff(client, Role.ADMIN)
    logged_in(client, "sanne", municipality="heerlen")
    piet = logged_in(client, "piet", municipality="proefdorp")
    ours = heerlen.get("/beheer")
    assert ours.status_code == 200
    assert "sanne" in ours.text
    assert "piet" not in ours.text
    assert "admin-proefdorp" not in ours.text
    theirs = proefdorp.get("/beheer").text
    assert "piet" in theirs
    assert "sanne" not in theirs

    async def piet_id(db: AsyncSession) -> int:
        found = await db.scalar(select(CounsellorUser.id).where(CounsellorUser.username == "piet"))
        assert found is not None
        return found

    other = in_db(client, piet_id)
    assert heerlen.post(f"/beheer/accounts/{other}/deactivate").status_code == 404
    assert piet.get("/counsellor/").status_code == 200  # still logged in, still active


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.EDITOR])
def test_counsellors_and_editors_get_403_on_the_staff_page(client: TestClient, role: Role) -> None:
    user = logged_in(client, "medewerker", role=role)
    page = user.get("/beheer")
    assert page.status_code == 403
    assert "alleen voor beheerders" in page.text
    response = user.post(
        "/beheer/accounts", {"username": "nieuw", "role": "admin", "display_name": "Nieuw"}
    )
    assert response.status_code == 403


def test_an_admin_adds_an_editor_whose_password_is_shown_once(client: TestClient) -> None:
    admin = logged_in(client, "beheer-h", role=Role.ADMIN, municipality="heerlen")
    admin.get("/beheer")
    form = {"username": "redacteur2", "role": "editor", "display_name": "Redactie"}
    created = admin.post("/beheer/accounts", form)
    assert created.status_code == 200
    found = re.search(r'id="new-password">([^<]+)<', created.text)
    assert found is not None
    password = found.group(1)
    assert password not in admin.get("/beheer").text
    editor = Browser(client)
    assert editor.login("redacteur2", password).status_code == 303
    assert editor.get("/editor/gemeente").status_code == 200
    assert "Gemeente Heerlen" in editor.get("/editor/gemeente").text

    async def audit(db: AsyncSession) -> list[tuple[str, str, str | None]]:
        rows = await db.scalars(select(AuditEntry).where(AuditEntry.action == "account_create"))
        return [(r.username, r.municipality, r.subject) for r in rows]

    assert in_db(client, audit) == [("beheer-h", "heerlen", "redacteur2")]
    # A taken username: refused in Dutch, the typed values stay.
    again = admin.post("/beheer/accounts", form)
    assert again.status_code == 422
    assert "bestaat al" in again.text
    assert 'value="Redactie"' in again.text


def test_deactivating_ends_the_sessions_and_reactivating_allows_a_login(
    client: TestClient,
) -> None:
    admin = logged_in(client, "beheer-h", role=Role.ADMIN)
    sanne = logged_in(client, "sanne")

    async def sanne_id(db: AsyncSession) -> int:
        found = await db.scalar(select(CounsellorUser.id).where(CounsellorUser.username == "sanne"))
        assert found is not None
        return found

    target = in_db(client, sanne_id)
    admin.get("/beheer")
    assert admin.post(f"/beheer/accounts/{target}/deactivate").status_code == 303
    assert sanne.get("/counsellor/").status_code == 303  # back to the login
    assert Browser(client).login("sanne").status_code != 303
    assert admin.post(f"/beheer/accounts/{target}/reactivate").status_code == 303
    assert Browser(client).login("sanne").status_code == 303

    async def actions(db: AsyncSession) -> list[tuple[str, str | None]]:
        rows = await db.scalars(
            select(AuditEntry).where(AuditEntry.action.like("account_%")).order_by(AuditEntry.id)
        )
        return [(r.action, r.subject) for r in rows]

    assert in_db(client, actions) == [
        ("account_deactivate", "sanne"),
        ("account_reactivate", "sanne"),
    ]


def test_the_last_active_admin_cannot_be_deactivated(client: TestClient) -> None:
    admin = logged_in(client, "beheer-h", role=Role.ADMIN)

    async def own_id(db: AsyncSession) -> int:
        found = await db.scalar(
            select(CounsellorUser.id).where(CounsellorUser.username == "beheer-h")
        )
        assert found is not None
        return found

    me = in_db(client, own_id)
    admin.get("/beheer")
    refused = admin.post(f"/beheer/accounts/{me}/deactivate")
    assert refused.status_code == 409
    assert "laatste actieve beheerder" in refused.text
    assert admin.get("/beheer").status_code == 200


def test_two_admins_deactivating_each_other_at_once_leave_one_active(client: TestClient) -> None:
    logged_in(client, "admin-a", role=Role.ADMIN)
    logged_in(client, "admin-b", role=Role.ADMIN)
    sessions = client.app.state.sessionmaker  # type: ignore[attr-defined]

    async def deactivate(me: str, other: str) -> str:
        async with sessions() as db:
            users = {
                u.username: u
                for u in await db.scalars(
                    select(CounsellorUser).where(CounsellorUser.username.in_([me, other]))
                )
            }
            try:
                await accounts.set_active(db, users[me], users[other].id, False, OFFICE_HOURS_NOW)
            except accounts.AccountError as exc:
                return exc.code
            return "done"

    async def both() -> list[str]:
        return list(
            await asyncio.gather(deactivate("admin-a", "admin-b"), deactivate("admin-b", "admin-a"))
        )

    outcomes = client.portal.call(both)  # type: ignore[union-attr]
    assert sorted(outcomes) == ["done", "last_admin"]

    async def active(db: AsyncSession) -> int:
        rows = await db.scalars(
            select(CounsellorUser).where(
                CounsellorUser.role == Role.ADMIN, CounsellorUser.active.is_(True)
            )
        )
        return len(list(rows))

    assert in_db(client, active) == 1
