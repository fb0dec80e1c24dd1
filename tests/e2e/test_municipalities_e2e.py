"""Two municipalities on one running stack: a resident of Heerlen and one of the fictional
Proefdorp at the same time, each with their own phone number, local organisations and schemes,
and a consented handoff in their own municipality's inbox only. On SQLite and PostgreSQL.

Proefdorp is added to a copy of the rule data as any municipality is (a folder and an entry in
deployment.yaml, ``with_test_municipality``); every process of the stack reads that copy
(RONDKOMEN_RULES_DIR). Both municipalities' counsellors are there around the clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.support import CSRF_FIELD, create_account, log_in_over_http
from tests.conftest import (
    TEST_MUNICIPALITY,
    always_open_rules,
    new_postgres_database,
    new_stack,
    running,
)
from tests.e2e.test_benefits_check_e2e import _answer_for

pytestmark = pytest.mark.stack

HEERLEN_PHONE, PROEFDORP_PHONE = "14 045", "0123 456 789"


@dataclass(frozen=True)
class TwoMunicipalities:
    api_url: str
    database_url: str
    rules: Path


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def two(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TwoMunicipalities]:
    workdir = tmp_path_factory.mktemp(f"two-{request.param}")
    rules = always_open_rules(workdir / "rules-two", test_municipality=True)
    if request.param == "sqlite":
        url = f"sqlite:///{workdir / 'rondkomen.db'}"
        with running(new_stack(workdir, RONDKOMEN_RULES_DIR=str(rules))) as stack:
            yield TwoMunicipalities(str(stack.api_url), url, rules)  # type: ignore[attr-defined]
        return
    with new_postgres_database() as url:
        instance = new_stack(workdir, RONDKOMEN_RULES_DIR=str(rules), RONDKOMEN_DATABASE_URL=url)
        with running(instance) as stack:
            yield TwoMunicipalities(str(stack.api_url), url, rules)  # type: ignore[attr-defined]


class Resident:
    def __init__(self, two: TwoMunicipalities, municipality: str) -> None:
        self.api = httpx.Client(base_url=two.api_url, timeout=60)
        created = self.api.post("/api/v1/sessions", json={"municipality": municipality})
        assert created.status_code == 201, created.text
        assert created.json()["municipality"] == municipality
        self.token = str(created.json()["session_id"])

    def say(self, text: str) -> str:
        answer = self.api.post(f"/api/v1/sessions/{self.token}/messages", json={"text": text})
        assert answer.status_code == 200, answer.text
        self.messages: list[dict[str, Any]] = answer.json()["messages"]
        return "\n".join(str(m["text"]) for m in self.messages)

    def handoff(self, path: str = "", **body: Any) -> dict[str, Any]:
        url = f"/api/v1/sessions/{self.token}/handoff{path}"
        answer = self.api.post(url, json=body) if body or not path else self.api.get(url)
        assert answer.status_code == 200, answer.text
        found: dict[str, Any] = answer.json()
        return found


def _names(text: str, says: list[str], never: list[str]) -> None:
    for name in says:
        assert name in text, (name, text)
    for name in never:
        assert name not in text, (name, text)


def test_a_key_the_installation_does_not_serve_gets_no_conversation(
    two: TwoMunicipalities,
) -> None:
    api = httpx.Client(base_url=two.api_url, timeout=60)
    answer = api.post("/api/v1/sessions", json={"municipality": "atlantis"})
    assert answer.status_code == 404
    assert answer.json()["error"]["message"] == "Deze gemeente is niet bekend."


def test_each_resident_gets_their_own_phone_and_local_organisations(
    two: TwoMunicipalities,
) -> None:
    heerlen, proefdorp = Resident(two, "heerlen"), Resident(two, TEST_MUNICIPALITY)
    for resident, own, other in (
        (heerlen, HEERLEN_PHONE, PROEFDORP_PHONE),
        (proefdorp, PROEFDORP_PHONE, HEERLEN_PHONE),
    ):
        _names(resident.say("ik heb schulden"), [own], [other])
        _names(resident.say("ik kan mijn huur niet meer betalen"), [own], [other])
    # Interleaved, in the same running stack: the answers stay each municipality's own.
    person = proefdorp.say("ik wil iemand spreken")
    _names(person, [PROEFDORP_PHONE, "maandag en woensdag"], [HEERLEN_PHONE])
    _names(heerlen.say("ik wil iemand spreken"), [HEERLEN_PHONE, "vrijdag tot 12.30"], [])
    assert "Voedselbank Proefdorp" in proefdorp.say("ik heb geen geld meer voor eten")
    assert "Proefdorp" not in heerlen.say("ik heb geen geld meer voor eten")
    for resident, own in ((heerlen, HEERLEN_PHONE), (proefdorp, PROEFDORP_PHONE)):
        assert resident.handoff("/availability")["phone"] == own


def _check(resident: Resident, first: str) -> str:
    said = resident.say(first)
    for _ in range(20):
        if "Wat wilt u nu doen?" in said:
            return said
        said = resident.say(_answer_for(str(resident.messages[-1]["text"])))
    raise AssertionError(f"the check did not end: {said}")


def test_each_resident_gets_their_own_schemes_in_the_benefits_check(
    two: TwoMunicipalities,
) -> None:
    heerlen, proefdorp = Resident(two, "heerlen"), Resident(two, TEST_MUNICIPALITY)
    there = _check(proefdorp, "welke regelingen heeft de gemeente voor mij?")
    here = _check(heerlen, "welke regelingen heeft de gemeente voor mij?")
    _names(there, ["Sportbijdrage Proefdorp", "120 euro"], ["Fit & Fun"])
    _names(here, ["Fit & Fun"], ["Sportbijdrage"])
    # Never asked: the widget said where the resident lives.
    assert "In welke gemeente woont u?" not in there + here


def test_a_resident_who_says_they_live_elsewhere_gets_that_municipalitys_schemes(
    two: TwoMunicipalities,
) -> None:
    """On Heerlen's site, "ik woon in Proefdorp" counts: the rules of the place one lives in."""
    resident = Resident(two, "heerlen")
    resident.say("ik woon in proefdorp en heb 1200 per maand")
    there = _check(resident, "welke regelingen heeft de gemeente voor mij?")
    _names(there, ["Sportbijdrage Proefdorp"], ["Fit & Fun"])


class Counsellor:
    def __init__(self, two: TwoMunicipalities, municipality: str) -> None:
        env = {"RONDKOMEN_DATABASE_URL": two.database_url, "RONDKOMEN_RULES_DIR": str(two.rules)}
        username, password = create_account(env, "counsellor", "Sam", municipality)
        self.api = httpx.Client(base_url=two.api_url, timeout=60, follow_redirects=False)
        self.headers = log_in_over_http(self.api, username, password)

    def get(self, path: str) -> httpx.Response:
        return self.api.get(path, headers=self.headers)

    def lookup(self, code: str) -> httpx.Response:
        token = CSRF_FIELD.search(self.get("/counsellor/").text)
        assert token is not None
        return self.api.post(
            "/counsellor/lookup",
            data={"code": code, "csrf_token": token.group(1)},
            headers=self.headers,
        )


def _shared(resident: Resident) -> str:
    """The resident asks for a person and shares with a reference code; the code."""
    assert "medewerker" in resident.say("ik wil iemand spreken")
    resident.handoff()
    shared = resident.handoff("/consent", route="reference")
    assert shared["status"] == "consented"
    return str(shared["reference_code"])


def test_a_handoff_lands_in_its_own_municipalitys_inbox_only(two: TwoMunicipalities) -> None:
    heerlen, proefdorp = Resident(two, "heerlen"), Resident(two, TEST_MUNICIPALITY)
    heerlen_code, proefdorp_code = _shared(heerlen), _shared(proefdorp)
    sam, pim = Counsellor(two, "heerlen"), Counsellor(two, TEST_MUNICIPALITY)

    ours, theirs = sam.get("/counsellor/").text, pim.get("/counsellor/").text
    _names(ours, [heerlen_code, "Gemeente Heerlen"], [proefdorp_code])
    _names(theirs, [proefdorp_code, "Gemeente Proefdorp (fictief)"], [heerlen_code])
    proefdorp_link = re.search(rf'href="(/counsellor/handoffs/\d+)">{proefdorp_code}<', theirs)
    assert proefdorp_link is not None
    # Heerlen's counsellor cannot open it by its id, nor find it by its code.
    assert sam.get(proefdorp_link.group(1)).status_code == 404
    assert pim.get(proefdorp_link.group(1)).status_code == 200
    assert sam.lookup(proefdorp_code).headers["location"].endswith("msg=code_not_found")
    assert pim.lookup(proefdorp_code).headers["location"] == proefdorp_link.group(1)
