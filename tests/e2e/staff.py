"""Logging in as staff through the real API, for the end-to-end tests."""

from __future__ import annotations

import httpx

from tests.browser.support import CSRF_FIELD, create_account, log_in_over_http


def csrf_of(page: httpx.Response) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF_FIELD.search(page.text)
    assert found is not None, page.text[:500]
    return found.group(1)


def log_in(api: httpx.Client, database_url: str, role: str = "editor") -> dict[str, str]:
    """A new account of ``role`` (made with the command-line tool), logged in: its cookies."""
    username, password = create_account({"RONDKOMEN_DATABASE_URL": database_url}, role, "Eva")
    return log_in_over_http(api, username, password)
