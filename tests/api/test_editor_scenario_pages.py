"""The scenarios page: every scenario with pass or fail on the draft, and the form that adds or
changes one (the household checked by benefits_rules' own parser, Dutch messages, typed values
kept), written into the draft's scenario file and audited."""

from __future__ import annotations

import re

import httpx
import yaml
from fastapi.testclient import TestClient

from api.auth.models import Role
from api.content.access import live_tree
from api.content.rules import run_tree
from tests.api.conftest import Browser, logged_in
from tests.api.test_editor_pages import audit_actions
from tests.api.test_editor_rules_pages import draft, save_premie

FILE = "benefits_rules/data/scenarios/zorgtoeslag.yaml"
FIRST = "alleenstaande met een laag inkomen krijgt de hoogste zorgtoeslag van 129 euro"
_SEEN = re.compile(r'name="seen" value="([^"]*)"')


# 1,912 % x 29.736 = 568,55; 13,730 % x (30.000 - 29.736) = 36,25; normpremie 604,80 -> 605;
# 2.119 - 605 = 1.514 a year, 126,17 -> 126 a month.
def new_scenario(editor: Browser, **fields: str) -> httpx.Response:
    form = {
        "scheme": "zorgtoeslag",
        "name": "alleenstaande met 30.000 euro inkomen krijgt 126 euro zorgtoeslag",
        "reference_date": "2026-03-01",
        "age": "30",
        "has_partner": "nee",
        "health_insured": "ja",
        "assets": "10000",
        "annual_income": "30.000",
        "outcome": "eligible",
        "amount": "126",
        "period": "month",
        **fields,
    }
    return editor.post("/editor/scenarios/bewaar", form)


def test_every_scenario_passes_on_an_unchanged_draft(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    page = editor.get("/editor/scenarios")
    assert page.status_code == 200
    total = len(run_tree(live_tree()).results)
    assert f"Alle {total} scenario's kloppen met het concept." in page.text
    assert FIRST in page.text
    ran = editor.get("/editor/scenarios?msg=ran")
    assert "Net gedraaid op het concept." in ran.text


def test_a_new_scenario_goes_into_the_draft_and_passes(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    assert editor.get("/editor/scenarios/nieuw?regeling=zorgtoeslag").status_code == 200
    response = new_scenario(editor)
    assert response.status_code == 303, response.text
    assert "Het scenario staat in het concept." in editor.get(response.headers["location"]).text
    text = draft(client)[FILE]
    assert text.startswith(live_tree()[FILE])  # added at the end, the rest as it was
    added = yaml.safe_load(text)["scenarios"][-1]
    assert added == {
        "name": "alleenstaande met 30.000 euro inkomen krijgt 126 euro zorgtoeslag",
        "household": {
            "reference_date": "2026-03-01",
            "has_partner": False,
            "health_insured": True,
            "age": 30,
            "assets": 10000,
            "annual_income": 30000,
        },
        "expect": {"outcome": "eligible", "amount_per_month": 126},
    }
    run = run_tree(draft(client))
    assert run.ok
    assert "content_edit" in audit_actions(client)


def test_a_wrong_expected_amount_fails_with_household_expected_and_actual(
    client: TestClient,
) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    assert new_scenario(editor, amount="80").status_code == 303
    page = editor.get("/editor/scenarios")
    assert "1 van de" in page.text
    assert "klopt niet met het concept." in page.text
    assert "verwacht <mark>80</mark>, uitkomst <mark>126</mark>" in page.text
    assert "Inkomen per jaar (euro)</dt><dd>30000" in page.text


def test_bad_household_input_gets_dutch_messages_and_keeps_what_was_typed(
    client: TestClient,
) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    cases = [
        ({"age": "dertig"}, "Leeftijd: Dit is geen getal.", 'value="dertig"'),
        ({"age": "300"}, "Leeftijd: Dit gegeven van het huishouden klopt niet.", 'value="300"'),
        ({"name": " "}, "Naam: Vul dit in.", 'value="30"'),
        ({"amount": "70,5"}, "Bedrag: Vul een heel getal in.", 'value="70,5"'),
        ({"other": "kinderopvang"}, "Overige gegevens: Schrijf", 'value="kinderopvang"'),
        ({"other": "{pets: 2}"}, "Overige gegevens: Dit gegeven van het huishouden", "pets"),
    ]
    for fields, message, kept in cases:
        response = new_scenario(editor, **fields)
        assert response.status_code == 422, fields
        assert message in response.text, (fields, response.text[-3000:])
        assert kept in response.text, fields
    assert draft(client)[FILE] == live_tree()[FILE]


def test_editing_a_scenario_keeps_its_other_expectations(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    # an amount change breaks the first scenario; the editor corrects its expected amount
    assert save_premie(editor, "2.219").status_code == 303
    url = "/editor/scenarios/bewerk?bestand=scenarios/zorgtoeslag.yaml&nummer=0"
    form = editor.get(url)
    assert form.status_code == 200
    assert "verwacht <mark>129</mark>, uitkomst <mark>137</mark>" in form.text
    assert 'name="annual_income" type="text" value="20000"' in form.text
    assert '<option value="ja" selected>ja, een indicatie</option>' in form.text
    seen = _SEEN.search(form.text)
    assert seen is not None
    fields = {
        "bestand": "scenarios/zorgtoeslag.yaml",
        "nummer": "0",
        "seen": seen.group(1),
        "name": FIRST.replace("129", "137"),
        "amount": "137",
        "annual_income": "20000",
        "indicative": "ja",
    }
    assert new_scenario(editor, **fields).status_code == 303
    first = yaml.safe_load(draft(client)[FILE])["scenarios"][0]
    assert first["expect"]["amount_per_month"] == 137
    assert first["expect"]["indicative"] is True
    assert first["expect"]["reasons"] == {
        "age": True,
        "health_insured": True,
        "income": True,
        "assets": True,
        "amount": True,
    }
    again = editor.get(url)
    assert "Dit scenario klopt met het concept." in again.text
    # the same form again, with what was seen before: a colleague's change is not overwritten
    stale = new_scenario(editor, **{**fields, "amount": "136"})
    assert stale.status_code == 409
    assert "Een collega heeft dit scenario intussen veranderd" in stale.text
    assert 'value="136"' in stale.text
