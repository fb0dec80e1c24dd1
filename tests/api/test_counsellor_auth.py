"""Counsellor login: Argon2 hashes, lockout, session cookie, CSRF, logout, roles, the CLI."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.testclient import TestClient

from api import cli
from api.audit import AuditEntry
from api.auth.models import CounsellorSession, CounsellorUser, Role
from api.settings import Settings

from .conftest import PASSWORD, Browser, Clock, add_user, in_db, logged_in


def _user(client: TestClient, username: str) -> CounsellorUser:
    async def work(db: AsyncSession) -> CounsellorUser:
        user = await db.scalar(select(CounsellorUser).where(CounsellorUser.username == username))
        assert user is not None
        return user

    return in_db(client, work)


def _actions(client: TestClient) -> list[str]:
    async def work(db: AsyncSession) -> list[str]:
        return list(await db.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))

    return in_db(client, work)


def test_password_is_stored_as_an_argon2id_hash(client: TestClient) -> None:
    add_user(client, "sanne")
    stored = _user(client, "sanne").password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_pages_need_a_login(client: TestClient, browser: Callable[[], Browser]) -> None:
    anonymous = browser()
    for url in ("/counsellor/", "/counsellor/callbacks", "/counsellor/handoffs/1"):
        response = anonymous.get(url)
        assert response.status_code == 303
        assert response.headers["location"] == "/counsellor/login"
    assert (
        anonymous.get("/counsellor/inbox/queue", headers={"X-Requested-With": "fetch"}).status_code
        == 401
    )


def test_login_sets_a_strict_secure_http_only_cookie(client: TestClient) -> None:
    add_user(client, "sanne")
    counsellor = Browser(client)
    response = counsellor.login("sanne")
    assert response.status_code == 303
    assert response.headers["location"] == "/counsellor/"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("__Host-rk_session=")
    )
    lowered = cookie.lower()
    assert "httponly" in lowered
    assert "secure" in lowered
    assert "samesite=strict" in lowered
    assert "path=/" in lowered
    assert "domain" not in lowered
    page = counsellor.get("/counsellor/")
    assert page.status_code == 200
    assert "Inbox" in page.text


def test_login_page_has_a_strict_content_security_policy(client: TestClient) -> None:
    response = client.get("/counsellor/login")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["cache-control"] == "no-store"
    assert "<script>" not in response.text
    assert " style=" not in response.text
    assert 'lang="nl"' in response.text


def test_wrong_password_is_refused_in_dutch(client: TestClient) -> None:
    add_user(client, "sanne")
    response = Browser(client).login("sanne", "wrong password!!")
    assert response.status_code == 401
    assert "klopt niet" in response.text
    unknown = Browser(client).login("nobody", "wrong password!!")
    assert unknown.status_code == 401


def test_failures_slow_the_account_down_but_never_lock_it(client: TestClient, clock: Clock) -> None:
    add_user(client, "sanne")
    for attempt in range(5):
        assert Browser(client).login("sanne", f"guess {attempt}").status_code == 401
    waiting = Browser(client).login("sanne", "guess 5")
    assert waiting.status_code == 429
    assert waiting.headers["retry-after"] == "1"
    assert "Wacht 1 seconden" in waiting.text
    # The right password is not even checked during the delay ...
    assert Browser(client).login("sanne").status_code == 429
    # ... but works once it is over: no lock of a quarter of an hour.
    clock.advance(seconds=1)
    assert Browser(client).login("sanne").status_code == 303
    actions = _actions(client)
    assert actions.count("login_failed") == 5
    assert actions.count("login") == 1


def test_the_delay_grows_and_stays_short_per_account(client: TestClient, clock: Clock) -> None:
    add_user(client, "sanne")
    waits = []
    for attempt in range(14):
        response = Browser(client).login("sanne", f"guess {attempt}")
        if response.status_code == 429:
            waits.append(int(response.headers["retry-after"]))
            clock.advance(seconds=waits[-1])
    assert waits == sorted(waits)
    assert waits[0] == 1
    assert max(waits) == 60
    clock.advance(seconds=60)
    assert Browser(client).login("sanne").status_code == 303


def test_login_form_needs_its_csrf_token(client: TestClient) -> None:
    add_user(client, "sanne")
    counsellor = Browser(client)
    counsellor.get("/counsellor/login")
    response = counsellor.post(
        "/counsellor/login", {"username": "sanne", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 403
    # A token from another browser (without its nonce cookie) does not work either.
    other = Browser(client)
    other.csrf = counsellor.csrf
    response = other.post("/counsellor/login", {"username": "sanne", "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/counsellor/presence", {"online": "1"}),
        ("/counsellor/profile", {"display_name": "Piet"}),
        ("/counsellor/lookup", {"code": "ABCD-EFGH"}),
        ("/counsellor/handoffs/1/claim", {}),
        ("/counsellor/handoffs/1/status", {"status": "closed"}),
        ("/counsellor/handoffs/1/notes", {"text": "notitie"}),
        ("/counsellor/handoffs/1/messages", {"text": "hallo"}),
        ("/counsellor/handoffs/1/callback-done", {}),
        ("/counsellor/logout", {}),
    ],
)
def test_every_form_post_needs_the_session_csrf_token(
    client: TestClient, url: str, data: dict[str, str]
) -> None:
    counsellor = logged_in(client, "sanne")
    for forged in ("", "forged-token"):
        response = counsellor.post(url, {**data, "csrf_token": forged})
        assert response.status_code == 403, url
        assert "verlopen" in response.text
    assert _user(client, "sanne").online is False
    assert counsellor.get("/counsellor/").status_code == 200  # still logged in


def test_every_form_on_the_pages_carries_a_csrf_token(client: TestClient) -> None:
    counsellor = logged_in(client, "sanne")
    for url in ("/counsellor/", "/counsellor/callbacks", "/counsellor/login"):
        html = counsellor.get(url).text
        assert html.count("<form") == html.count('name="csrf_token"'), url


def test_logout_ends_the_session_on_the_server(client: TestClient) -> None:
    counsellor = logged_in(client, "sanne")
    stolen = counsellor.cookies
    assert counsellor.post("/counsellor/logout").status_code == 303

    async def sessions(db: AsyncSession) -> list[CounsellorSession]:
        return list(await db.scalars(select(CounsellorSession)))

    assert in_db(client, sessions) == []
    replay = Browser(client)
    replay.cookies = stolen
    assert replay.get("/counsellor/").status_code == 303


def test_session_expires(client: TestClient, clock: Clock) -> None:
    counsellor = logged_in(client, "sanne")
    clock.advance(hours=8, seconds=1)
    assert counsellor.get("/counsellor/").status_code == 303


def test_editors_do_not_see_handoffs(client: TestClient) -> None:
    editor = logged_in(client, "redactie", role=Role.EDITOR)
    response = editor.get("/counsellor/")
    assert response.status_code == 200
    assert "ingelogd als redacteur" in response.text
    assert "Inbox" not in response.text
    refused = editor.get("/counsellor/callbacks")
    assert refused.status_code == 403
    assert "geen toegang" in refused.text


def test_display_name_is_what_residents_see(client: TestClient) -> None:
    counsellor = logged_in(client, "sanne")
    assert (
        counsellor.post("/counsellor/profile", {"display_name": "  Team  Schuldhulp "}).status_code
        == 303
    )
    assert _user(client, "sanne").display_name == "Team Schuldhulp"


def test_cli_creates_a_user_with_the_password_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(environment="test", database_url=f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    code = cli.main(
        ["create-user", "--username", "sanne", "--role", "counsellor", "--municipality", "heerlen"],
        settings,
    )
    assert code == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    again = cli.main(
        ["create-user", "--username", "sanne", "--role", "admin", "--municipality", "heerlen"],
        settings,
    )
    assert again == 2
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    weak = cli.main(
        ["create-user", "--username", "piet", "--role", "admin", "--municipality", "heerlen"],
        settings,
    )
    assert weak == 2
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    nowhere = cli.main(
        ["create-user", "--username", "piet", "--role", "admin", "--municipality", "atlantis"],
        settings,
    )
    assert nowhere == 2


def test_production_refuses_the_dev_phone_key_and_insecure_cookies() -> None:
    from cryptography.fernet import Fernet
    from pydantic import ValidationError

    real = {"rasa_token": "r" * 32, "secret_key": "s" * 32, "rasa_channel_secret": "c" * 32}
    key = Fernet.generate_key().decode()
    with pytest.raises(ValidationError, match="CALLBACK_PHONE_KEY"):
        Settings(environment="production", **real)
    with pytest.raises(ValidationError, match="COOKIE_SECURE"):
        Settings(environment="production", callback_phone_key=key, cookie_secure=False, **real)
    with pytest.raises(ValidationError, match="Fernet"):
        Settings(callback_phone_key="not-a-key")
    assert Settings(environment="production", callback_phone_key=key, **real).cookie_secure
