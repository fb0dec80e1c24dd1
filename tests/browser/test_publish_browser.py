"""The whole editors' flow in headless Chromium, on the real stack with the content workspace:
an editor changes the greeting (a bot response, so it is in the model) and publishes it; a new
resident in the widget gets the new greeting, without any process restarting. Restoring the
previous version gives the next resident the old greeting again.

The time from clicking "Publiceren" to live is printed (the checks, training and conversation
tests; Rasa's training cache in ``.rasa/cache`` makes a text-only change quicker).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import new_workspace_stack, running

from .support import Site, desktop_tab, editor_on_stack

pytestmark = [pytest.mark.browser, pytest.mark.stack]

OLD_GREETING = "Hallo! Ik ben de geldhulp-chat van de gemeente."
NEW_GREETING = "Goedendag! Ik ben de geldhulp-chat van de gemeente."
# The whole publish: checks, rasa data validate, rules scenarios, training, conversation tests.
PUBLISH_TIMEOUT_SECONDS = 20 * 60


@pytest.fixture(scope="module")
def workspace_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    instance, _ = new_workspace_stack(tmp_path_factory.mktemp("publish-browser"))
    with running(instance, timeout=300):
        yield instance


def _answer_for_a_new_resident(chromium: Browser, url: str, message: str) -> list[str]:
    """A new resident opens the widget on the demo site and says ``message``; the transcript."""
    page = desktop_tab(chromium)
    site = Site(url=url, context=page.context, page=page)
    page.on("pageerror", lambda error: site.problems.append(f"script error: {error}"))
    try:
        page.goto(f"{url}/")
        site.widget.open()
        site.widget.send(message)
        expect(site.widget.error).to_be_hidden()
        assert site.problems == []
        return [str(line) for line in site.widget.transcript()]
    finally:
        page.context.close()


def _greeting_for_a_new_resident(chromium: Browser, url: str) -> str:
    return _answer_for_a_new_resident(chromium, url, "Hallo")[-1]


def _wait_until_published(page: Page, started: float, version: int | None = 2) -> float:
    """Wait on the publish page (it refreshes itself while the job runs) until the job is done;
    fail with its message when it failed. The seconds since ``started`` (time.monotonic)."""
    outcome = page.locator("p", has_text=re.compile(r"Klaar: versie \d+ is live|Mislukt:"))
    expect(outcome).to_be_visible(timeout=PUBLISH_TIMEOUT_SECONDS * 1000)
    taken = time.monotonic() - started
    if "Mislukt:" in outcome.inner_text():
        pytest.fail(f"the publish failed:\n{page.locator('main').inner_text()}")
    if version is not None:
        expect(outcome).to_contain_text(f"Klaar: versie {version} is live.")
    return taken


def test_an_editor_publishes_a_new_greeting_and_restores_the_old_one(
    chromium: Browser, workspace_stack: object
) -> None:
    url = str(workspace_stack.api_url)  # type: ignore[attr-defined]
    assert OLD_GREETING in _greeting_for_a_new_resident(chromium, url)

    editor = editor_on_stack(chromium, workspace_stack)
    editor.get_by_role("link", name="Teksten", exact=True).click()
    editor.get_by_label("Zoek in de teksten").fill("Ik ben de geldhulp-chat")
    editor.get_by_role("button", name="Zoeken").click()
    editor.get_by_role("link", name="utter_greet", exact=True).first.click()
    text = editor.get_by_label("Tekst", exact=True)
    expect(text).to_have_value(OLD_GREETING + " U blijft anoniem. Waar maakt u zich zorgen over?")
    text.fill(NEW_GREETING + " U blijft anoniem. Waar maakt u zich zorgen over?")
    editor.get_by_role("button", name="Bewaren in het concept").click()
    expect(editor.locator("#saved")).to_contain_text("staat in het concept")
    # Still the live version for residents: the draft is not published yet.
    assert OLD_GREETING in _greeting_for_a_new_resident(chromium, url)

    editor.goto(f"{url}/editor/publiceren")
    expect(editor.get_by_text("Inwoners zien nu versie 1.")).to_be_visible()
    clicked = time.monotonic()
    editor.get_by_role("button", name="Publiceren", exact=True).click()
    expect(editor.get_by_text("Het publiceren is gestart.")).to_be_visible()
    to_live = _wait_until_published(editor, clicked)
    print(f"\nfrom clicking Publiceren to live: {to_live:.0f} s")
    steps = editor.locator("ol.steps > li")
    expect(steps).to_have_count(7)
    expect(steps.first).to_contain_text("Teksten: B1 en plaatshouders: klaar")
    expect(steps.last).to_contain_text("Live zetten: klaar")

    assert NEW_GREETING in _greeting_for_a_new_resident(chromium, url)

    editor.goto(f"{url}/editor/versies")
    rows = editor.locator("tbody > tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("(live)")
    expect(rows.first).to_contain_text("bot/domain/conversation.yml")
    rows.last.get_by_role("button", name="Herstel deze versie").click()
    expect(editor.get_by_text("De versie is hersteld. Inwoners zien die nu.")).to_be_visible()
    expect(editor.locator("tbody > tr").last).to_contain_text("(live)")

    greeting = _greeting_for_a_new_resident(chromium, url)
    assert OLD_GREETING in greeting
    assert NEW_GREETING not in greeting
    editor.context.close()


def test_an_editor_changes_the_municipalitys_phone_and_new_residents_get_it(
    chromium: Browser, workspace_stack: object
) -> None:
    """On the same stack as the greeting test (which may have published a version before)."""
    url = str(workspace_stack.api_url)  # type: ignore[attr-defined]
    assert "14 045" in "\n".join(_answer_for_a_new_resident(chromium, url, "Ik heb schulden"))

    editor = editor_on_stack(chromium, workspace_stack)
    editor.get_by_role("link", name="Gemeente", exact=True).click()
    editor.get_by_label("Telefoonnummer voor inwoners").fill("045 560 40 00")
    editor.get_by_role("button", name="Bewaren in het concept").first.click()
    expect(editor.locator("#flash")).to_contain_text("staan in het concept")

    editor.goto(f"{url}/editor/publiceren")
    clicked = time.monotonic()
    editor.get_by_role("button", name="Publiceren", exact=True).click()
    to_live = _wait_until_published(editor, clicked, version=None)
    done = editor.locator("p", has_text=re.compile(r"Klaar: versie \d+ is live")).inner_text()
    number = re.search(r"versie (\d+)", done)
    assert number is not None
    print(f"\nphone number from clicking Publiceren to live: {to_live:.0f} s")

    answer = "\n".join(_answer_for_a_new_resident(chromium, url, "Ik heb schulden"))
    assert "045 560 40 00" in answer
    assert "14 045" not in answer
    editor.goto(f"{url}/editor/versies/{number.group(1)}")
    expect(editor.locator("pre.diff")).to_contain_text('+phone: "045 560 40 00"')
    editor.context.close()
