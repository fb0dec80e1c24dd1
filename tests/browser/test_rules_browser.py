"""An editor keeps a regeling current in headless Chromium, on the real stack with the content
workspace: she raises the zorgtoeslag asset limit for a single person, sees the one scenario it
breaks (household, expected and actual side by side), cannot publish while it fails, fixes the
scenario, and publishes. A new resident's zorgtoeslag check in the widget then uses the new
limit, without any process restarting.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import new_workspace_stack, running

from .support import Site, desktop_tab, editor_on_stack

pytestmark = [pytest.mark.browser, pytest.mark.stack]

# The whole publish: checks, rasa data validate, rules scenarios, training, conversation tests.
PUBLISH_TIMEOUT_SECONDS = 20 * 60
# 148.000 euro of savings: above the 2026 limit of 146.011, under the editor's new 150.000.
SAVINGS = "148000"
BROKEN = "alleenstaande met een euro te veel vermogen krijgt geen zorgtoeslag (indicatie)"
FIXED = "alleenstaande met een euro te veel vermogen (150.001) krijgt geen zorgtoeslag"


@pytest.fixture(scope="module")
def workspace_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    instance, _ = new_workspace_stack(tmp_path_factory.mktemp("rules-browser"))
    with running(instance, timeout=300):
        yield instance


@pytest.fixture(autouse=True)
def patient_expect() -> Iterator[None]:
    """Each page after a save runs every scenario on the draft; on a busy machine, seconds."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=5_000)  # Playwright's default


def _answer(question: str) -> str:
    """A single resident of 30 without a partner, insured, 20.000 a year, 148.000 saved."""
    q = question.lower()
    answers = [
        ("hoe oud bent u", "30"),
        ("heeft u een partner", "nee"),
        ("zorgverzekering", "ja"),
        ("per jaar", "20000"),
        ("spaargeld", SAVINGS),
        ("kinderen", "geen"),
        ("andere mensen van 21", "niemand"),
    ]
    for key, answer in answers:
        if key in q:
            return answer
    raise AssertionError(f"unexpected question: {question}")


def _zorgtoeslag_for_a_new_resident(chromium: Browser, url: str) -> str:
    """A new resident asks the widget about zorgtoeslag and answers every question: the result."""
    page = desktop_tab(chromium)
    site = Site(url=url, context=page.context, page=page)
    page.on("pageerror", lambda error: site.problems.append(f"script error: {error}"))
    try:
        page.goto(f"{url}/")
        site.widget.open()
        site.widget.send("Heb ik recht op zorgtoeslag?")
        for _ in range(12):
            expect(site.widget.error).to_be_hidden()
            last = site.widget.transcript()[-1]
            if "Wat wilt u nu doen?" in last:
                break
            site.widget.send(_answer(last))
        else:
            pytest.fail(f"the check did not end: {site.widget.transcript()}")
        assert site.problems == []
        return "\n".join(site.widget.transcript())
    finally:
        page.context.close()


def test_an_editor_raises_a_limit_fixes_the_scenario_and_residents_get_it(
    chromium: Browser, workspace_stack: object
) -> None:
    url = str(workspace_stack.api_url)  # type: ignore[attr-defined]
    before = _zorgtoeslag_for_a_new_resident(chromium, url)
    assert "Zorgtoeslag: ongeveer" not in before
    assert re.search(r"geen recht op:?\s+(- )?Zorgtoeslag", before), before

    editor = editor_on_stack(chromium, workspace_stack)

    # The limit, in euro, with its source and the day it was checked.
    editor.get_by_label("Hoofdmenu").get_by_role("link", name="Regelingen").click()
    editor.get_by_role("link", name="Zorgtoeslag", exact=True).click()
    row = editor.locator("#param-2026-01-01-asset_limit_single")
    expect(row).to_contain_text("146.011")
    expect(row).to_contain_text("nee: indicatie")
    row.get_by_role("link", name="Bewerken").click()
    value = editor.get_by_label("Waarde (euro)")
    expect(value).to_have_value("146.011")
    value.fill("150.000")
    editor.get_by_label("Bron (webadres)").fill(
        "https://www.belastingdienst.nl/zorgtoeslag/vermogen"
    )
    editor.get_by_label("Gecontroleerd op", exact=True).fill("2026-11-30")
    editor.get_by_label("Gecontroleerd bij een officiële bron").check()
    editor.get_by_role("button", name="Bewaren in het concept").click()

    # The one scenario the change breaks: household, expected and actual side by side.
    expect(editor.locator("#saved")).to_contain_text("staat in het concept")
    expect(editor.locator("#scenario-summary")).to_contain_text("1 van de 24 scenario's klopt niet")
    failed = editor.locator("article.scenario.failed")
    expect(failed).to_have_count(1)
    expect(failed).to_contain_text(BROKEN)
    household, expected, actual = failed.locator("table.side-by-side td").all()
    expect(household).to_contain_text("Vermogen (euro)146012")
    expect(expected).to_contain_text("krijgt het niet")
    expect(actual).to_contain_text("krijgt het waarschijnlijk")
    expect(editor.locator("#param-2026-01-01-asset_limit_single")).to_contain_text("150.000")

    # No publishing while a scenario fails.
    editor.get_by_label("Hoofdmenu").get_by_role("link", name="Publiceren").click()
    expect(editor.get_by_role("heading", name="Eerst de scenario's")).to_be_visible()
    expect(editor.get_by_role("button", name="Publiceren", exact=True)).to_have_count(0)

    # The limit really changed: the scenario's household moves just above the new limit.
    editor.get_by_role("link", name="Scenario bewerken").click()
    expect(editor.get_by_label("Vermogen (euro)")).to_have_value("146012")
    editor.get_by_label("Naam: wat de wet dit huishouden geeft").fill(FIXED)
    editor.get_by_label("Vermogen (euro)").fill("150001")
    # The limit is checked at an official source now: the outcome is no longer an indication.
    indication = editor.get_by_label("Indicatie", exact=False)
    expect(indication).to_have_value("ja")
    indication.select_option("nee")
    editor.get_by_role("button", name="Bewaren in het concept").click()
    expect(editor.locator("#saved")).to_contain_text("Het scenario staat in het concept.")
    expect(editor.locator("#scenario-summary")).to_contain_text(
        "scenario's kloppen met het concept"
    )
    expect(editor.get_by_text(FIXED)).to_be_visible()

    # Still the live rules for residents until the publish.
    editor.get_by_label("Hoofdmenu").get_by_role("link", name="Publiceren").click()
    expect(editor.get_by_text("Inwoners zien nu versie 1.")).to_be_visible()
    clicked = time.monotonic()
    editor.get_by_role("button", name="Publiceren", exact=True).click()
    expect(editor.get_by_text("Het publiceren is gestart.")).to_be_visible()
    outcome = editor.locator("p", has_text=re.compile(r"Klaar: versie \d+ is live|Mislukt:"))
    expect(outcome).to_be_visible(timeout=PUBLISH_TIMEOUT_SECONDS * 1000)
    if "Mislukt:" in outcome.inner_text():
        pytest.fail(f"the publish failed:\n{editor.locator('main').inner_text()}")
    expect(outcome).to_contain_text("Klaar: versie 2 is live.")
    print(f"\nfrom clicking Publiceren to live: {time.monotonic() - clicked:.0f} s")
    expect(editor.locator("ol.steps > li").nth(2)).to_contain_text("Regels: scenario's: klaar")
    editor.context.close()

    after = _zorgtoeslag_for_a_new_resident(chromium, url)
    assert "Zorgtoeslag: ongeveer 129 euro per maand." in after, after
