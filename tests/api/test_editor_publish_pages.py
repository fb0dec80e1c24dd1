"""The editors' publish and versions pages: access, the list, a version's diff, rollback, audit."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import AuditEntry
from api.auth.models import Role
from api.content.publish import Publisher, start_job
from api.content.versions import live_number
from api.settings import Settings
from tests.api.conftest import (
    OFFICE_HOURS_NOW,
    in_db,
    logged_in,
    store_live_version,
    workspace_settings,
)

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "var" / "models" / "current.tar.gz"


@pytest.fixture
def settings(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    return workspace_settings(database_url, tmp_path, monkeypatch, MODEL)


@pytest.fixture
def loaded(client: TestClient) -> list[str]:
    """Model files Rasa was told to load (PUT /model on a mock transport)."""
    models: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.method == "PUT"
        models.append(json.loads(request.content)["model_file"])
        return httpx.Response(204)

    app = client.app
    publisher: Publisher = app.state.publisher  # type: ignore[attr-defined]
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    app.state.publisher = dataclasses.replace(publisher, http=http)  # type: ignore[attr-defined]
    return models


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/editor/publiceren"),
        ("POST", "/editor/publiceren"),
        ("GET", "/editor/versies"),
        ("GET", "/editor/versies/1"),
        ("POST", "/editor/versies/1/herstel"),
    ],
)
def test_counsellors_get_403(client: TestClient, method: str, url: str) -> None:
    counsellor = logged_in(client, "sanne")
    response = counsellor.get(url) if method == "GET" else counsellor.post(url)
    assert response.status_code == 403
    assert "alleen voor redacteuren" in response.text


def test_version_one_is_the_repository_and_an_unchanged_draft_is_not_published(
    client: TestClient,
) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    page = editor.get("/editor/versies")
    assert page.status_code == 200
    assert "het project" in page.text
    assert "(live)" in page.text
    publish = editor.get("/editor/publiceren")
    assert "Inwoners zien nu versie 1" in publish.text
    response = editor.post("/editor/publiceren")
    assert response.status_code == 303
    assert response.headers["location"].endswith("msg=no_changes")
    after = editor.get(response.headers["location"])
    assert "Er zijn geen wijzigingen om te publiceren" in after.text


def test_a_version_shows_its_diff_and_rollback_restores_it_in_one_click(
    client: TestClient, loaded: list[str]
) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    editor.get("/editor/versies")  # version 1 from the repository
    publisher: Publisher = client.app.state.publisher  # type: ignore[attr-defined]
    workspace = publisher.workspace
    old = workspace.tree(1)
    new = dict(old)
    lines = old["api/texts.nl.yml"].splitlines()
    new["api/texts.nl.yml"] = "\n".join([*lines[:-1], lines[-1] + " Extra."]) + "\n"
    store_live_version(client, 2, new, MODEL)
    page = editor.get("/editor/versies/2")
    assert page.status_code == 200
    assert 'class="diff-add"' in page.text
    assert 'class="diff-del"' in page.text
    assert "Herstel deze versie" not in page.text  # it is live

    listing = editor.get("/editor/versies")
    assert listing.text.count("Herstel deze versie") == 1
    response = editor.post("/editor/versies/1/herstel")
    assert response.status_code == 303
    assert loaded == [str(workspace.model_file(1).resolve())]

    async def state(db: AsyncSession) -> tuple[int | None, list[str]]:
        actions = (await db.execute(select(AuditEntry.action))).scalars().all()
        return await live_number(db), list(actions)

    live, actions = in_db(client, state)
    assert live == 1
    assert "content_rollback" in actions
    assert workspace.live.resolve() == workspace.version_dir(1).resolve()
    assert "De versie is hersteld" in editor.get("/editor/versies?msg=restored").text


def test_rollback_of_an_unknown_version_is_404(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    editor.get("/editor/versies")
    assert editor.post("/editor/versies/9/herstel").status_code == 404


def test_the_publish_page_shows_each_step_and_its_state_in_dutch(client: TestClient) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)

    async def failed_in_training(db: AsyncSession) -> None:
        job = await start_job(db, "eva", OFFICE_HOURS_NOW)
        states = {"texts": "done", "validate": "done", "rules": "skipped", "train": "failed"}
        job.progress = [
            {**item, "state": states.get(item["step"], item["state"])} for item in job.progress
        ]
        job.status = "failed"
        job.error = "Het trainen van het model is mislukt (volledig verslag: train.log)."
        await db.commit()

    in_db(client, failed_in_training)
    page = editor.get("/editor/publiceren").text
    assert "Teksten: B1 en plaatshouders: <strong>klaar</strong>" in page
    assert "Regels: scenario&#39;s: <strong>overgeslagen</strong>" in page
    assert "Model trainen: <strong>mislukt</strong>" in page
    assert "Gesprekstesten: <strong>wacht</strong>" in page
    assert "Mislukt: inwoners zien nog steeds de vorige versie." in page
    assert "Het trainen van het model is mislukt" in page
    assert "Er loopt al een publicatie" in editor.get("/editor/publiceren?msg=busy").text


def test_rasa_servers_fetch_a_versions_model_only_with_their_token(
    client: TestClient, settings: Settings
) -> None:
    editor = logged_in(client, "eva", role=Role.EDITOR)
    assert editor.get("/editor/publiceren").status_code == 200  # makes version 1
    url = "/internal/models/1.tar.gz"
    response = client.get(url, params={"token": settings.rasa_token})
    assert response.status_code == 200
    assert response.content == MODEL.read_bytes()
    assert response.headers["etag"] == '"version-1"'
    assert client.get(url).status_code == 403
    assert client.get(url, params={"token": "x" + settings.rasa_token}).status_code == 403
    # A logged-in editor is not a Rasa server.
    assert editor.get(url).status_code == 403
    missing = client.get("/internal/models/99.tar.gz", params={"token": settings.rasa_token})
    assert missing.status_code == 404


def test_a_failing_scenario_is_shown_before_and_a_publish_is_refused(client: TestClient) -> None:
    from tests.api.test_editor_rules_pages import save_premie

    editor = logged_in(client, "eva", role=Role.EDITOR)
    assert save_premie(editor, "2.219").status_code == 303
    page = editor.get("/editor/publiceren")
    assert "Eerst de scenario" in page.text
    failing = "alleenstaande met een laag inkomen krijgt de hoogste zorgtoeslag van 129 euro"
    assert failing in page.text
    assert 'action="/editor/publiceren"' not in page.text  # no button to start
    response = editor.post("/editor/publiceren")
    assert response.status_code == 303
    assert response.headers["location"] == "/editor/publiceren?msg=scenarios"
    refused = editor.get(response.headers["location"])
    assert "Niet gestart: niet elk scenario klopt met het concept." in refused.text

    async def jobs(db: AsyncSession) -> int:
        from api.content.version_tables import ContentJob

        return len((await db.execute(select(ContentJob))).scalars().all())

    assert in_db(client, jobs) == 0
