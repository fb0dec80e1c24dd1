"""Several municipalities on one running API: the widget names the municipality when the
conversation starts (only a served one), and everything bound to the conversation is that
municipality's: the bot gets it with every message, phone numbers, office hours, the widget's
facts and the privacy page. On SQLite and PostgreSQL (``client``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from benefits_rules.contract import message_metadata
from tests.conftest import ROOT, TEST_MUNICIPALITY, with_test_municipality

from .conftest import BASE_URL, FakeRasa, api_settings, handoff_url, new_session

NOT_SERVED = "Deze gemeente is niet bekend."


def two_municipalities(target: Path) -> Path:
    """A copy of the rule data serving Heerlen and the fictional Proefdorp."""
    return with_test_municipality(Path(shutil.copytree(ROOT / "benefits_rules" / "data", target)))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """The API of this file (``client``, at 10:00 on a Tuesday) serves both municipalities."""
    return api_settings(database_url, rules_dir=two_municipalities(tmp_path / "rules"))


def test_each_conversation_gets_its_own_municipality(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    heerlen, proefdorp = new_session(client, "heerlen"), new_session(client, TEST_MUNICIPALITY)
    default = new_session(client)
    for token in (heerlen, proefdorp, default):
        assert client.post(f"/api/v1/sessions/{token}/messages", json={"text": "hallo"}).is_success
    assert fake_rasa.metadata == [
        message_metadata("heerlen"),
        message_metadata(TEST_MUNICIPALITY),
        message_metadata("heerlen"),
    ]
    there = client.get(handoff_url(proefdorp, "/availability")).json()
    here = client.get(handoff_url(heerlen, "/availability")).json()
    assert (there["phone"], there["office_open"]) == ("0123 456 789", False)
    assert (here["phone"], here["office_open"]) == ("14 045", True)
    fake_rasa.down = True
    answer = client.post(f"/api/v1/sessions/{proefdorp}/messages", json={"text": "hallo"})
    assert answer.status_code == 503
    assert "0123 456 789" in answer.json()["error"]["message"]


@pytest.mark.parametrize("key", ["atlantis", "HEERLEN", "x" * 65])
def test_a_municipality_not_served_gets_no_conversation(client: TestClient, key: str) -> None:
    answer = client.post("/api/v1/sessions", json={"municipality": key})
    assert answer.status_code in (404, 422)
    if answer.status_code == 404:
        assert answer.json()["error"] == {"code": "municipality_not_found", "message": NOT_SERVED}
    config = client.get("/api/v1/widget-config", params={"municipality": key})
    assert config.status_code in (404, 422)


def test_a_municipality_with_a_folder_but_no_entry_is_not_served(tmp_path: Path) -> None:
    rules = two_municipalities(tmp_path / "rules")
    deployment = rules / "deployment.yaml"
    deployment.write_text(
        deployment.read_text(encoding="utf-8").replace(f"  - {TEST_MUNICIPALITY}\n", ""),
        encoding="utf-8",
    )
    app = create_app(api_settings(f"sqlite:///{tmp_path / 'one.db'}", rules_dir=rules))
    with TestClient(app, base_url=BASE_URL) as client:
        answer = client.post("/api/v1/sessions", json={"municipality": TEST_MUNICIPALITY})
        assert answer.status_code == 404
        assert answer.json()["error"]["message"] == NOT_SERVED


def test_the_widget_config_and_privacy_page_are_the_municipalitys_own(client: TestClient) -> None:
    config = client.get("/api/v1/widget-config", params={"municipality": TEST_MUNICIPALITY}).json()
    assert config == {
        "municipality": TEST_MUNICIPALITY,
        "name": "Gemeente Proefdorp (fictief)",
        "phone": "0123 456 789",
        "phone_href": "tel:0123456789",
        "privacy_url": f"/privacy?municipality={TEST_MUNICIPALITY}",
    }
    assert client.get("/api/v1/widget-config").json()["phone"] == "14 045"
    page = client.get(config["privacy_url"])
    assert page.status_code == 200
    assert "Gemeente Proefdorp (fictief)" in page.text
    assert "Gemeente Heerlen" not in page.text
