"""How a municipal site embeds the widget: one script tag, RondkomenWidget.init, overrides."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Request, expect

from .support import Site

pytestmark = [pytest.mark.browser, pytest.mark.stack]

INIT_WITH_OVERRIDES = """async (options) => {
    // Replace the widget the script tag started with one made by the JavaScript API.
    document.querySelector('.rondkomen-widget').remove();
    const chat = await RondkomenWidget.init(document.getElementById('inhoud'), options);
    const root = chat.element.shadowRoot;
    const style = getComputedStyle(root.querySelector('.rk-launcher'));
    return {background: style.backgroundColor, color: style.color,
            label: root.querySelector('.rk-launcher').textContent.trim()};
}"""


def test_only_own_origin_is_contacted(open_site: Callable[..., Site]) -> None:
    site = open_site()
    origins: set[str] = set()

    def record(request: Request) -> None:
        parts = urlsplit(request.url)
        origins.add(f"{parts.scheme}://{parts.netloc}")

    site.page.on("request", record)
    site.page.reload()
    site.widget.open()
    site.widget.send("Hallo")
    assert origins == {site.url}, f"requests outside the site: {origins - {site.url}}"


def test_init_with_text_and_colour_overrides(open_site: Callable[..., Site]) -> None:
    site = open_site()
    result = site.page.evaluate(
        INIT_WITH_OVERRIDES,
        {
            "municipality": "heerlen",
            "apiBase": "/",
            "texts": {"launcherLabel": "Chat met de gemeente"},
            # Yellow: white text on it fails 4.5:1, so the widget picks dark text.
            "colors": {"accent": "#ffdd00"},
        },
    )
    assert result == {
        "background": "rgb(255, 221, 0)",
        "color": "rgb(26, 26, 26)",
        "label": "Chat met de gemeente",
    }
    launcher = site.page.get_by_role("button", name="Chat met de gemeente")
    launcher.click()
    expect(site.page.get_by_role("dialog", name="Hulp bij geldzorgen")).to_be_visible()


def test_unsafe_colour_is_ignored(open_site: Callable[..., Site]) -> None:
    site = open_site()
    result = site.page.evaluate(
        INIT_WITH_OVERRIDES,
        {"municipality": "heerlen", "colors": {"accent": "red; background: url(//evil)"}},
    )
    assert result["background"] == "rgb(0, 96, 122)", "the default colour stays"
    assert result["color"] == "rgb(255, 255, 255)"
