"""Issue 12, items 11-13: abuse limits with a Dutch 429, the body limit, control characters,
handoff rules, security headers, no public development keys, a private SQLite file."""

from __future__ import annotations

import asyncio
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.handoff import draft
from api.handoff.models import Handoff
from api.limits import within_limit
from api.main import create_app
from api.models import ChatSession
from api.settings import Settings

from .conftest import (
    FULL_SLOTS,
    OFFICE_HOURS_NOW,
    Browser,
    Clock,
    FakeRasa,
    api_settings,
    handoff_url,
    in_db,
    logged_in,
    new_session,
    sender_id,
)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return api_settings(
        database_url,
        sessions_per_hour=5,
        messages_per_minute=4,
        handoff_actions_per_minute=6,
        callbacks_per_number_per_day=2,
        max_body_bytes=4096,
    )


def _say(client: TestClient, token: str, text: str = "ik heb schulden") -> int:
    return client.post(f"/api/v1/sessions/{token}/messages", json={"text": text}).status_code


def test_session_creation_is_limited_per_address_in_dutch(client: TestClient) -> None:
    codes = [client.post("/api/v1/sessions").status_code for _ in range(7)]
    assert codes == [201] * 5 + [429] * 2
    refused = client.post("/api/v1/sessions")
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert "Wacht even" in refused.json()["error"]["message"]
    assert 0 < int(refused.headers["retry-after"]) <= 3600


def test_messages_are_limited_per_address(client: TestClient) -> None:
    token = new_session(client)
    assert [_say(client, token) for _ in range(6)] == [200] * 4 + [429] * 2


def test_limits_hold_under_parallel_requests(client: TestClient) -> None:
    maker = client.app.state.sessionmaker  # type: ignore[attr-defined]

    async def one() -> bool:
        async with maker() as db:
            return await within_limit(
                db, "test", "someone", 5, timedelta(minutes=1), OFFICE_HOURS_NOW
            )

    async def twenty() -> list[bool]:
        return list(await asyncio.gather(*(one() for _ in range(20))))

    assert sorted(client.portal.call(twenty)) == [False] * 15 + [True] * 5  # type: ignore[union-attr]


def test_handoff_actions_are_limited(client: TestClient) -> None:
    token = new_session(client)
    assert _say(client, token) == 200
    codes = [client.post(handoff_url(token)).status_code for _ in range(8)]
    assert codes == [200] * 6 + [429] * 2


def test_body_above_the_limit_is_refused_with_413(client: TestClient) -> None:
    token = new_session(client)
    big = {"text": "a" * 5000}
    response = client.post(f"/api/v1/sessions/{token}/messages", json=big)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"

    def chunks() -> object:
        yield b'{"text": "'
        for _ in range(10):
            yield b"a" * 1000
        yield b'"}'

    streamed = client.post(
        f"/api/v1/sessions/{token}/messages",
        content=chunks(),  # type: ignore[arg-type]
        headers={"content-type": "application/json"},
    )
    assert streamed.status_code == 413


@pytest.mark.parametrize("bad", ["hallo\\u0000", "a\\u0007b", "\\u001b[31m rood"])
def test_control_characters_are_refused_with_422(client: TestClient, bad: str) -> None:
    token = new_session(client)
    response = client.post(
        f"/api/v1/sessions/{token}/messages",
        content=f'{{"text": "{bad}"}}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "control_characters"
    assert "tekens" in response.json()["error"]["message"]


def test_lone_surrogates_are_refused_with_422(client: TestClient) -> None:
    token = new_session(client)
    response = client.post(
        f"/api/v1/sessions/{token}/messages",
        content='{"text": "x\\ud800"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422


def test_control_characters_in_handoff_and_login_are_refused(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    assert _say(client, token) == 200
    assert client.post(handoff_url(token)).status_code == 200
    question = client.put(handoff_url(token, "/question"), json={"question": "geld\x00"})
    assert question.status_code == 422
    consent = client.post(
        handoff_url(token, "/consent"), json={"route": "callback", "phone": "0612\x00345678"}
    )
    assert consent.status_code == 422
    browser = Browser(client)
    browser.get("/counsellor/login")
    assert (
        browser.post("/counsellor/login", {"username": "sanne\x00", "password": "x"}).status_code
        == 422
    )


def test_a_handoff_needs_a_resident_message(client: TestClient) -> None:
    token = new_session(client)
    response = client.post(handoff_url(token))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "handoff_needs_message"


def test_one_open_handoff_per_conversation_also_in_parallel(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    assert _say(client, token) == 200
    maker = client.app.state.sessionmaker  # type: ignore[attr-defined]
    rasa = client.app.state.rasa  # type: ignore[attr-defined]

    async def one() -> int:
        async with maker() as db:
            session = await db.get(ChatSession, sender_id(token))
            assert session is not None
            return (await draft.start(db, rasa, session, OFFICE_HOURS_NOW)).id

    async def ten() -> list[int]:
        return list(await asyncio.gather(*(one() for _ in range(10))))

    assert len(set(client.portal.call(ten))) == 1  # type: ignore[union-attr]

    async def count(db: AsyncSession) -> int:
        return int(await db.scalar(select(func.count()).select_from(Handoff)) or 0)

    assert in_db(client, count) == 1


def test_call_back_requests_are_limited_per_number_per_day(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    def request_callback(phone: str) -> int:
        clock.advance(minutes=1)  # (not the per-minute limits)
        token = new_session(client)
        fake_rasa.slots[sender_id(token)] = FULL_SLOTS
        assert _say(client, token) == 200
        assert client.post(handoff_url(token)).status_code == 200
        body = {"route": "callback", "phone": phone}
        response = client.post(handoff_url(token, "/consent"), json=body)
        if response.status_code == 429:
            assert response.json()["error"]["code"] == "callback_limit"
        return response.status_code

    # The same number in other spellings counts as the same number.
    assert request_callback("06 12345678") == 200
    assert request_callback("+31612345678") == 200
    assert request_callback("0612345678") == 429
    assert request_callback("06 87654321") == 200


HTML_PAGES = ["/", "/privacy", "/counsellor/login"]


@pytest.mark.parametrize("path", [*HTML_PAGES, "/widget/rondkomen-widget.js"])
def test_pages_and_widget_files_carry_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    if path in HTML_PAGES:
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy
        assert "script-src 'self'" in policy or "default-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["x-frame-options"] == "DENY"
    else:
        # Loaded by a municipality's own site on another origin.
        assert response.headers["cross-origin-resource-policy"] == "cross-origin"


def test_every_api_answer_is_not_cached(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = new_session(client)
    assert _say(client, token) == 200
    client.post(handoff_url(token))
    for response in (
        client.post("/api/v1/sessions"),
        client.post(f"/api/v1/sessions/{token}/messages", json={"text": "nog een vraag"}),
        client.get(handoff_url(token, "/messages")),
        client.get(handoff_url(token, "/availability")),
        client.get("/api/v1/sessions/unknown/handoff"),
        client.get("/api/v1/widget-config"),
        client.get("/api/v1/health"),
    ):
        assert response.headers["cache-control"] == "no-store", response.url


def test_docs_are_off_in_production(tmp_path: Path) -> None:
    production = Settings(
        environment="production",
        database_url=f"sqlite:///{tmp_path / 'p.db'}",
        rasa_token="r" * 32,
        rasa_channel_secret="c" * 32,
        secret_key="s" * 32,
        callback_phone_key=Fernet.generate_key().decode(),
    )
    with TestClient(create_app(production), base_url="https://testserver") as client:
        assert client.get("/docs").status_code == 404
        assert client.get("/redoc").status_code == 404


def test_development_keys_work_only_in_the_test_suite() -> None:
    for environment in ("development", "production"):
        with pytest.raises(ValidationError, match="must be set"):
            Settings(environment=environment)
    assert Settings(environment="test").secret_key


def test_sqlite_file_is_private(tmp_path: Path) -> None:
    settings = Settings(environment="test", database_url=f"sqlite:///{tmp_path / 'new' / 'r.db'}")
    with TestClient(create_app(settings)):
        pass
    assert stat.S_IMODE((tmp_path / "new" / "r.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


def test_make_run_generates_private_keys_once(tmp_path: Path) -> None:
    from stack import ensure_local_secrets  # scripts/stack.py

    ensure_local_secrets(tmp_path / "secrets")
    first = {p.name: p.read_text() for p in (tmp_path / "secrets").iterdir()}
    ensure_local_secrets(tmp_path / "secrets")
    assert {p.name: p.read_text() for p in (tmp_path / "secrets").iterdir()} == first
    assert set(first) == {
        "rondkomen_secret_key",
        "rondkomen_callback_phone_key",
        "rondkomen_rasa_token",
        "rondkomen_rasa_channel_secret",
    }
    Fernet(first["rondkomen_callback_phone_key"].strip().encode())
    for path in (tmp_path / "secrets").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Enough for the API (or `make user`) in development, without any variable set.
    loaded = Settings(environment="development", _secrets_dir=tmp_path / "secrets")  # type: ignore[call-arg]
    assert loaded.secret_key == first["rondkomen_secret_key"].strip()


def test_numbers_beyond_the_database_integer_are_refused_not_a_server_error(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    assert _say(client, token) == 200
    assert client.post(handoff_url(token)).status_code == 200
    too_big = 2**31
    assert client.get(handoff_url(token, "/messages"), params={"after": too_big}).status_code == 422
    counsellor = logged_in(client, "sanne")
    assert counsellor.get(f"/counsellor/handoffs/{too_big}").status_code == 422
