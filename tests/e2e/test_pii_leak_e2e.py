"""No planted personal data survives anywhere: send the PII corpus through the running stack
(API, Rasa, action server), then search the API database, every log file and Rasa's tracker store
for every planted value, as typed and in its plain form (ASCII digits, no invisible characters:
the corpus disguises some values with Unicode). After DELETE no row of those sessions is left."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import httpx
import pytest

from api.conversation import session_key
from api.redaction._normalise import normalise_text
from tests.api.pii_corpus import Planted, load_corpus

pytestmark = pytest.mark.stack

MESSAGES_PER_SESSION = 8


def _needles(planted: Planted) -> list[re.Pattern[str]]:
    """Patterns for a planted value as typed and in plain form, and (for numbers) as bare
    digits."""
    plain = normalise_text(planted.value).text
    patterns = [re.compile(rf"(?<!\w){re.escape(value)}(?!\w)") for value in {planted.value, plain}]
    digits = re.sub(r"[^0-9]", "", plain)
    if planted.kind.name in ("BSN", "IBAN", "TELEFOON", "NUMMER") and len(digits) >= 8:
        patterns.append(re.compile(rf"(?<!\d){digits}(?!\d)"))
    return patterns


def _database_text(database_url: str) -> str:
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = []
        for table in tables:
            rows.extend(repr(row) for row in conn.execute(f'SELECT * FROM "{table}"'))
    return "\n".join(rows)


def test_no_planted_value_is_stored_logged_or_tracked(stack: object) -> None:
    corpus = load_corpus()
    api = httpx.Client(base_url=stack.api_url, timeout=60)  # type: ignore[attr-defined]
    rasa = httpx.Client(base_url=f"http://127.0.0.1:{stack.rasa_port}", timeout=60)  # type: ignore[attr-defined]
    sessions: list[str] = []
    planted: list[Planted] = []
    fresh = True
    for index, message in enumerate(corpus.personal):
        if fresh or index % MESSAGES_PER_SESSION == 0:
            sessions.append(api.post("/api/v1/sessions").json()["session_id"])
        response = api.post(
            f"/api/v1/sessions/{sessions[-1]}/messages", json={"text": message.text}
        )
        assert response.status_code == 200, response.text
        # A message asking to wipe the data ("verwijder mijn gegevens") ends its session.
        fresh = response.json()["conversation_deleted"]
        planted.extend(message.planted)
    assert len(planted) >= 300

    trackers = "\n".join(
        rasa.get(
            f"/conversations/{session_key(s)}/tracker",
            params={"token": stack.token},  # type: ignore[attr-defined]
        ).text
        for s in sessions
    )
    logs = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(stack.log_dir).glob("*.log")  # type: ignore[attr-defined]
    )
    database = _database_text(stack.database_url)  # type: ignore[attr-defined]
    assert "[" in trackers  # the redacted messages did reach Rasa

    leaks = [
        (place, p.kind.name, p.value)
        for p in planted
        for place, haystack in (("tracker", trackers), ("logs", logs), ("database", database))
        if any(n.search(haystack) for n in _needles(p))
    ]
    assert leaks == [], "\n".join(map(str, leaks))

    for session_id in sessions:
        assert api.delete(f"/api/v1/sessions/{session_id}").status_code in (204, 404)
    remaining = _database_text(stack.database_url)  # type: ignore[attr-defined]
    assert not any(session_key(s) in remaining for s in sessions)


def test_logs_hold_no_ip_addresses_or_message_text(stack: object) -> None:
    api = httpx.Client(base_url=stack.api_url, timeout=60)  # type: ignore[attr-defined]
    session_id = api.post("/api/v1/sessions").json()["session_id"]
    marker = "ikhebeenuniekzinnetjevoordelogtest"
    api.post(f"/api/v1/sessions/{session_id}/messages", json={"text": f"hallo {marker}"})
    api_log = (Path(stack.log_dir) / "api.log").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert marker not in api_log
    assert session_id not in api_log
    assert not re.search(r"\b127\.0\.0\.1:\d+ - ", api_log)  # uvicorn's access-log format
