"""The chat widget on the demo page, against the real stack (API, Rasa, action server)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Route, expect

from .support import Site, phone_pattern

pytestmark = [pytest.mark.browser, pytest.mark.stack]


def test_open_send_and_answer(open_site: Callable[..., Site]) -> None:
    site = open_site()
    widget = site.widget
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")

    widget.open()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    assert widget.focused().get("id") == "rk-input", "focus moves into the panel on open"
    # The welcome text and the footer come from strings.nl.json and the widget-config.
    expect(widget.bot_messages.first).to_contain_text("Gemeente Heerlen")
    expect(site.page.get_by_role("link", name="Zo gaan wij om met uw privacy")).to_be_visible()
    expect(site.page.locator(".rk-footer")).to_contain_text(phone_pattern())

    widget.send("Hallo")
    expect(widget.resident_messages.last).to_contain_text("Hallo")
    assert widget.bot_messages.count() >= 2, "the bot answered"
    expect(widget.error).to_be_hidden()
    # The answer is announced through the polite live region, in Dutch.
    expect(widget.polite_region).to_contain_text(re.compile(r"^Chatbot: \S"))
    # Screen readers get who wrote each message and when.
    expect(widget.resident_messages.last.locator(".rk-sr-only").first).to_have_text(
        re.compile(r"^U om \d{2}:\d{2}: $")
    )
    assert widget.focused().get("id") == "rk-input", "focus stays in the text box"


def test_quick_reply_buttons_send_payload_and_show_title(open_site: Callable[..., Site]) -> None:
    site = open_site()
    widget = site.widget
    widget.open()
    widget.send("Hallo")  # utter_greet offers topic buttons.
    button = widget.choice("Ik heb schulden")
    expect(button).to_be_visible()

    sent: list[str] = []
    site.page.on(
        "request",
        lambda r: sent.append(json.loads(r.post_data or "{}").get("text", ""))
        if r.url.endswith("/messages")
        else None,
    )
    before = widget.bot_messages.count()
    button.click()
    widget.wait_for_turn(before)

    assert sent, "the button sent a message"
    assert sent[-1].startswith("/"), "the payload (an intent) is what goes to the API"
    expect(widget.resident_messages.last).to_contain_text("Ik heb schulden")
    assert not any(text.startswith("/") for text in widget.transcript()), "no payload on screen"
    expect(widget.bot_messages.nth(before)).to_contain_text("schulden")  # the debt answer
    # Buttons of an answered turn are gone; focus went back to the text box.
    expect(widget.choice("Ik heb schulden")).to_have_count(0)
    assert widget.focused().get("id") == "rk-input"


def test_page_change_keeps_the_conversation(open_site: Callable[..., Site]) -> None:
    site = open_site()
    widget = site.widget
    widget.open()
    widget.send("Hallo")
    session_id = widget.stored()["sessionId"]
    before = widget.transcript()

    menu = site.page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Regelingen").click()
    site.page.wait_for_url("**/andere-pagina.html")
    expect(widget.panel).to_be_visible()  # It was open, so it is open again.
    expect(widget.messages).to_have_count(len(before))
    assert widget.transcript() == before
    assert widget.stored()["sessionId"] == session_id

    widget.send("Dank je wel")
    assert widget.stored()["sessionId"] == session_id, "same session on the new page"

    # Private by construction: nothing in cookies or localStorage, only sessionStorage.
    assert site.context.cookies() == []
    assert site.page.evaluate("localStorage.length") == 0


def test_wipe_clears_browser_and_server(open_site: Callable[..., Site]) -> None:
    site = open_site()
    widget = site.widget
    widget.open()
    widget.send("Hallo")
    session_id = widget.stored()["sessionId"]

    site.page.get_by_role("button", name="Wis dit gesprek").click()
    yes = site.page.get_by_role("button", name="Ja, wis het gesprek")
    expect(yes).to_be_focused()
    with site.page.expect_response(lambda r: r.request.method == "DELETE") as deleted:
        yes.click()
    assert deleted.value.status == 204

    expect(widget.messages).to_have_count(1)  # Only the local welcome text.
    expect(widget.polite_region).to_have_text("Het gesprek is gewist.")
    assert widget.stored() == {}, "nothing of the conversation stays in sessionStorage"
    assert widget.focused().get("id") == "rk-input"

    response = httpx.post(
        f"{site.url}/api/v1/sessions/{session_id}/messages", json={"text": "Hallo"}, timeout=30
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "session_not_found"

    # Reloading shows nothing of the old conversation.
    site.page.reload()
    expect(widget.launcher).to_be_visible()
    expect(widget.panel).to_be_hidden()
    widget.open()
    assert len(widget.transcript()) == 1


def test_new_conversation_starts_a_new_session(open_site: Callable[..., Site]) -> None:
    site = open_site()
    widget = site.widget
    widget.open()
    widget.send("Hallo")
    first = widget.stored()["sessionId"]

    site.page.get_by_role("button", name="Nieuw gesprek").click()
    expect(widget.messages).to_have_count(1)
    expect(widget.polite_region).to_have_text("U bent een nieuw gesprek begonnen.")
    widget.send("Hallo")
    assert widget.stored()["sessionId"] not in (None, first)


def test_expired_session_restarts_transparently(open_site: Callable[..., Site]) -> None:
    site = open_site()
    widget = site.widget
    widget.open()
    widget.send("Hallo")
    old = widget.stored()["sessionId"]
    assert httpx.delete(f"{site.url}/api/v1/sessions/{old}", timeout=30).status_code == 204

    widget.send("Ik heb schulden")
    expect(widget.error).to_be_hidden()
    expect(site.page.locator(".rk-msg--system")).to_contain_text("nieuw gesprek")
    expect(widget.bot_messages.last).to_contain_text(re.compile(r"\S"))
    assert widget.stored()["sessionId"] != old


def test_bot_unavailable_keeps_the_text_and_retries(open_site: Callable[..., Site]) -> None:
    """A 503 from the API: its Dutch message with the phone number, a retry, nothing lost."""
    site = open_site()
    widget = site.widget
    widget.open()
    widget.send("Hallo")
    message = "De chat werkt nu even niet. Bel de gemeente op 14 045."

    def unavailable(route: Route) -> None:
        route.fulfill(
            status=503,
            content_type="application/json",
            body=json.dumps({"error": {"code": "bot_unavailable", "message": message}}),
        )

    site.page.route("**/api/v1/sessions/*/messages", unavailable)
    widget.send("Ik kan de huur niet betalen")
    expect(widget.error).to_be_visible()
    expect(widget.error).to_contain_text(message)
    expect(widget.resident_messages.last).to_contain_text("Ik kan de huur niet betalen")
    expect(widget.resident_messages.last).to_contain_text("Niet verstuurd")
    expect(widget.alert_region).to_have_text(message)

    # The failed message survives a page change too.
    site.page.reload()
    expect(widget.error).to_contain_text(message)

    site.page.unroute("**/api/v1/sessions/*/messages", unavailable)
    before = widget.bot_messages.count()
    site.page.get_by_role("button", name="Probeer opnieuw").click()
    widget.wait_for_turn(before)
    expect(widget.error).to_be_hidden()
    expect(widget.resident_messages.filter(has_text="Ik kan de huur niet betalen")).to_have_count(1)
    expect(widget.resident_messages.last).not_to_contain_text("Niet verstuurd")


def test_offline_shows_phone_and_retry(open_site: Callable[..., Site]) -> None:
    site = open_site()
    widget = site.widget
    widget.open()
    expect(site.page.locator(".rk-footer")).to_contain_text(phone_pattern())  # config loaded
    site.context.set_offline(True)
    widget.input.fill("Hallo")
    widget.input.press("Enter")
    expect(widget.error).to_contain_text("U heeft nu geen internet.")
    expect(widget.error).to_contain_text(phone_pattern())
    expect(widget.error.get_by_role("link", name=phone_pattern())).to_have_attribute(
        "href", re.compile(r"^tel:")
    )

    site.context.set_offline(False)
    before = widget.bot_messages.count()
    site.page.get_by_role("button", name="Probeer opnieuw").click()
    widget.wait_for_turn(before)
    expect(widget.error).to_be_hidden()


def test_message_text_is_never_html(open_site: Callable[..., Site]) -> None:
    """Bot text with markup, a javascript: URL and line breaks is shown as text."""
    site = open_site()
    widget = site.widget
    widget.open()
    evil = (
        'Kijk op https://www.heerlen.nl/geldzorgen. <img src=x onerror="window.pwned=1">\n'
        'Niet klikken: javascript:alert(1) <a href="javascript:alert(2)">hier</a>'
    )

    def reply(route: Route) -> None:
        body = {"messages": [{"text": evil, "buttons": []}]}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    site.page.route("**/api/v1/sessions/*/messages", reply)
    widget.send("Hallo")
    bubble = widget.bot_messages.last.locator(".rk-bubble")
    expect(bubble).to_contain_text('<img src=x onerror="window.pwned=1">')
    assert bubble.locator("img").count() == 0
    links = bubble.locator("a")
    expect(links).to_have_count(1)
    expect(links.first).to_have_attribute("href", "https://www.heerlen.nl/geldzorgen")
    expect(links.first).to_have_attribute("rel", "noopener noreferrer")
    expect(links.first).to_have_attribute("target", "_blank")
    assert site.page.evaluate("window.pwned") is None
    assert "\n" in bubble.inner_text(), "line breaks are kept"


def test_bot_wipe_request_clears_the_widget(open_site: Callable[..., Site]) -> None:
    """ "Wis mijn gegevens" typed to the bot asks first; after "Ja, wis alles" the server wipes
    and the widget forgets too."""
    site = open_site()
    widget = site.widget
    widget.open()
    widget.send("Hallo")
    old = widget.stored()["sessionId"]
    widget.input.fill("verwijder mijn gegevens")
    widget.input.press("Enter")
    yes = site.page.get_by_role("button", name="Ja, wis alles")
    expect(yes).to_be_visible(timeout=30_000)  # Nothing is wiped before an explicit yes.
    assert widget.stored()["sessionId"] == old
    yes.click()
    expect(widget.resident_messages).to_have_count(0, timeout=30_000)  # Only the confirmation.
    expect(widget.bot_messages).to_have_count(2)  # The welcome text and the confirmation.
    assert widget.stored() == {}
    response = httpx.post(
        f"{site.url}/api/v1/sessions/{old}/messages", json={"text": "Hallo"}, timeout=30
    )
    assert response.status_code == 404


def test_download_offers_a_text_file(open_site: Callable[..., Site]) -> None:
    site = open_site()
    widget = site.widget
    widget.open()
    reply = {
        "messages": [
            {"text": "Dit is de uitkomst.", "buttons": []},
            {
                "text": "",
                "buttons": [],
                "download": {"filename": "uitkomst.txt", "content": "Zorgtoeslag: ja"},
            },
        ]
    }
    site.page.route(
        "**/api/v1/sessions/*/messages",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(reply)
        ),
    )
    widget.send("Hallo")
    with site.page.expect_download() as download_info:
        site.page.get_by_role("button", name="Bewaar de uitkomst op uw apparaat").click()
    download = download_info.value
    assert download.suggested_filename == "uitkomst.txt"
    assert Path(download.path()).read_text(encoding="utf-8") == "Zorgtoeslag: ja"
