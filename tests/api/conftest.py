"""Fixtures for the handoff and counsellor tests: the app on SQLite and on PostgreSQL, a clock,
a fake Rasa behind httpx.MockTransport (no network), and counsellors with their own cookies.

``database_url`` is parametrised: every test that uses it runs on a fresh SQLite file and on the
session's PostgreSQL database (emptied after each test). PostgreSQL runs are marked
``postgres``; without the server they are skipped, or fail when RONDKOMEN_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote

import httpx
import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import CounsellorUser, Role
from api.auth.users import create_user
from api.content.publish import Publisher
from api.content.version_tables import ContentVersion
from api.content.versions import describe_change, set_live
from api.db import Base, sync_url
from api.deps import utc_now
from api.main import create_app
from api.rasa_client import CHANNEL_SECRET_HEADER, CHANNEL_WEBHOOK, RasaClient
from api.settings import Settings
from benefits_rules.texts import CONTENT_DIR_VARIABLE

T = TypeVar("T")

# Tuesday 1 December 2026, 10:00 in Heerlen: within office hours.
OFFICE_HOURS_NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PASSWORD = "correct horse battery staple"
BASE_URL = "https://testserver"  # https, so the Secure cookies are sent back


@dataclass
class Clock:
    now: datetime = OFFICE_HOURS_NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now = self.now + timedelta(**delta)


@dataclass
class FakeRasa:
    """Rasa and the action server as the API sees them over HTTP."""

    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    received: list[tuple[str, str]] = field(default_factory=list)
    # The metadata that came with each received message (the conversation's municipality).
    metadata: list[dict[str, Any]] = field(default_factory=list)
    # What the bot answers to a given message (default: one plain text).
    replies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    down: bool = False
    channel_secret: str = "test-channel-secret"
    # Rasa's /model/parse: what it answers per text, and the texts it was asked about.
    parses: dict[str, dict[str, Any]] = field(default_factory=dict)
    parsed: list[str] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("refused", request=request)
        path = request.url.path
        if path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        if path == "/status":
            if request.url.params.get("token") != "test-token":
                return httpx.Response(401)
            return httpx.Response(200, json={"model_id": "fake"})
        if path == "/model/parse":
            if request.url.params.get("token") != "test-token":
                return httpx.Response(401)
            sentence = json.loads(request.content)["text"]
            self.parsed.append(sentence)
            intent = self.parses.get(sentence, {"name": "nlu_fallback", "confidence": 0.5})
            return httpx.Response(200, json={"text": sentence, "intent": intent, "entities": []})
        if path == CHANNEL_WEBHOOK:
            # As bot/channels.py: only with the API's shared secret.
            if request.headers.get(CHANNEL_SECRET_HEADER) != self.channel_secret:
                return httpx.Response(403, json={"error": "forbidden"})
            body = json.loads(request.content)
            self.received.append((body["sender"], body["message"]))
            self.metadata.append(body.get("metadata"))
            reply = self.replies.get(body["message"], [{"text": "Dit is de chatbot."}])
            return httpx.Response(200, json=reply)
        match = re.fullmatch(r"/conversations/([^/]+)/tracker(/events)?", path)
        if match:
            sender = unquote(match.group(1))
            if match.group(2):
                return httpx.Response(200, json={})
            return httpx.Response(200, json={"sender_id": sender, "slots": self.slots.get(sender)})
        return httpx.Response(404)


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'handoff.db'}"
        return
    url = str(request.getfixturevalue("postgres_database"))
    yield url
    engine = create_engine(sync_url(Settings(environment="test", database_url=url).database_url))
    with engine.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


def api_settings(database_url: str, **overrides: Any) -> Settings:
    """Settings for an in-process API talking to FakeRasa; ``overrides`` change single values."""
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": database_url,
        "rasa_url": "http://rasa.test",
        "action_server_url": "http://actions.test",
        "rasa_token": "test-token",
        "rasa_channel_secret": "test-channel-secret",
        "secret_key": "test-secret",
        "callback_phone_key": Fernet.generate_key().decode(),
    }
    return Settings(**{**values, **overrides})


def workspace_settings(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: Path
) -> Settings:
    """Settings with the editors' workspace in ``tmp_path`` (its live link read by the texts)."""
    if not model.exists():
        pytest.fail("no trained model: run `make train`")
    monkeypatch.setenv(CONTENT_DIR_VARIABLE, str(tmp_path / "content" / "live"))
    return api_settings(database_url, content_workspace=tmp_path / "content")


@pytest.fixture
def settings(database_url: str) -> Settings:
    return api_settings(database_url)


@pytest.fixture
def client(settings: Settings, clock: Clock, fake_rasa: FakeRasa) -> Iterator[TestClient]:
    app = create_app(settings)
    app.dependency_overrides[utc_now] = clock
    with TestClient(app, base_url=BASE_URL) as test_client:
        http = httpx.AsyncClient(transport=httpx.MockTransport(fake_rasa.handler))
        app.state.rasa = RasaClient(
            http,
            settings.rasa_url,
            settings.rasa_token,
            settings.action_server_url,
            channel_secret=settings.rasa_channel_secret,
        )
        yield test_client
        test_client.portal.call(http.aclose)  # type: ignore[union-attr]


def in_db(client: TestClient, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` with a database session on the app's own event loop."""

    async def run() -> T:
        async with client.app.state.sessionmaker() as db:  # type: ignore[attr-defined]
            return await work(db)

    return client.portal.call(run)  # type: ignore[union-attr]


def add_user(
    client: TestClient,
    username: str,
    *,
    municipality: str = "heerlen",
    role: Role = Role.COUNSELLOR,
    display_name: str = "Sanne, schuldhulpverlener",
    now: datetime = OFFICE_HOURS_NOW,
) -> CounsellorUser:
    async def work(db: AsyncSession) -> CounsellorUser:
        return await create_user(
            db,
            username=username,
            password=PASSWORD,
            role=role,
            municipality=municipality,
            display_name=display_name,
            now=now,
        )

    return in_db(client, work)


def store_live_version(
    client: TestClient, number: int, tree: dict[str, str], model: Path, by: str = "eva"
) -> None:
    """Make ``tree`` the live version ``number`` as a publish would (its diff against version 1),
    without running one."""
    publisher: Publisher = client.app.state.publisher  # type: ignore[attr-defined]
    workspace = publisher.workspace
    summary, diff = describe_change(workspace.tree(1), tree)

    async def work(db: AsyncSession) -> None:
        workspace.store(number, tree, model, {"accuracy": None})
        db.add(
            ContentVersion(
                number=number,
                created_by=by,
                created_at=OFFICE_HOURS_NOW,
                summary=summary,
                diff=diff,
                status="live",
                accuracy=None,
                model_file=str(workspace.model_file(number)),
            )
        )
        await set_live(db, workspace, number)

    in_db(client, work)


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """One counsellor's browser: its own cookie jar on the shared test client."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.cookies = httpx.Cookies()
        self.csrf = ""

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        saved = self.client.cookies
        self.client.cookies = self.cookies
        try:
            response: httpx.Response = self.client.request(
                method, url, follow_redirects=False, **kwargs
            )
        finally:
            self.cookies = httpx.Cookies(self.client.cookies)
            self.client.cookies = saved
        found = (
            _CSRF.search(response.text)
            if "text/html" in response.headers.get("content-type", "")
            else None
        )
        if found:
            self.csrf = found.group(1)
        return response

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, data: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        """A form post with this page's CSRF token (pass csrf_token yourself to override)."""
        form = {"csrf_token": self.csrf, **(data or {})}
        return self.request("POST", url, data=form, **kwargs)

    def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        self.get("/counsellor/login")
        return self.post("/counsellor/login", {"username": username, "password": password})


@pytest.fixture
def browser(client: TestClient) -> Callable[[], Browser]:
    return lambda: Browser(client)


def logged_in(client: TestClient, username: str, **user: Any) -> Browser:
    add_user(client, username, **user)
    counsellor = Browser(client)
    response = counsellor.login(username)
    assert response.status_code == 303, response.text
    counsellor.get("/counsellor/")
    return counsellor


def go_online(counsellor: Browser) -> None:
    counsellor.get("/counsellor/")
    assert counsellor.post("/counsellor/presence", {"online": "1"}).status_code == 303


# --- the resident's side ------------------------------------------------------------------------


def new_session(client: TestClient, municipality: str | None = None) -> str:
    """A new conversation, of a resident of ``municipality`` (None: the widget names none)."""
    body = {"municipality": municipality} if municipality else None
    response = client.post("/api/v1/sessions", json=body)
    assert response.status_code == 201
    token = response.json()["session_id"]
    assert isinstance(token, str)
    return token


def sender_id(token: str) -> str:
    from api.conversation import session_key

    return session_key(token)


def handoff_url(token: str, tail: str = "") -> str:
    return f"/api/v1/sessions/{token}/handoff{tail}"


FULL_SLOTS: dict[str, Any] = {
    "topics": ["debt_worries", "eviction_threat", "not_an_intent"],
    "urgent": True,
    "household": {
        "age": 34,
        "has_partner": False,
        "children": [{"age": 7}, {"age": 10}],
        "net_monthly_income": 1400,
        "housing": "rent",
        "rent": 650,
    },
    "benefits_result": {
        "zorgtoeslag": {"outcome": "eligible", "amount_per_month": 123},
        "kwijtschelding": {"outcome": "possibly_eligible", "amount_per_year": 380},
        "huurtoeslag": {"outcome": "not_eligible"},
    },
}


def shared_handoff(
    client: TestClient,
    fake_rasa: FakeRasa,
    route: str = "reference",
    slots: dict[str, Any] | None = None,
    **consent: str,
) -> str:
    """A resident who talked to the bot and shared a handoff; returns their token."""
    token = new_session(client)
    fake_rasa.slots[sender_id(token)] = FULL_SLOTS if slots is None else slots
    assert (
        client.post(
            f"/api/v1/sessions/{token}/messages", json={"text": "ik heb schulden"}
        ).status_code
        == 200
    )
    assert client.post(handoff_url(token)).status_code == 200
    response = client.post(handoff_url(token, "/consent"), json={"route": route, **consent})
    assert response.status_code == 200, response.text
    return token
