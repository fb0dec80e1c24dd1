"""End to end (issue 5): a resident in the widget and a counsellor in the inbox chat with each
other, in headless Chromium, against the real stack (API, Rasa, action server).

"Chat now" needs office hours: the test stack (tests/conftest.py) gives the API a copy of the
rule data with office hours around the clock (RONDKOMEN_RULES_DIR); a stack without it skips
the test outside Heerlen's office hours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from .support import AXE_TAGS, Site, axe_source, create_account, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.stack]

ROOT = Path(__file__).resolve().parents[2]
COUNSELLOR_NAME = "Anja"


def scan_axe(page: Page) -> None:
    """No axe-core violations (WCAG 2.1 A/AA and best practices) on the counsellor page."""
    page.evaluate("() => window.__rkAxe(true)")
    page.evaluate(axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    page.wait_for_timeout(100)
    page.evaluate("() => window.__rkAxe(false)")
    violations = list(result["violations"])
    assert not violations, describe_violations(violations)


@pytest.fixture
def counsellor_page(chromium: Browser, stack: Any, stack_url: str) -> Iterator[Page]:
    """A counsellor, logged in and online, in a browser of their own."""
    username, password = create_account(
        {"RONDKOMEN_DATABASE_URL": str(stack.database_url)}, "counsellor", COUNSELLOR_NAME
    )
    context = chromium.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    axe_running = [False]

    def on_console(message: Any) -> None:
        # axe itself applies an inline style while it runs; our CSP rightly blocks that.
        if "Content Security Policy" in message.text and not axe_running[0]:
            problems.append(message.text)

    page.on("console", on_console)
    page.expose_function("__rkAxe", lambda running: axe_running.__setitem__(0, running))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.goto(f"{stack_url}/counsellor/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Inbox", exact=True)).to_be_visible()
    page.get_by_role("button", name="Ga online").click()
    expect(page.get_by_text("U staat online.")).to_be_visible()
    try:
        yield page
    finally:
        # Offline again, so other tests see no counsellor online.
        page.goto(f"{stack_url}/counsellor/")
        page.get_by_role("button", name="Uitloggen").click()
        context.close()
    assert not problems, "\n".join(problems)


def _skip_when_office_closed(stack_url: str) -> None:
    session = httpx.post(f"{stack_url}/api/v1/sessions", timeout=30).json()["session_id"]
    availability = httpx.get(
        f"{stack_url}/api/v1/sessions/{session}/handoff/availability", timeout=30
    ).json()
    if not availability["office_open"]:
        pytest.skip(
            "outside Heerlen's office hours: start the stack with RONDKOMEN_RULES_DIR set to "
            "rule data with office hours around the clock (tests/conftest.py: always_open_rules)"
        )
    assert availability["chat"], availability


def test_resident_and_counsellor_chat_end_to_end(
    counsellor_page: Page, open_site: Callable[..., Site], stack_url: str, artifacts: Path
) -> None:
    _skip_when_office_closed(stack_url)
    counsellor = counsellor_page
    site = open_site()
    resident = site.page
    widget = site.widget
    widget.open()
    widget.send("Ik heb schulden en ik weet niet wat ik moet doen")

    # Consent: the resident sees what would be shared and chooses to chat now.
    resident.get_by_role("button", name="Praat met een medewerker").click()
    expect(
        resident.get_by_role("heading", name="Wilt u dit delen met een medewerker?")
    ).to_be_visible()
    resident.get_by_role("radio", name="Nu chatten met een medewerker").check()
    resident.get_by_role("button", name="Ja, deel dit").click()
    expect(resident.locator(".rk-status")).to_contain_text("U wacht op een medewerker")

    # The inbox shows the new handoff without a reload; the counsellor claims it.
    claim = counsellor.get_by_role("button", name="Oppakken").first
    expect(claim).to_be_visible(timeout=15_000)
    scan_axe(counsellor)
    claim.click()
    expect(counsellor.get_by_role("heading", name="Samenvatting")).to_be_visible()
    expect(counsellor.get_by_role("heading", name="Gesprek met de chatbot")).to_be_visible()
    expect(counsellor.locator("main")).to_contain_text("Ik heb schulden")

    # The widget shows clearly that a person is writing now.
    expect(resident.locator(".rk-status")).to_contain_text(f"U chat nu met {COUNSELLOR_NAME}")

    # Resident to counsellor: the bot stays silent.
    widget.input.fill("Ik kan de huur van deze maand niet betalen.")
    widget.input.press("Enter")
    live = counsellor.locator("#live")
    expect(live).to_contain_text("Ik kan de huur van deze maand niet betalen.", timeout=15_000)

    # Counsellor to resident.
    counsellor.get_by_label("Bericht aan de inwoner").fill("Dat lossen we samen op. Hoeveel?")
    counsellor.get_by_role("button", name="Verstuur").click()
    person = resident.locator(".rk-msg--person")
    expect(person.last).to_contain_text("Dat lossen we samen op. Hoeveel?", timeout=15_000)
    expect(person.last).to_contain_text(COUNSELLOR_NAME)
    scan_axe(counsellor)
    counsellor.screenshot(path=str(artifacts / "counsellor-handoff-chat.png"), full_page=True)
    resident.screenshot(path=str(artifacts / "widget-with-counsellor.png"))

    # The counsellor closes: the resident is told and the bot answers again.
    counsellor.get_by_label("Nieuwe status").select_option("closed")
    counsellor.get_by_role("button", name="Status opslaan").click()
    expect(counsellor.get_by_text("De overdracht is gesloten.")).to_be_visible()
    expect(resident.locator(".rk-msg--system").last).to_contain_text("afgesloten", timeout=15_000)
    widget.send("Dank u wel")
    expect(widget.bot_messages.last).to_be_visible()
    expect(resident.locator(".rk-status")).not_to_contain_text(COUNSELLOR_NAME)
