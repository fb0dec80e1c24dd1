""" "Probeer een zin" with the draft model, through the real stack: an editor adds an example to
the draft, trains the draft model in the background, and sees the draft model pick the new
intent for that sentence while the live model (what residents get) does not. Nothing goes live.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import new_workspace_stack, running
from tests.e2e.staff import csrf_of, log_in

pytestmark = pytest.mark.stack

SENTENCE = "paarse giraffe speelt saxofoon op de maan"
INTENT = "food_emergency"
_ROW = r'<tr class="{}">.*?<td class="intent">([^<]+)</td>\s*<td>(\d+)%</td>'


@pytest.fixture(scope="module")
def workspace_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    instance, _ = new_workspace_stack(tmp_path_factory.mktemp("draft-model"))
    with running(instance) as started:
        yield started


def _result(page: str, row: str) -> tuple[str, int] | None:
    found = re.search(_ROW.format(row), page, re.S)
    return (found.group(1), int(found.group(2))) if found else None


def _try(api: httpx.Client, cookies: dict[str, str], sentence: str) -> str:
    page = api.get("/editor/probeer", headers=cookies)
    answer = api.post(
        "/editor/probeer",
        data={"sentence": sentence, "csrf_token": csrf_of(page)},
        headers=cookies,
    )
    assert answer.status_code == 200, answer.text
    return answer.text


def test_the_draft_model_shows_what_an_added_example_changes(workspace_stack: object) -> None:
    api = httpx.Client(base_url=str(workspace_stack.api_url), timeout=120)  # type: ignore[attr-defined]
    cookies = log_in(api, str(workspace_stack.database_url))  # type: ignore[attr-defined]

    before = _try(api, cookies, SENTENCE)
    assert "Nog geen conceptmodel" in before
    live_before = _result(before, "live-model")
    assert live_before is None or live_before[0] != INTENT

    page = api.get(f"/editor/begrip?intent={INTENT}", headers=cookies)
    added = api.post(
        "/editor/begrip",
        data={"action": "add", "intent": INTENT, "new": SENTENCE, "csrf_token": csrf_of(page)},
        headers=cookies,
    )
    assert added.status_code == 303, added.text

    page = api.get("/editor/probeer", headers=cookies)
    started = api.post(
        "/editor/probeer/conceptmodel", data={"csrf_token": csrf_of(page)}, headers=cookies
    )
    assert started.status_code == 303
    assert started.headers["location"].endswith("msg=started")

    deadline = time.monotonic() + 300
    while True:
        response = api.get("/editor/probeer", headers=cookies)
        assert response.status_code == 200, response.text
        page = response.text
        if "Laatste training" in page and "Bezig" not in page:
            break
        assert time.monotonic() < deadline, "the draft model did not finish training"
        time.sleep(3)
    assert "Mislukt" not in page, page
    assert "Getraind door" in page

    # The first try starts the draft model's own Rasa server; it answers once loaded.
    deadline = time.monotonic() + 180
    while True:
        answer = _try(api, cookies, SENTENCE)
        if _result(answer, "draft-model") is not None:
            break
        assert "wordt geladen" in answer, answer
        assert time.monotonic() < deadline, "the draft model's server did not come up"
        time.sleep(3)
    draft = _result(answer, "draft-model")
    assert draft is not None
    assert draft[0] == INTENT, answer
    live = _result(answer, "live-model")
    assert live is None or live[0] != INTENT  # residents still get the live model

    # A later edit makes the draft model outdated, and the page says so.
    page = api.get(f"/editor/begrip?intent={INTENT}", headers=cookies)
    api.post(
        "/editor/begrip",
        data={
            "action": "add",
            "intent": INTENT,
            "new": "groene olifant danst op het dak",
            "csrf_token": csrf_of(page),
        },
        headers=cookies,
    )
    assert "Het concept is daarna veranderd" in api.get("/editor/probeer", headers=cookies).text


def test_counsellors_cannot_train_or_try(workspace_stack: object) -> None:
    api = httpx.Client(base_url=str(workspace_stack.api_url), timeout=60)  # type: ignore[attr-defined]
    cookies = log_in(api, str(workspace_stack.database_url), role="counsellor")  # type: ignore[attr-defined]
    assert api.get("/editor/probeer", headers=cookies).status_code == 403
    refused = api.post("/editor/probeer/conceptmodel", data={"csrf_token": "x"}, headers=cookies)
    assert refused.status_code == 403
