"""An admin's staff page and an editor's municipality page in headless Chromium (the API alone,
on a fresh SQLite database): the admin adds an editor and passes on the password shown once;
that editor logs in and changes the municipality's phone number in the draft."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .support import assert_accessible, create_account, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def contexts(chromium: Browser) -> Iterator[list[BrowserContext]]:
    made: list[BrowserContext] = []
    yield made
    for context in made:
        context.close()


def _tab(chromium: Browser, contexts: list[BrowserContext]) -> tuple[Page, list[str]]:
    context = chromium.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security" in m.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page, problems


def test_an_admin_adds_an_editor_who_changes_the_phone_number(
    chromium: Browser, api: tuple[str, dict[str, str]], contexts: list[BrowserContext]
) -> None:
    url, env = api
    admin_name, admin_password = create_account(env, "admin", "Beheer")
    admin, admin_problems = _tab(chromium, contexts)
    log_in(admin, url, admin_name, admin_password)
    admin.get_by_role("link", name="Beheer", exact=True).click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Gemeente Heerlen")
    expect(admin.locator("#accounts")).to_contain_text(admin_name)
    assert_accessible(admin)

    admin.get_by_label("Gebruikersnaam").fill("redactie-heerlen")
    admin.get_by_label("Naam voor inwoners").fill("Redactie")
    admin.get_by_label("Rol").select_option("editor")
    admin.get_by_role("button", name="Account aanmaken").click()
    expect(admin.locator("#created")).to_contain_text("Het account redactie-heerlen is aangemaakt")
    password = admin.locator("#new-password").inner_text()
    expect(admin.locator("#accounts")).to_contain_text("redacteur")
    admin.reload()  # shown once: not on the page again
    expect(admin.locator("#created")).to_have_count(0)
    assert password not in admin.content()

    editor, editor_problems = _tab(chromium, contexts)
    log_in(editor, url, "redactie-heerlen", password)
    editor.get_by_role("link", name="Gemeente", exact=True).click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Gegevens van Gemeente Heerlen")
    assert_accessible(editor)
    phone = editor.get_by_label("Telefoonnummer voor inwoners")
    phone.fill("bel ons maar")
    editor.get_by_role("button", name="Bewaren in het concept").first.click()
    expect(editor.locator("#basics-form")).to_contain_text("alleen cijfers en spaties")
    expect(editor.get_by_label("Telefoonnummer voor inwoners")).to_have_value("bel ons maar")
    editor.get_by_label("Telefoonnummer voor inwoners").fill("045 560 40 00")
    editor.get_by_role("button", name="Bewaren in het concept").first.click()
    expect(editor.locator("#flash")).to_contain_text("staan in het concept")
    expect(editor.locator("#phone-link a").last).to_have_attribute("href", "tel:0455604000")
    editor.get_by_role("link", name="Redactie", exact=True).click()
    expect(editor.locator("#draft-status")).to_contain_text("wijzigingen in 1 bestand")
    assert admin_problems == []
    assert editor_problems == []
