"""The editors' workspace in headless Chromium: an editor edits an answer, sees a B1 refusal
with the reason and the sentence marked, saves a good text; two editors on one text get the
conflict shown. Only the API runs (the pages need no Rasa), on a fresh SQLite database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .support import assert_accessible, create_account, log_in_as_editor

pytestmark = pytest.mark.browser

LONG = "Bel de gemeente " + " ".join(["en vraag dan om hulp"] * 4) + "."


@pytest.fixture
def editor_page(chromium: Browser, api: tuple[str, dict[str, str]]) -> Iterator[Callable[[], Page]]:
    """editor_page() -> a new editor, logged in, in a browser context of their own."""
    url, env = api
    contexts = []
    problems: list[str] = []

    def open_one() -> Page:
        username, password = create_account(env, "editor", "Redactie")
        context = chromium.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on(
            "console", lambda m: problems.append(m.text) if "Content Security" in m.text else None
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        log_in_as_editor(page, url, username, password)
        return page

    yield open_one
    for context in contexts:
        context.close()
    assert problems == []


def open_text(page: Page, search: str, key: str) -> None:
    page.get_by_role("link", name="Teksten", exact=True).click()
    page.get_by_label("Zoek in de teksten").fill(search)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name=key, exact=True).first.click()
    expect(page.get_by_label("Tekst", exact=True)).to_be_visible()


def test_an_editor_is_refused_with_the_reason_then_saves_a_good_text(
    editor_page: Callable[[], Page],
) -> None:
    page = editor_page()
    open_text(page, "Waar kan ik u nog mee helpen", "affirm")
    text = page.get_by_label("Tekst", exact=True)
    expect(page.locator("#check-result")).to_contain_text("de tekst is in orde")
    text.fill(LONG)
    # The live check, while typing: the reason and the offending sentence marked.
    expect(page.locator("#check-result")).to_contain_text("wordt zo niet bewaard")
    expect(page.locator("#check-result")).to_contain_text("hoogstens 20")
    expect(page.locator("#check-result mark")).to_have_text(LONG)
    # Saving anyway: refused by the server, with the same reason.
    page.get_by_role("button", name="Bewaren in het concept").click()
    expect(page.locator("#refused")).to_contain_text("De tekst is niet bewaard")
    expect(page.locator("#refused mark")).to_have_text(LONG)
    text = page.get_by_label("Tekst", exact=True)
    text.fill("Bel de wethouder op {wethouder}.")
    page.get_by_role("button", name="Bewaren in het concept").click()
    expect(page.locator("#refused")).to_contain_text("{wethouder} kent de chatbot niet")
    page.get_by_label("Tekst", exact=True).fill("Fijn. Wat kan ik nog meer voor u doen?")
    page.get_by_role("button", name="Bewaren in het concept").click()
    expect(page.locator("#saved")).to_contain_text("staat in het concept")
    page.get_by_role("link", name="Redactie", exact=True).click()
    expect(page.locator("#draft-status")).to_contain_text("wijzigingen in 1 bestand")


def test_two_editors_on_one_text_get_the_conflict_shown(editor_page: Callable[[], Page]) -> None:
    first, second = editor_page(), editor_page()
    open_text(first, "Vertel gerust wat u wel wilt weten", "deny")
    open_text(second, "Vertel gerust wat u wel wilt weten", "deny")
    first.get_by_label("Tekst", exact=True).fill("Dat is goed. Wat wilt u wel weten?")
    first.get_by_role("button", name="Bewaren in het concept").click()
    expect(first.locator("#saved")).to_be_visible()
    second.get_by_label("Tekst", exact=True).fill("Goed. Vertel wat u wilt weten.")
    second.get_by_role("button", name="Bewaren in het concept").click()
    conflict = second.locator("#conflict")
    expect(conflict).to_contain_text("Een collega heeft deze tekst intussen veranderd")
    expect(second.locator("#conflict-theirs")).to_have_text("Dat is goed. Wat wilt u wel weten?")
    expect(second.get_by_label("Tekst", exact=True)).to_have_value("Goed. Vertel wat u wilt weten.")


@pytest.mark.parametrize(
    "path",
    [
        "/editor",
        "/editor/antwoorden?q=schulden",
        "/editor/antwoorden/bewerk?id=actions%2Ftexts.nl.yml%23texts%2Faffirm%2Ftext",
        "/editor/begrip?intent=debt_worries",
        "/editor/regelingen",
        "/editor/regelingen/national/zorgtoeslag",
        "/editor/regelingen/national/zorgtoeslag/bewerk?periode=2026-01-01&parameter=standaardpremie",
        "/editor/scenarios",
        "/editor/scenarios/nieuw?regeling=zorgtoeslag",
        "/editor/scenarios/bewerk?bestand=scenarios%2Fzorgtoeslag.yaml&nummer=0",
    ],
)
def test_the_editor_pages_are_accessible(
    editor_page: Callable[[], Page], api: tuple[str, dict[str, str]], path: str
) -> None:
    page = editor_page()
    page.goto(f"{api[0]}{path}")
    assert_accessible(page)
