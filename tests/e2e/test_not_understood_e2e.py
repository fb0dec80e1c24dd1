"""Through the real stack: a nonsense message with a name in it reaches the editors' review
list ("niet begrepen") redacted, with Rasa's own guess, and with nothing that links it back."""

from __future__ import annotations

import re
import secrets
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.support import create_account, log_in_over_http

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]


def _editor_login(api: httpx.Client, database_url: str) -> dict[str, str]:
    username, password = create_account({"RONDKOMEN_DATABASE_URL": database_url}, "editor", "Eva")
    return log_in_over_http(api, username, password)


def test_a_nonsense_message_shows_up_redacted_in_the_review_list(
    stack: Any, stack_url: str
) -> None:
    api = httpx.Client(base_url=stack_url, timeout=60, follow_redirects=False)
    token = api.post("/api/v1/sessions").json()["session_id"]
    nonsense = f"Mijn naam is Jan Jansen, qwrtp zxvbn {secrets.token_hex(3)} kkkk"
    answer = api.post(f"/api/v1/sessions/{token}/messages", json={"text": nonsense})
    assert answer.status_code == 200, answer.text
    # The NLU entry is for the API only: every message the resident gets has text or a file.
    assert all(m["text"] for m in answer.json()["messages"])
    stored = nonsense.replace("Jan Jansen", "[NAAM]")

    cookies = _editor_login(api, str(stack.database_url))
    page = api.get("/editor/niet-begrepen", headers=cookies)
    assert page.status_code == 200
    assert stored in page.text
    assert "Jansen" not in page.text
    assert "out_of_scope" in page.text or "nlu_fallback" in page.text  # the model's own guess

    path = str(stack.database_url).removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(not_understood)")}
        (day,) = conn.execute("SELECT day FROM not_understood WHERE text = ?", (stored,)).fetchone()
    assert not {"session_id", "created_at"} & columns
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)  # the day only, not the time
