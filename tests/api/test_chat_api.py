"""The chat API on its own: sessions, validation, errors, and what happens when Rasa is down.

Rasa and the action server are pointed at ports where nothing listens: the API meets a real
refused connection, as it would when they are down.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select

from api.db import sync_url
from api.main import create_app
from api.models import ChatMessage, ChatSession
from api.settings import Settings
from benefits_rules.texts import RECHECK_SECONDS
from tests.conftest import ROOT, free_port


@pytest.fixture
def db_url(database_url: str) -> str:
    """SQLite and PostgreSQL (tests/api/conftest.py runs every test on both)."""
    return sync_url(Settings(environment="test", database_url=database_url).database_url)


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    closed = free_port()
    settings = Settings(
        environment="test",
        database_url=db_url,
        rasa_url=f"http://127.0.0.1:{closed}",
        action_server_url=f"http://127.0.0.1:{closed}",
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _rows(db_url: str) -> tuple[int, int]:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        sessions = conn.scalar(select(func.count()).select_from(ChatSession))
        messages = conn.scalar(select(func.count()).select_from(ChatMessage))
    engine.dispose()
    return int(sessions or 0), int(messages or 0)


def _new_session(client: TestClient) -> str:
    response = client.post("/api/v1/sessions")
    assert response.status_code == 201
    session_id = response.json()["session_id"]
    assert isinstance(session_id, str)
    return session_id


def test_sessions_are_random_and_unguessable(client: TestClient) -> None:
    ids = {_new_session(client) for _ in range(20)}
    assert len(ids) == 20
    assert all(len(i) >= 40 for i in ids)


def test_session_id_itself_is_not_stored(client: TestClient, db_url: str) -> None:
    session_id = _new_session(client)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        stored = conn.scalars(select(ChatSession.id)).all()
    engine.dispose()
    assert session_id not in stored
    assert len(stored) == 1


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_message_is_refused_in_dutch(client: TestClient, text: str) -> None:
    session_id = _new_session(client)
    response = client.post(f"/api/v1/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "empty_message"
    assert "leeg" in error["message"]


def test_too_long_message_is_refused(client: TestClient) -> None:
    session_id = _new_session(client)
    response = client.post(f"/api/v1/sessions/{session_id}/messages", json={"text": "a" * 2001})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "message_too_long"
    assert "2000" in response.json()["error"]["message"]


def test_malformed_json_is_refused(client: TestClient) -> None:
    session_id = _new_session(client)
    response = client.post(
        f"/api/v1/sessions/{session_id}/messages",
        content=b'{"text": "hallo"',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_missing_text_field_is_refused(client: TestClient) -> None:
    session_id = _new_session(client)
    response = client.post(f"/api/v1/sessions/{session_id}/messages", json={"tekst": "hallo"})
    assert response.status_code == 422
    assert response.json()["error"]["message"]


def test_unknown_session_is_404(client: TestClient) -> None:
    response = client.post("/api/v1/sessions/doesnotexist/messages", json={"text": "hallo"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "session_not_found"
    assert client.delete("/api/v1/sessions/doesnotexist").status_code == 404


def test_bot_down_gives_503_with_phone_and_stores_nothing(client: TestClient, db_url: str) -> None:
    session_id = _new_session(client)
    before = _rows(db_url)
    response = client.post(
        f"/api/v1/sessions/{session_id}/messages", json={"text": "ik heb schulden"}
    )
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "bot_unavailable"
    assert "14 045" in error["message"]
    assert _rows(db_url) == before


def test_delete_when_rasa_is_down_keeps_everything_and_says_so(
    client: TestClient, db_url: str
) -> None:
    session_id = _new_session(client)
    response = client.delete(f"/api/v1/sessions/{session_id}")
    assert response.status_code == 503
    assert "niets gewist" in response.json()["error"]["message"]
    assert _rows(db_url) == (1, 0)  # each test starts with an empty database


def test_health_reports_each_component(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    body = response.json()
    assert body["components"] == {"rasa": "down", "action_server": "down", "database": "ok"}


def test_widget_config_comes_from_the_municipality_file(client: TestClient) -> None:
    response = client.get("/api/v1/widget-config", params={"municipality": "heerlen"})
    assert response.status_code == 200
    assert response.json()["phone"] == "14 045"
    assert client.get("/api/v1/widget-config", params={"municipality": "x"}).status_code == 404


def test_openapi_documents_the_chat_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/v1/sessions" in paths
    assert "/api/v1/sessions/{session_id}/messages" in paths
    assert "delete" in paths["/api/v1/sessions/{session_id}"]
    assert "/api/v1/health" in paths


def test_widget_on_another_origin_is_allowed_only_when_configured(db_url: str) -> None:
    settings = Settings(
        environment="test", database_url=db_url, widget_origins=["https://www.heerlen.nl"]
    )
    with TestClient(create_app(settings)) as client:
        allowed = client.options(
            "/api/v1/sessions",
            headers={"Origin": "https://www.heerlen.nl", "Access-Control-Request-Method": "POST"},
        )
        assert allowed.headers.get("access-control-allow-origin") == "https://www.heerlen.nl"
        other = client.options(
            "/api/v1/sessions",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in other.headers


def test_widget_strings_follow_the_live_content_root(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = json.loads((ROOT / "web_widget" / "strings.nl.json").read_text(encoding="utf-8"))
    time.sleep(RECHECK_SECONDS + 0.1)  # what an earlier test pointed the live root at has passed
    response = client.get("/widget/strings.nl.json")
    assert response.status_code == 200
    assert response.json() == shipped
    assert response.headers["cache-control"] == "no-cache"
    published = tmp_path / "version" / "web_widget" / "strings.nl.json"
    published.parent.mkdir(parents=True)
    first_key = next(iter(shipped))
    published.write_text(
        json.dumps({**shipped, first_key: "Een nieuwe tekst van de redactie."}), encoding="utf-8"
    )
    monkeypatch.setenv("RONDKOMEN_CONTENT_DIR", str(tmp_path / "version"))
    time.sleep(RECHECK_SECONDS + 0.1)
    assert client.get("/widget/strings.nl.json").json()[first_key] == (
        "Een nieuwe tekst van de redactie."
    )
    # The other widget files stay the static ones.
    assert client.get("/widget/rondkomen-widget.js").status_code == 200
