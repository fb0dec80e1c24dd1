"""axe-core scans, small screens, zoom, reduced motion, and screenshots for people to look at.

Screenshots go to var/test-artifacts/ (gitignored).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Route, ViewportSize, expect

from .support import DESKTOP, NARROW, ZOOM_200, Site, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.stack]


def assert_no_axe_violations(site: Site) -> None:
    violations = site.scan_axe()
    assert not violations, "axe-core found:\n" + describe_violations(violations)


def assert_no_horizontal_scroll(site: Site) -> None:
    sizes = site.page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, view: window.innerWidth})"
    )
    assert sizes["scroll"] <= sizes["view"], f"the page scrolls sideways: {sizes}"
    box = site.widget.panel.bounding_box()
    assert box is not None
    assert box["x"] >= 0, box
    assert box["x"] + box["width"] <= sizes["view"] + 0.5, box


@pytest.mark.parametrize(("label", "viewport"), [("desktop", DESKTOP), ("320px", NARROW)])
def test_axe_closed_and_open_with_screenshots(
    open_site: Callable[..., Site], artifacts: Path, label: str, viewport: ViewportSize
) -> None:
    site = open_site(viewport=viewport)
    widget = site.widget
    site.page.screenshot(path=str(artifacts / f"widget-{label}-closed.png"))
    assert_no_axe_violations(site)

    widget.open()
    widget.send("Hallo")  # An answer with quick-reply buttons.
    expect(widget.choice("Ik heb schulden")).to_be_visible()
    assert_no_axe_violations(site)
    assert_no_horizontal_scroll(site)
    site.page.mouse.move(0, 0)  # No hover effect in the picture.
    site.page.screenshot(path=str(artifacts / f"widget-{label}-open.png"))
    widget.panel.screenshot(path=str(artifacts / f"widget-{label}-panel.png"))

    # The wipe question is part of the panel too.
    site.page.get_by_role("button", name="Wis dit gesprek").click()
    assert_no_axe_violations(site)


def test_axe_error_state_with_screenshot(open_site: Callable[..., Site], artifacts: Path) -> None:
    site = open_site()
    widget = site.widget
    widget.open()
    expect(site.page.locator(".rk-footer")).to_contain_text("14")

    def unavailable(route: Route) -> None:
        body = {"error": {"code": "bot_unavailable", "message": "De chat werkt nu even niet."}}
        route.fulfill(status=503, content_type="application/json", body=json.dumps(body))

    site.page.route("**/api/v1/sessions/*/messages", unavailable)
    widget.send("Ik heb schulden")
    expect(widget.error).to_be_visible()
    assert_no_axe_violations(site)
    widget.panel.screenshot(path=str(artifacts / "widget-desktop-error.png"))


def test_usable_at_200_percent_zoom(open_site: Callable[..., Site], artifacts: Path) -> None:
    site = open_site(viewport=ZOOM_200)
    widget = site.widget
    widget.open()
    widget.send("Hallo")
    assert_no_horizontal_scroll(site)
    # Text box and send button can be reached and seen after scrolling into view.
    for control in (widget.input, widget.send_button, widget.choice("Ik heb schulden")):
        control.scroll_into_view_if_needed()
        expect(control).to_be_in_viewport()
    assert_no_axe_violations(site)
    site.page.screenshot(path=str(artifacts / "widget-zoom200-open.png"))


@pytest.mark.parametrize(
    ("motion", "animation"), [("reduce", "none"), ("no-preference", "rk-bounce")]
)
def test_typing_indicator_honours_reduced_motion(
    open_site: Callable[..., Site], motion: str, animation: str
) -> None:
    site = open_site(reduced_motion=motion)
    site.widget.open()
    name = site.page.locator(".rk-typing__dots span").first.evaluate(
        "el => getComputedStyle(el).animationName"
    )
    assert name == animation
