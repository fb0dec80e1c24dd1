"""A complete benefits check through the chat API; the amounts must match benefits_rules."""

from __future__ import annotations

import re
from datetime import date

import httpx
import pytest

from benefits_rules import evaluate

pytestmark = pytest.mark.stack


def _say(api: httpx.Client, session_id: str, text: str) -> list[dict[str, object]]:
    response = api.post(f"/api/v1/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return list(response.json()["messages"])


def _answer_for(question: str) -> str:
    """A resident's typed answer (digits, words, Dutch notation, 'weet ik niet')."""
    q = question.lower()
    answers = [
        ("hoe oud is uw partner", "veertig"),
        ("hoe oud bent u", "ik ben 34"),
        ("heeft u een partner", "nee"),
        ("kinderen", "4 en 9"),
        ("huurt u", "ik huur"),
        ("andere mensen van 21", "niemand"),
        ("zorgverzekering", "ja"),
        ("kinderopvang", "nee"),
        ("werkt of studeert", "nee"),
        # Before "bijstandsuitkering": the low-income question names it as an example.
        ("laag inkomen", "4 jaar"),
        ("bijstandsuitkering", "nee"),
        ("huur betaalt", "€ 650,00"),
        ("per jaar", "tweeëntwintigduizend"),
        ("per maand binnen", "ongeveer 1400 netto"),
        ("spaargeld", "weet ik niet"),
    ]
    for key, answer in answers:
        if key in q:
            return answer
    raise AssertionError(f"unexpected question: {question}")


def test_complete_check_matches_the_rules(stack_url: str) -> None:
    api = httpx.Client(base_url=stack_url, timeout=60)
    session_id = api.post("/api/v1/sessions").json()["session_id"]
    messages = _say(api, session_id, "waar heb ik allemaal recht op?")
    asked: list[str] = []
    for _ in range(20):
        last = str(messages[-1]["text"])
        if "Wat wilt u nu doen?" in last:
            break
        asked.append(last)
        messages = _say(api, session_id, _answer_for(last))
    else:
        pytest.fail(f"the check did not end; asked: {asked}")

    texts = "\n".join(str(m["text"]) for m in messages)
    assert "indicatie, geen besluit" in texts
    household = {
        "reference_date": date.today().isoformat(),
        "municipality": "heerlen",
        "age": 34,
        "has_partner": False,
        "children": [{"age": 4}, {"age": 9}],
        "housing": "rent",
        "co_residents_21_plus": 0,
        "health_insured": True,
        "rent": 650,
        "annual_income": 22000,
        "net_monthly_income": 1400,
        "assets": "unknown",
        "receives_bijstand": False,
        "months_on_low_income": 48,
        "childcare": {"uses_paid_childcare": False},
    }
    expected = evaluate(household).to_dict()
    for result in expected["schemes"].values():
        monthly = result.get("amount_per_month")
        if result["outcome"] == "eligible" and isinstance(monthly, int):
            assert (
                re.search(rf"\b{monthly}\b euro per maand", texts) or f"{monthly} euro" in texts
            ), (
                result["scheme"],
                monthly,
            )
    # The questions came one at a time, least sensitive first: age before income.
    first_income = next(i for i, q in enumerate(asked) if "verdient" in q or "binnen" in q)
    first_age = next(i for i, q in enumerate(asked) if "oud bent u" in q)
    assert first_age < first_income

    saved = _say(api, session_id, "/save_result")
    downloads = [m["download"] for m in saved if m.get("download")]
    assert downloads
    assert "indicatie" in str(downloads[0]["content"])  # type: ignore[index]


def test_unclear_answer_gets_a_reprompt_that_says_what_is_expected(stack_url: str) -> None:
    api = httpx.Client(base_url=stack_url, timeout=60)
    session_id = api.post("/api/v1/sessions").json()["session_id"]
    first = _say(api, session_id, "waar heb ik recht op")
    assert "oud" in str(first[-1]["text"])
    again = _say(api, session_id, "blauw")
    texts = " ".join(str(m["text"]) for m in again)
    assert "cijfers" in texts
    assert "oud" in str(again[-1]["text"])


def test_correction_and_stop(stack_url: str) -> None:
    api = httpx.Client(base_url=stack_url, timeout=60)
    session_id = api.post("/api/v1/sessions").json()["session_id"]
    _say(api, session_id, "waar heb ik recht op")
    _say(api, session_id, "34")
    corrected = _say(api, session_id, "nee ik ben 35")
    assert any("aangepast" in str(m["text"]) for m in corrected)
    stopped = _say(api, session_id, "stop maar")
    assert any("stoppen" in str(m["text"]) for m in stopped)
