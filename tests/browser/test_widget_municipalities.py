"""Two municipalities' sites on one running stack: each widget's script tag names its
municipality (data-municipality), and the widget shows that municipality's name and phone number
and gets its answers. An unknown key shows a clear Dutch message instead of a chat."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Route, expect

from tests.conftest import TEST_MUNICIPALITY, always_open_rules, new_stack, running

from .support import Site

pytestmark = [pytest.mark.browser, pytest.mark.stack]

# A municipality's own page with the one script tag (the stack's origin, as the demo page).
PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main id="inhoud"><h1>{title}</h1><p>Hulp bij geldzorgen.</p></main>
<script src="/widget/rondkomen-widget.js" defer data-api-base="/" {attribute}></script>
</body></html>"""


@pytest.fixture(scope="module")
def stack_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A stack of its own that serves Heerlen and the fictional Proefdorp (open_site uses it)."""
    workdir = tmp_path_factory.mktemp("two-sites")
    rules = always_open_rules(workdir / "rules-two", test_municipality=True)
    with running(new_stack(workdir, RONDKOMEN_RULES_DIR=str(rules))) as stack:
        yield str(stack.api_url)  # type: ignore[attr-defined]


def _site_of(open_site: Callable[..., Site], key: str | None, title: str) -> Site:
    """A tab on a page of the municipality ``key`` (None: a tag without data-municipality)."""
    site = open_site()
    attribute = f'data-municipality="{key}"' if key else ""
    html = PAGE.format(title=title, attribute=attribute)

    def serve(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    site.page.route(f"{site.url}/gemeente.html", serve)
    site.page.goto(f"{site.url}/gemeente.html")
    return site


def test_each_municipalitys_page_shows_its_own_phone_and_gets_its_own_answers(
    open_site: Callable[..., Site],
) -> None:
    heerlen = _site_of(open_site, "heerlen", "Gemeente Heerlen")
    proefdorp = _site_of(open_site, TEST_MUNICIPALITY, "Gemeente Proefdorp")
    footer = ".rk-footer__phone"
    for site, name, phone in (
        (proefdorp, "Gemeente Proefdorp (fictief)", "0123 456 789"),
        (heerlen, "Gemeente Heerlen", "14 045"),
    ):
        site.widget.open()
        expect(site.page.locator(footer)).to_contain_text(phone)
        expect(site.page.locator(footer)).to_contain_text(name)
        site.widget.send("ik heb schulden")
        assert phone in " ".join(site.widget.transcript()[1:])  # the bot's answer, not the footer
    assert "14 045" not in " ".join(proefdorp.widget.transcript())
    assert "0123 456 789" not in " ".join(heerlen.widget.transcript())


def test_a_page_without_the_attribute_gets_the_default_municipality(
    open_site: Callable[..., Site],
) -> None:
    """A tag without data-municipality leaves the start to the host's init() (web_widget/README);
    init without a municipality is the installation's default."""
    site = _site_of(open_site, None, "Gemeente Heerlen")
    site.page.wait_for_function("() => window.RondkomenWidget !== undefined")
    site.page.evaluate("() => RondkomenWidget.init(document.getElementById('inhoud'), {})")
    site.widget.open()
    expect(site.page.locator(".rk-footer__phone")).to_contain_text("14 045")
    site.widget.send("ik wil iemand spreken")
    assert "14 045" in " ".join(site.widget.transcript())


def test_an_unknown_municipality_gets_a_clear_message_and_no_chat(
    open_site: Callable[..., Site],
) -> None:
    site = _site_of(open_site, "atlantis", "Gemeente Atlantis")
    site.widget.open()
    expect(site.page.locator(".rk-messages")).to_contain_text(
        "De gemeente van deze website is niet"
    )
    expect(site.widget.input).to_be_disabled()
    expect(site.widget.send_button).to_be_disabled()
