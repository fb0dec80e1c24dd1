"""Safety first through the real stack: a crisis during the benefits check gets 113 and the offer
of a person, and the handoff the resident then shares is urgent."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.stack


@pytest.fixture
def api(stack_url: str) -> httpx.Client:
    return httpx.Client(base_url=stack_url, timeout=60)


def _say(api: httpx.Client, session_id: str, text: str) -> dict[str, Any]:
    response = api.post(f"/api/v1/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_crisis_in_the_check_leads_to_an_urgent_handoff(api: httpx.Client) -> None:
    session_id = api.post("/api/v1/sessions").json()["session_id"]
    _say(api, session_id, "waar heb ik recht op")
    crisis = _say(api, session_id, "ik zie het niet meer zitten, ik heb 3 maanden huurachterstand")
    text = "\n".join(m["text"] for m in crisis["messages"])
    for needle in ("113", "0800-0113", "113.nl", "112"):
        assert needle in text
    # "ja" now answers the offer of a person, not the benefits check's question.
    offer = _say(api, session_id, "ja")
    assert offer["handoff_offer"] is True
    preview = api.post(f"/api/v1/sessions/{session_id}/handoff").json()
    assert preview["urgent"] is True
    assert "topic:crisis_suicide" in {item["id"] for item in preview["items"]}
    shared = _say(api, session_id, "ja prima, deel maar")
    assert "uw code is" in shared["messages"][-1]["text"].lower()
    handoff = api.get(f"/api/v1/sessions/{session_id}/handoff").json()
    assert handoff["status"] == "consented"
    assert handoff["urgent"] is True
