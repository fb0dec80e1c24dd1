"""Issue 12, items 7-9: counted login failures, throttling per account and per address, unknown
usernames like known ones, the password policy, idle sessions, error pages with logout."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import passwords
from api.auth.models import Role
from api.auth.sessions import LoginFailure, authenticate
from api.auth.throttle import _keys
from api.auth.users import UserError, create_user
from api.limits import RateCounter
from api.settings import Settings

from .conftest import (
    OFFICE_HOURS_NOW,
    PASSWORD,
    Browser,
    Clock,
    add_user,
    api_settings,
    in_db,
    logged_in,
)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every Argon2 check made (the hash checked against)."""
    made: list[str] = []
    real = passwords.verify_password

    def counting(password_hash: str, password: str) -> bool:
        made.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", counting)
    return made


def _count(client: TestClient, key: str) -> int:
    async def work(db: AsyncSession) -> int:
        return int(await db.scalar(select(RateCounter.count).where(RateCounter.key == key)) or 0)

    return in_db(client, work)


def test_parallel_wrong_passwords_are_all_counted_and_mostly_not_checked(
    client: TestClient, settings: Settings, checks: list[str]
) -> None:
    add_user(client, "sanne")
    maker = client.app.state.sessionmaker  # type: ignore[attr-defined]

    async def one(attempt: int) -> LoginFailure | object:
        async with maker() as db:
            return await authenticate(
                db, "sanne", f"guess {attempt}", settings, OFFICE_HOURS_NOW, "203.0.113.7"
            )

    async def twenty() -> list[LoginFailure | object]:
        return list(await asyncio.gather(*(one(n) for n in range(20))))

    results = client.portal.call(twenty)  # type: ignore[union-attr]
    assert all(isinstance(r, LoginFailure) for r in results)
    account, address = _keys(settings, "sanne", "203.0.113.7")
    assert _count(client, account) == 20
    assert _count(client, address) == 20
    # Only the free attempts reached Argon2; the rest waited for their delay.
    assert len(checks) == settings.login_account_free_attempts


def _forget_addresses(client: TestClient) -> None:
    async def work(db: AsyncSession) -> None:
        await db.execute(delete(RateCounter).where(RateCounter.key.startswith("login-address")))
        await db.commit()

    in_db(client, work)


def test_unknown_usernames_are_answered_like_known_ones(
    client: TestClient, checks: list[str]
) -> None:
    add_user(client, "sanne")
    answers: dict[str, list[tuple[int, str | None]]] = {}
    for username in ("sanne", "nobody"):
        _forget_addresses(client)  # both as if from a fresh address
        answers[username] = []
        for attempt in range(7):
            response = Browser(client).login(username, f"wrong {attempt}")
            answers[username].append((response.status_code, response.headers.get("retry-after")))
        body = Browser(client).login(username, "wrong").text
        answers[username].append((0, re.sub(r'value="[^"]+"', "", body)))
    assert answers["sanne"] == answers["nobody"]
    # An unknown username costs an Argon2 check as well (of a dummy hash, made at start-up).
    assert len(checks) == 10
    assert len(set(checks)) == 2


@pytest.fixture
def settings(database_url: str) -> Settings:
    return api_settings(
        database_url,
        login_address_free_attempts=8,
    )


def test_one_address_trying_many_accounts_is_slowed_down(client: TestClient) -> None:
    for n in range(8):
        assert Browser(client).login(f"user{n}", "wrong").status_code == 401
    slowed = Browser(client).login("user9", "wrong")
    assert slowed.status_code == 429
    assert "Wacht" in slowed.text


def test_someone_else_cannot_lock_a_counsellor_out(
    client: TestClient, settings: Settings, clock: Clock
) -> None:
    add_user(client, "sanne")
    maker = client.app.state.sessionmaker  # type: ignore[attr-defined]

    async def attempt(password: str, address: str) -> object:
        async with maker() as db:
            return await authenticate(db, "sanne", password, settings, clock.now, address)

    def login(password: str, address: str) -> object:
        return client.portal.call(attempt, password, address)  # type: ignore[union-attr]

    # An attacker guesses for ten minutes, one try every few seconds, from their own address.
    for n in range(200):
        login(f"guess {n}", "198.51.100.66")
        clock.advance(seconds=3)
    # The counsellor, at the office, waits at most the account's short delay.
    result = login(PASSWORD, "203.0.113.10")
    if isinstance(result, LoginFailure):
        assert result.retry_at is not None
        assert result.retry_at - clock.now <= timedelta(seconds=60)
        clock.now = result.retry_at
        result = login(PASSWORD, "203.0.113.10")
    assert not isinstance(result, LoginFailure)


@pytest.mark.parametrize(
    "password",
    ["wachtwoord1234", "Heerlen12345!", "rondkomen2026!", "Welkom01welkom", "sanne-sanne-sanne"],
)
def test_guessable_passwords_are_refused_in_dutch(client: TestClient, password: str) -> None:
    async def work(db: AsyncSession) -> None:
        await create_user(
            db,
            username="sanne",
            password=password,
            role=Role.COUNSELLOR,
            municipality="heerlen",
            display_name="Sanne",
            now=OFFICE_HOURS_NOW,
        )

    with pytest.raises(UserError, match="te makkelijk te raden"):
        in_db(client, work)


def test_short_password_is_refused_in_dutch() -> None:
    assert "te kort" in (passwords.password_problem("kort", []) or "")
    assert passwords.password_problem(PASSWORD, ["sanne", "heerlen", "rondkomen"]) is None


def test_idle_login_ends_and_polling_does_not_keep_it_alive(
    client: TestClient, clock: Clock
) -> None:
    counsellor = logged_in(client, "sanne")
    for _ in range(3):
        clock.advance(minutes=20)
        assert counsellor.get("/counsellor/").status_code == 200  # real use keeps it alive
    for _ in range(2):
        clock.advance(minutes=20)
        # The queue polled by the page's script is not the counsellor doing something.
        counsellor.get("/counsellor/inbox/queue", headers={"x-requested-with": "fetch"})
    assert counsellor.get("/counsellor/").status_code == 303


def test_error_pages_let_every_role_log_out(client: TestClient) -> None:
    editor = logged_in(client, "redactie", role=Role.EDITOR)
    page = editor.get("/counsellor/")
    assert page.status_code == 200
    assert "redacteur" in page.text
    refused = editor.get("/counsellor/callbacks")
    assert refused.status_code == 403
    assert 'action="/counsellor/logout"' in refused.text
    assert editor.csrf
    assert editor.csrf in refused.text
    assert editor.post("/counsellor/logout").status_code == 303
    assert editor.get("/counsellor/").status_code == 303
