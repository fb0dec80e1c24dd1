"""The regelingen pages: every parameter in human units, edits into the draft with Dutch
refusals that keep the typed value, the scenarios a change breaks, a new period, conflicts,
and every save in the audit log."""

from __future__ import annotations

import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import Role
from api.content import drafts
from api.content.access import live_tree
from api.content.rules import build_period, run_tree
from api.content.scope import Scope
from tests.api.conftest import Browser, logged_in
from tests.api.test_editor_pages import audit_actions
from tests.conftest import TEST_MUNICIPALITY

ZORG = "/editor/regelingen/national/zorgtoeslag"
ZORG_2026 = "benefits_rules/data/national/zorgtoeslag/2026-01-01.yaml"
PREMIE = f"{ZORG}/bewerk?periode=2026-01-01&parameter=standaardpremie"
_SEEN = re.compile(r'name="seen" value="([^"]+)"')


def draft(client: TestClient) -> dict[str, str]:
    from tests.api.conftest import in_db

    async def work(db: AsyncSession) -> dict[str, str]:
        return await drafts.draft_tree(db, live_tree(), Scope("heerlen"))

    return in_db(client, work)


def seen_of(editor: Browser, url: str) -> str:
    found = _SEEN.search(editor.get(url).text)
    assert found is not None
    return found.group(1)


def save_premie(
    editor: Browser, value: str, seen: str | None = None, **fields: str
) -> httpx.Response:
    form = {
        "periode": "2026-01-01",
        "parameter": "standaardpremie",
        "seen": seen or seen_of(editor, PREMIE),
        "value": value,
        "source": "https://www.rijksoverheid.nl/standaardpremie-2026",
        "checked": "2026-11-02",
        "verified": "ja",
        "note": "Secondary (VN Vandaag, 26 Nov 2025).",
        **fields,
    }
    return editor.post(f"{ZORG}/bewerk", form)


def test_counsellors_get_403(client: TestClient) -> None:
    counsellor = logged_in(client, "sanne")
    for url in ("/editor/regelingen", ZORG, PREMIE, "/editor/scenarios"):
        assert counsellor.get(url).status_code == 403, url


def test_the_schemes_of_the_nation_and_the_editors_own_municipality(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    page = editor.get("/editor/regelingen")
    assert page.status_code == 200
    assert "Zorgtoeslag" in page.text
    assert "/editor/regelingen/heerlen/bijzondere_bijstand" in page.text
    assert "/editor/regelingen/national/participatiewet" in page.text  # the bijstandsnormen
    other = logged_in(client, "piet", role=Role.EDITOR, municipality=TEST_MUNICIPALITY)
    theirs = other.get("/editor/regelingen")
    assert "Zorgtoeslag" in theirs.text
    assert "/editor/regelingen/heerlen/" not in theirs.text
    assert other.get("/editor/regelingen/heerlen/leergeld").status_code == 303


def test_a_scheme_shows_every_parameter_in_human_units(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    page = editor.get(ZORG)
    assert page.status_code == 200
    assert "Alle 24 scenario's kloppen met het concept." in page.text
    assert "Vanaf 2026-01-01 tot en met 2026-12-31" in page.text
    row = re.search(r'<tr id="param-2026-01-01-standaardpremie">(.*?)</tr>', page.text, re.S)
    assert row is not None
    assert "2.119" in row.group(1)
    assert "euro per jaar" in row.group(1)
    assert "nee: indicatie" in row.group(1)  # unverified, visibly
    percent = re.search(
        r'<tr id="param-2026-01-01-normpremie_pct_drempel_single">(.*?)</tr>', page.text, re.S
    )
    assert percent is not None
    assert "1,912" in percent.group(1)
    assert "procent" in percent.group(1)
    norms = editor.get("/editor/regelingen/national/participatiewet")
    assert "1.401,5" in norms.text


def test_a_changed_amount_goes_into_the_draft_and_shows_the_scenarios_it_breaks(
    client: TestClient,
) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    form = editor.get(PREMIE)
    assert 'value="2.119"' in form.text
    response = save_premie(editor, "2.219")
    assert response.status_code == 303
    page = editor.get(response.headers["location"])
    assert "De wijziging staat in het concept." in page.text
    assert "van de 24 scenario's kloppen niet met het concept." in page.text
    assert (
        "alleenstaande met een laag inkomen krijgt de hoogste zorgtoeslag van 129 euro" in page.text
    )
    # household, expected and actual side by side
    assert "Inkomen per jaar (euro)</dt><dd>20000" in page.text
    assert "verwacht <mark>129</mark>, uitkomst <mark>137</mark>" in page.text
    text = draft(client)[ZORG_2026]
    assert "    value: 221900\n    unit: eurocent_per_year" in text
    note = "    note: Secondary (VN Vandaag, 26 Nov 2025).\n"
    assert f"    verified: true\n{note}    checked: 2026-11-02\n" in text
    # everything else as it was, comments too
    assert text.startswith("# Zorgtoeslag 2026. Amounts in eurocent;")
    assert "content_edit" in audit_actions(client)
    # residents do not get it before a publish
    assert "value: 211900" in live_tree()[ZORG_2026]


def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    cases = [
        ({"value": "twee"}, "Dit is geen getal.", 'value="twee"'),
        ({"value": "2119,505"}, "te veel cijfers achter de komma", 'value="2119,505"'),
        ({"value": "-5"}, "kan niet negatief zijn", 'value="-5"'),
        (
            {"value": "2.119", "source": "belastingdienst"},
            "begint met https://",
            'value="belastingdienst"',
        ),
        ({"value": "2.119", "checked": "gisteren"}, "Dit is geen datum.", 'value="gisteren"'),
        ({"value": "2.119", "checked": "2099-01-01"}, "in de toekomst", 'value="2099-01-01"'),
    ]
    for fields, message, kept in cases:
        response = save_premie(editor, **fields)  # type: ignore[arg-type]
        assert response.status_code == 422, fields
        assert message in response.text, fields
        assert kept in response.text, fields
    assert draft(client)[ZORG_2026] == live_tree()[ZORG_2026]


def test_a_value_that_breaks_the_rules_is_refused_by_the_loader(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    url = f"{ZORG}/bewerk?periode=2026-01-01&parameter=min_age"
    form = {
        "periode": "2026-01-01",
        "parameter": "min_age",
        "seen": seen_of(editor, url),
        "value": "",  # a figure the calculator needs may not be empty
        "source": "https://wetten.overheid.nl/BWBR0018451/2026-01-01",
        "verified": "",
    }
    response = editor.post(f"{ZORG}/bewerk", form)
    assert response.status_code == 422
    assert "Vul dit in." in response.text


def test_a_figure_that_was_not_found_stays_empty_and_cannot_be_verified(
    client: TestClient,
) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    scheme = "/editor/regelingen/heerlen/kwijtschelding"
    assert "niet gevonden" in editor.get(scheme).text
    url = f"{scheme}/bewerk?periode=2026-01-01&parameter=costs_of_living_pct"
    form = {
        "periode": "2026-01-01",
        "parameter": "costs_of_living_pct",
        "seen": seen_of(editor, url),
        "value": "",
        "source": "https://wetten.overheid.nl/BWBR0047157/2022-09-17",
        "verified": "ja",
        "note": "NOT FOUND",
    }
    refused = editor.post(f"{scheme}/bewerk", form)
    assert refused.status_code == 422
    assert "Een bedrag dat niet gevonden is, kan niet gecontroleerd zijn." in refused.text
    found = editor.post(f"{scheme}/bewerk", {**form, "value": "95", "note": "Found: 95 %."})
    assert found.status_code == 303
    path = "benefits_rules/data/municipalities/heerlen/kwijtschelding/2026-01-01.yaml"
    assert "  costs_of_living_pct:\n    value: 95\n" in draft(client)[path]


def test_a_colleagues_newer_save_is_a_conflict(client: TestClient) -> None:
    eva = logged_in(client, "eva", role=Role.EDITOR)
    bas = logged_in(client, "bas", role=Role.EDITOR)
    seen = seen_of(eva, PREMIE)
    assert save_premie(bas, "2.150").status_code == 303
    response = save_premie(eva, "2.219", seen=seen)
    assert response.status_code == 409
    assert "Een collega heeft dit gegeven intussen veranderd" in response.text
    assert "(bas" in response.text
    assert 'value="2.219"' in response.text  # eva's input stays
    assert "value: 215000" in draft(client)[ZORG_2026]
    # saving again, knowingly, over the colleague's value
    again = _SEEN.search(response.text)
    assert again is not None
    assert save_premie(eva, "2.219", seen=again.group(1)).status_code == 303
    assert "value: 221900" in draft(client)[ZORG_2026]


def test_a_new_period_copies_the_latest_marked_unverified(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    page = editor.get(ZORG)
    assert 'value="2027-01-01"' in page.text
    response = editor.post(
        f"{ZORG}/periode", {"valid_from": "2027-01-01", "valid_until": "2027-12-31"}
    )
    assert response.status_code == 303
    shown = editor.get(response.headers["location"])
    assert "Vanaf 2027-01-01 tot en met 2027-12-31" in shown.text
    assert "Vanaf 2026-01-01 tot en met 2026-12-31" in shown.text
    tree = draft(client)
    new = tree["benefits_rules/data/national/zorgtoeslag/2027-01-01.yaml"]
    period = build_period("", new)
    assert all(not p.verified for p in period.params)
    assert "valid_from: 2027-01-01\n" in new
    assert "valid_until: 2027-12-31\n" in new
    assert "valid_until: 2026-12-31" in tree[ZORG_2026]  # the day before the new one
    # The one scenario that said "no rules for 2027 yet" now fails: the editor sees it.
    assert [r.name for r in run_tree(tree).failed] == [
        "voor 2027 hebben we nog geen regels en rekenen we niet met die van 2026"
    ]
    assert "voor 2027 hebben we nog geen regels" in shown.text
    # the same date again, and a date before the latest period, are refused in Dutch
    again = editor.post(f"{ZORG}/periode", {"valid_from": "2027-01-01", "valid_until": ""})
    assert again.status_code == 422
    assert "Er is al een periode met deze begindatum." in again.text
    earlier = editor.post(f"{ZORG}/periode", {"valid_from": "2026-06-01", "valid_until": ""})
    assert "begint na de laatste periode" in earlier.text
    assert 'value="2026-06-01"' in earlier.text


def test_a_new_period_from_mid_year_ends_the_previous_one_the_day_before(
    client: TestClient,
) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    url = "/editor/regelingen/national/participatiewet/periode"
    response = editor.post(url, {"valid_from": "2026-07-01", "valid_until": "2026-12-31"})
    assert response.status_code == 303
    tree = draft(client)
    previous = tree["benefits_rules/data/national/participatiewet/2026-01-01.yaml"]
    assert "valid_until: 2026-06-30" in previous
    assert run_tree(tree).ok
