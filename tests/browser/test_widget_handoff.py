"""The resident's side of the warm handoff (issue 5) in the widget: consent screen, routes,
"Nee", withdrawal, and the person-to-person state.

The consent tests use the real handoff API. No counsellor is online in the test stack, so the
live chat is checked with the API's poll answers fulfilled in the browser; the chat between a
real counsellor and the widget is the end-to-end test of issue 5.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Route, expect

from .support import NARROW, Site, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.stack]

TRANSCRIPT = re.compile(r"^Haal weg: Het gesprek met de chatbot")


def talk_about_debts(site: Site) -> None:
    widget = site.widget
    widget.open()
    widget.send("Hallo")
    before = widget.bot_messages.count()
    widget.choice("Ik heb schulden").click()
    widget.wait_for_turn(before)


def open_consent(site: Site) -> None:
    site.page.get_by_role("button", name="Praat met een medewerker").click()
    heading = site.page.get_by_role("heading", name="Wilt u dit delen met een medewerker?")
    expect(heading).to_be_focused()


def server_handoff(site: Site) -> httpx.Response:
    session_id = site.widget.stored()["sessionId"]
    return httpx.get(f"{site.url}/api/v1/sessions/{session_id}/handoff", timeout=30)


def test_consent_with_reference_code_then_withdraw(
    open_site: Callable[..., Site], artifacts: Path
) -> None:
    site = open_site()
    page = site.page
    talk_about_debts(site)
    open_consent(site)
    expect(site.widget.input).to_be_hidden()  # The consent screen replaces the conversation.
    expect(page.get_by_role("list", name="Wilt u dit delen met een medewerker?")).to_contain_text(
        "schulden"
    )
    # No counsellor online in the test stack: chat is not offered, and it says why.
    expect(page.get_by_role("radio", name="Nu chatten met een medewerker")).to_have_count(0)
    expect(page.get_by_text("Nu chatten met een medewerker kan niet.")).to_be_visible()
    violations = site.scan_axe()
    assert not violations, describe_violations(violations)
    site.widget.panel.screenshot(path=str(artifacts / "widget-desktop-consent.png"))

    # Remove the transcript; focus stays on the list.
    page.get_by_role("button", name=TRANSCRIPT).click()
    expect(page.get_by_role("button", name=TRANSCRIPT)).to_have_count(0)
    assert site.widget.focused().get("text", "").startswith("Haal weg")

    page.get_by_role("textbox", name=re.compile("^Uw vraag in uw eigen woorden")).fill(
        "Hoe kom ik van mijn schulden af?"
    )
    page.get_by_role("radio", name="Ik bel zelf. Geef mij een code.").check()
    page.get_by_role("button", name="Ja, deel dit").click()

    expect(site.widget.input).to_be_focused()
    notice = page.locator(".rk-msg--system").last
    expect(notice).to_contain_text("Uw code is")
    expect(site.widget.polite_region).to_contain_text("Uw code is")
    shared = server_handoff(site).json()
    assert shared["status"] == "consented"
    assert [i for i in shared["items"] if i["kind"] == "transcript"] == []
    assert shared["question"] == "Hoe kom ik van mijn schulden af?"

    page.get_by_role("button", name="Trek uw toestemming in").click()
    expect(page.locator(".rk-msg--system").last).to_contain_text("ingetrokken")
    expect(page.get_by_role("button", name="Praat met een medewerker")).to_be_visible()
    withdrawn = server_handoff(site).json()
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["items"] == []


def test_no_shares_nothing(open_site: Callable[..., Site]) -> None:
    site = open_site()
    talk_about_debts(site)
    open_consent(site)
    site.page.get_by_role("button", name="Nee, niet delen").click()
    expect(site.widget.input).to_be_focused()
    expect(site.page.locator(".rk-msg--system").last).to_contain_text("niets gedeeld")
    response = server_handoff(site)
    assert response.status_code == 404, "the unshared preview is deleted"


def test_callback_needs_a_phone_number(open_site: Callable[..., Site], artifacts: Path) -> None:
    site = open_site(viewport=NARROW)
    page = site.page
    talk_about_debts(site)
    open_consent(site)
    page.get_by_role("radio", name="Een medewerker belt mij terug").check()
    phone = page.get_by_role("textbox", name="Uw telefoonnummer")
    expect(phone).to_be_visible()
    page.get_by_role("button", name="Ja, deel dit").click()
    error = page.locator(".rk-consent__error")
    expect(error).to_be_visible()
    expect(site.widget.alert_region).not_to_be_empty()
    violations = site.scan_axe()
    assert not violations, describe_violations(violations)
    page.mouse.move(0, 0)
    page.screenshot(path=str(artifacts / "widget-320px-consent.png"))

    phone.fill("06 12345678")
    page.get_by_role("combobox", name="Wanneer mogen we bellen?").select_option("morning")
    page.get_by_role("button", name="Ja, deel dit").click()
    expect(page.locator(".rk-msg--system").last).to_contain_text("belt u terug")
    shared = server_handoff(site).json()
    assert shared["route"] == "callback"
    assert shared["status"] == "waiting", "in the counsellors' queue"


def test_person_to_person_state(open_site: Callable[..., Site], artifacts: Path) -> None:
    """Chat with a counsellor: waiting, then a person's messages, then back to the bot."""
    site = open_site()
    page = site.page
    widget = site.widget
    talk_about_debts(site)

    def fulfil(body: dict[str, Any]) -> Callable[[Route], None]:
        return lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(body)
        )

    availability: dict[str, Any] = {"chat": True, "callback": True, "reference": True}
    availability |= {"office_open": True, "counsellor_online": True, "phone": "14 045"}
    page.route("**/handoff/availability", fulfil(availability))
    waiting = {
        "status": "waiting",
        "route": "chat",
        "items": [],
        "urgent": False,
        "connected": True,
        "notice": "Dank u. Een medewerker komt zo bij u in deze chat.",
    }
    page.route("**/handoff/consent", fulfil(waiting))
    polls = [
        {"status": "waiting", "connected": True, "messages": []},
        {
            "status": "claimed",
            "connected": True,
            "counsellor_name": "Anja",
            "messages": [
                {"id": 1, "sender": "system", "text": "Anja is er nu.", "created_at": "x"},
                {
                    "id": 2,
                    "sender": "counsellor",
                    "author_name": "Anja",
                    "text": "Dag! Ik lees mee.",
                    "created_at": "x",
                },
            ],
        },
    ]

    def poll(route: Route) -> None:
        body = (
            polls.pop(0)
            if polls
            else {"status": "claimed", "connected": True, "counsellor_name": "Anja", "messages": []}
        )
        fulfil(body)(route)

    page.route(re.compile(r"/handoff/messages\?after="), poll)

    open_consent(site)
    expect(page.get_by_role("radio", name="Nu chatten met een medewerker")).to_be_checked()
    page.get_by_role("button", name="Ja, deel dit").click()
    expect(page.locator(".rk-status")).to_contain_text("U wacht op een medewerker")

    person = page.locator(".rk-msg--person")
    expect(person).to_have_count(1, timeout=15_000)
    expect(person.locator(".rk-msg__author")).to_have_text("Anja (medewerker)")
    expect(page.locator(".rk-status")).to_have_text("U chat nu met Anja van Gemeente Heerlen")
    expect(widget.polite_region).to_contain_text("Anja: Dag! Ik lees mee.")
    expect(page.get_by_role("button", name="Trek uw toestemming in")).to_be_visible()
    # The person's messages look different from the bot's (another background colour).
    colours = page.evaluate(
        """() => { const r = document.querySelector('.rondkomen-widget').shadowRoot;
            const bg = (s) => getComputedStyle(r.querySelector(s)).backgroundColor;
            return [bg('.rk-msg--person .rk-bubble'), bg('.rk-msg--bot .rk-bubble')]; }"""
    )
    assert colours[0] != colours[1]
    violations = site.scan_axe()
    assert not violations, describe_violations(violations)
    page.mouse.move(0, 0)
    widget.panel.screenshot(path=str(artifacts / "widget-desktop-person.png"))

    # The page changes: the live chat goes on.
    page.reload()
    expect(page.locator(".rk-status")).to_have_text("U chat nu met Anja van Gemeente Heerlen")
    expect(page.locator(".rk-msg--person")).to_have_count(1)

    # The counsellor closes: the bot answers again.
    polls.append(
        {
            "status": "closed",
            "connected": False,
            "messages": [
                {
                    "id": 3,
                    "sender": "system",
                    "text": "De medewerker heeft het gesprek afgesloten.",
                    "created_at": "x",
                }
            ],
        }
    )
    expect(page.locator(".rk-status")).to_contain_text("chatbot", timeout=15_000)
    expect(page.locator(".rk-msg--system").last).to_contain_text("afgesloten")


def test_asking_the_bot_for_a_person_opens_the_consent_screen(
    open_site: Callable[..., Site],
) -> None:
    site = open_site()
    widget = site.widget
    widget.open()
    before = widget.bot_messages.count()
    widget.send("ik wil met een medewerker praten")
    widget.wait_for_turn(before)
    heading = site.page.get_by_role("heading", name="Wilt u dit delen met een medewerker?")
    expect(heading).to_be_visible()
    # Nothing has been shared: the server holds only an unconsented preview.
    assert server_handoff(site).json()["status"] not in ("consented", "waiting", "claimed")
