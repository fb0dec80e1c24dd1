"""Logging in as staff through the real API, for the end-to-end tests."""

from __future__ import annotations

import re

import httpx

from tests.browser.support import create_account

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def cookie_header(*responses: httpx.Response) -> dict[str, str]:
    """The login's cookies by hand: they are Secure, and the test stack speaks plain http."""
    jar = {name: value for r in responses for name, value in r.cookies.items()}
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in jar.items())}


def csrf_of(page: httpx.Response) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF.search(page.text)
    assert found is not None, page.text[:500]
    return found.group(1)


def log_in(api: httpx.Client, database_url: str, role: str = "editor") -> dict[str, str]:
    """A new account of ``role`` (made with the command-line tool), logged in: its cookies."""
    username, password = create_account({"RONDKOMEN_DATABASE_URL": database_url}, role, "Eva")
    form = api.get("/counsellor/login")
    done = api.post(
        "/counsellor/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(form)},
        headers=cookie_header(form),
    )
    assert done.status_code == 303, done.text
    return cookie_header(done)
