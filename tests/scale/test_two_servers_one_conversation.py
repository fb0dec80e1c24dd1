"""One resident's conversation across two API workers and two Rasa servers (issue 16).

Turns are sent alternately to API worker 1 and worker 2; worker 1 knows Rasa server A first and
worker 2 server B first, so the turns reach both servers in turn. With trackers and conversation
locks in Redis, facts told to one server are used by the other, the tracker keeps every turn once
and in order, messages sent at the same moment are handled one after the other, and a server that
stops is skipped. Exactly one of the two workers runs the background sweeper.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import Any

import httpx
import pytest
import yaml
from sqlalchemy import create_engine, text

from api.conversation import session_key
from api.db import sync_url
from api.settings import Settings
from api.sweeper import ADVISORY_LOCK_KEY
from tests.conftest import ROOT
from tests.e2e.test_benefits_check_e2e import _answer_for
from tests.scale.conftest import ScaledStack

pytestmark = [pytest.mark.stack, pytest.mark.postgres, pytest.mark.redis]

# Facts told in passing in the first turn; the check must not ask for them again.
FACTS = "ik ben 34, alleenstaand en heb 2 kinderen van 4 en 9"
ALREADY_TOLD = ("age", "has_partner", "children")
QUESTIONS = yaml.safe_load((ROOT / "benefits_rules" / "data" / "questions.yaml").read_text())
# Sent all at once to one conversation, half through each worker (none is a button's title,
# which the API would send as the button's payload).
AT_ONCE = [
    "ik heb veel schulden en weet niet wat ik moet doen",
    "wat is zorgtoeslag?",
    "mijn huur is te hoog, ik kan het niet meer betalen",
    "wat is kwijtschelding?",
    "ik kreeg een brief van de belastingdienst",
    "wat betekent bijzondere bijstand?",
]


def _new_session(api_url: str) -> str:
    response = httpx.post(f"{api_url}/api/v1/sessions", timeout=60)
    assert response.status_code == 201, response.text
    return str(response.json()["session_id"])


def _say(api_url: str, session_id: str, message: str) -> list[dict[str, Any]]:
    response = httpx.post(
        f"{api_url}/api/v1/sessions/{session_id}/messages", json={"text": message}, timeout=120
    )
    assert response.status_code == 200, (api_url, message, response.text)
    messages = list(response.json()["messages"])
    assert messages, f"no answer to {message!r}"
    return messages


def _events(scaled: ScaledStack, rasa_url: str, session_id: str) -> list[dict[str, Any]]:
    response = httpx.get(
        f"{rasa_url}/conversations/{session_key(session_id)}/tracker",
        params={"token": scaled.token},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return list(response.json()["events"])


def _user_texts(events: list[dict[str, Any]]) -> list[str]:
    return [str(e["text"]) for e in events if e["event"] == "user"]


def _turns_one_at_a_time(events: list[dict[str, Any]]) -> None:
    """Every resident message after the first came when the bot was listening again: no turn
    started while another was still running (which is what the conversation lock prevents)."""
    steps = [(e["event"], e.get("name")) for e in events if e["event"] in ("user", "action")]
    for before, step in pairwise(steps):
        if step[0] == "user":
            assert before == ("action", "action_listen"), steps


def _query(scaled: ScaledStack, sql: str, **params: object) -> list[Any]:
    """The rows of one query on the workers' database."""
    url = sync_url(Settings(environment="test", database_url=scaled.database_url).database_url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params))
    finally:
        engine.dispose()


def _stored_resident_texts(scaled: ScaledStack, session_id: str) -> list[str]:
    rows = _query(
        scaled,
        "SELECT text FROM chat_messages WHERE session_id = :id AND sender = 'resident' ORDER BY id",
        id=session_key(session_id),
    )
    return [str(row[0]) for row in rows]


def test_facts_told_to_one_server_are_used_by_the_other(scaled: ScaledStack) -> None:
    worker_1, worker_2 = scaled.api_urls
    session_id = _new_session(worker_1)
    sent = [FACTS, "waar heb ik recht op?"]
    _say(worker_1, session_id, FACTS)  # worker 1 -> server A
    messages = _say(worker_2, session_id, sent[1])  # worker 2 -> server B
    asked: list[str] = []
    for turn in range(20):
        question = str(messages[-1]["text"])
        if "Wat wilt u nu doen?" in question:
            break
        asked.append(question)
        sent.append(_answer_for(question))
        messages = _say(scaled.api_urls[turn % 2], session_id, sent[-1])
    else:
        pytest.fail(f"the check did not end; asked: {asked}")

    assert "indicatie, geen besluit" in " ".join(str(m["text"]) for m in messages)
    for fact in ALREADY_TOLD:
        question = QUESTIONS["questions"][fact]["text"]
        assert not [q for q in asked if question in q], (question, asked)
    # Both servers read the same tracker: every turn once, in the order sent, one at a time.
    events_a, events_b = (_events(scaled, url, session_id) for url in scaled.rasa_urls)
    assert events_a == events_b
    _turns_one_at_a_time(events_a)
    stored = _stored_resident_texts(scaled, session_id)
    assert _user_texts(events_a) == stored
    # What the API sent on: the typed text, or the payload of the button it matched.
    assert len(stored) == len(sent)
    for typed, received in zip(sent, stored, strict=True):
        assert received == typed or received.startswith("/"), (typed, received)


def test_messages_sent_at_once_through_both_workers_are_all_handled(
    scaled: ScaledStack,
) -> None:
    session_id = _new_session(scaled.api_urls[1])
    _say(scaled.api_urls[0], session_id, "hallo")
    jobs = [(scaled.api_urls[i % 2], message) for i, message in enumerate(AT_ONCE)]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        answers = list(pool.map(lambda job: _say(job[0], session_id, job[1]), jobs))
    assert all(answers)

    events = _events(scaled, scaled.rasa_urls[0], session_id)
    user_texts = _user_texts(events)
    assert user_texts[0] == "hallo"
    assert sorted(user_texts[1:]) == sorted(AT_ONCE)  # none lost, none twice
    _turns_one_at_a_time(events)
    stored = _stored_resident_texts(scaled, session_id)
    assert sorted(stored) == sorted(user_texts)


def _sweeper_lock_holders(scaled: ScaledStack) -> int:
    [(count,)] = _query(
        scaled,
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        " AND ((classid::bigint << 32) | objid::bigint) = :key",
        key=ADVISORY_LOCK_KEY,
    )
    return int(count)


def test_exactly_one_worker_runs_the_sweeper(scaled: ScaledStack) -> None:
    # Each worker tries to take the sweeper's lock a minute after its start, then every minute.
    holders: list[int] = []
    deadline = time.monotonic() + 150
    while time.monotonic() < deadline:
        holders.append(_sweeper_lock_holders(scaled))
        if holders[-1] and len(holders) > 1 and holders[-2]:
            break
        time.sleep(2)
    assert max(holders) == 1, holders
    assert holders[-1] == 1, "no worker took the sweeper's lock"


def test_a_stopped_rasa_server_is_skipped(scaled: ScaledStack) -> None:
    """Last in this module: it stops server A."""
    session_id = _new_session(scaled.api_urls[0])
    _say(scaled.api_urls[0], session_id, "hallo")
    rasa_a = scaled.stack.processes["rasa"]  # type: ignore[attr-defined]
    rasa_a.terminate()
    rasa_a.wait(timeout=60)
    # Two turns through each worker: each worker's round robin comes to server A once.
    for api_url, message in zip(scaled.api_urls * 2, AT_ONCE, strict=False):
        assert httpx.get(f"{api_url}/api/v1/health", timeout=60).status_code == 200
        _say(api_url, session_id, message)
    events = _events(scaled, scaled.rasa_urls[1], session_id)
    assert _user_texts(events) == ["hallo", *AT_ONCE[:4]]
    _turns_one_at_a_time(events)
