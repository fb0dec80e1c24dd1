"""The whole widget with the keyboard only: no mouse clicks anywhere in these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from .support import NARROW, Site, WidgetDriver

pytestmark = [pytest.mark.browser, pytest.mark.stack]


def tab_to(widget: WidgetDriver, text: str, *, backwards: bool = False, limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until the focused widget element has this text."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if widget.focused().get("text") == text:
            return
        widget.page.keyboard.press(key)
    raise AssertionError(f"{text!r} not reachable with {key}; focus is on {widget.focused()}")


def assert_focus_visible(widget: WidgetDriver) -> None:
    style = widget.page.evaluate(
        """() => {
            const el = document.querySelector('.rondkomen-widget').shadowRoot.activeElement;
            const s = getComputedStyle(el);
            return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)};
        }"""
    )
    assert style["style"] != "none", f"no visible focus: {style}"
    assert style["width"] >= 2, f"focus outline too thin: {style}"


def test_keyboard_only_conversation(open_site: Callable[..., Site]) -> None:
    site = open_site()
    widget = site.widget
    keyboard = site.page.keyboard

    # From the top of the page, Tab reaches the chat button.
    tab_to(widget, "Vragen over geld? Chat met ons")
    assert_focus_visible(widget)
    keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    assert widget.focused().get("id") == "rk-input", "focus moves into the panel"

    keyboard.type("Hallo")
    before = widget.bot_messages.count()
    keyboard.press("Enter")
    widget.wait_for_turn(before)
    expect(widget.resident_messages.last).to_contain_text("Hallo")

    # The quick replies sit just above the text box.
    tab_to(widget, "Ik heb schulden", backwards=True)
    assert_focus_visible(widget)
    before = widget.bot_messages.count()
    keyboard.press("Enter")
    widget.wait_for_turn(before)
    expect(widget.resident_messages.last).to_contain_text("Ik heb schulden")
    assert widget.focused().get("id") == "rk-input"

    # Shift+Enter makes a new line instead of sending.
    keyboard.type("regel een")
    keyboard.press("Shift+Enter")
    keyboard.type("regel twee")
    assert widget.input.input_value() == "regel een\nregel twee"
    keyboard.press("Control+A")
    keyboard.press("Delete")

    # Wipe: the question takes focus, Escape backs out of it first.
    tab_to(widget, "Wis dit gesprek", backwards=True)
    keyboard.press("Enter")
    assert widget.focused().get("text") == "Ja, wis het gesprek"
    keyboard.press("Escape")
    expect(site.page.get_by_role("button", name="Ja, wis het gesprek")).to_be_hidden()
    assert widget.focused().get("text") == "Wis dit gesprek"
    expect(widget.panel).to_be_visible()

    # Escape closes the panel and focus goes back to the chat button.
    keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    assert widget.focused().get("text") == "Vragen over geld? Chat met ons"
    keyboard.press("Enter")
    expect(widget.panel).to_be_visible()

    # Wipe for real, by keyboard.
    tab_to(widget, "Wis dit gesprek", backwards=True)
    keyboard.press("Enter")
    keyboard.press("Enter")
    expect(widget.messages).to_have_count(1)
    assert widget.focused().get("id") == "rk-input"

    # The close button works from the keyboard too.
    tab_to(widget, "Chat sluiten", backwards=True)
    keyboard.press("Enter")
    expect(widget.panel).to_be_hidden()
    assert widget.focused().get("text") == "Vragen over geld? Chat met ons"


def test_focus_stays_in_full_screen_panel(open_site: Callable[..., Site]) -> None:
    """At 320 px the panel covers the page, so Tab must not wander to the hidden page below."""
    site = open_site(viewport=NARROW)
    widget = site.widget
    tab_to(widget, "Vragen over geld? Chat met ons")
    site.page.keyboard.press("Enter")
    seen = set()
    for _ in range(25):
        site.page.keyboard.press("Tab")
        focused = widget.focused()
        assert focused, "focus left the full-screen panel"
        seen.add(focused.get("text") or focused.get("id"))
    for _ in range(25):
        site.page.keyboard.press("Shift+Tab")
        assert widget.focused(), "focus left the full-screen panel (Shift+Tab)"
    assert {"Nieuw gesprek", "Wis dit gesprek", "rk-input", "Verstuur"} <= seen
