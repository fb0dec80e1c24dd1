"""Helpers for the widget tests: the watched demo-site tab, a driver for the widget, axe-core."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize, expect

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "var" / "test-artifacts"
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
NARROW: ViewportSize = {"width": 320, "height": 640}
# 1280 x 800 at 200% browser zoom is a 640 x 400 CSS-pixel viewport.
ZOOM_200: ViewportSize = {"width": 640, "height": 400}
STORAGE_KEY = "rondkomen:heerlen"
LAUNCHER = "Vragen over geld? Chat met ons"
# Every axe rule for WCAG 2.0/2.1 A and AA, plus Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@dataclass
class Site:
    """One browser tab on the demo site, watched for CSP violations and script errors."""

    url: str
    context: BrowserContext
    page: Page
    problems: list[str] = field(default_factory=list)
    axe_running: bool = False

    @property
    def widget(self) -> WidgetDriver:
        return WidgetDriver(self.page)

    def scan_axe(self) -> list[dict[str, Any]]:
        """Run axe-core on the whole page and return its violations."""
        # axe itself applies an inline style while it runs; the page's CSP rightly blocks that,
        # so CSP messages during the scan are not the widget's.
        self.axe_running = True
        try:
            self.page.evaluate(axe_source())
            result = self.page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                " resultTypes: ['violations']})",
                AXE_TAGS,
            )
        finally:
            self.page.wait_for_timeout(100)
            self.axe_running = False
        return list(result["violations"])


def axe_source() -> str:
    """axe.min.js as shipped inside the axe-playwright-python wheel (no download at test time).

    Only the file is used, not the package's Python wrapper, so the scan options stay ours.
    """
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [node["target"] for node in v["nodes"]][:5]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return "\n".join(lines)


class WidgetDriver:
    """What a resident does with the widget, in Playwright locators (they pierce the shadow DOM)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.launcher = page.get_by_role("button", name=LAUNCHER)
        self.panel = page.get_by_role("dialog", name="Hulp bij geldzorgen")
        self.input = page.get_by_role("textbox", name="Uw bericht")
        self.send_button = page.get_by_role("button", name="Verstuur", exact=True)
        self.messages = page.locator(".rk-messages > li")
        self.bot_messages = page.locator(".rk-messages > li.rk-msg--bot")
        self.resident_messages = page.locator(".rk-messages > li.rk-msg--resident")
        self.typing = page.locator(".rk-typing")
        self.error = page.locator(".rk-error")
        self.polite_region = page.locator(".rk-root > [role=status]")
        self.alert_region = page.locator(".rk-root > [role=alert]")

    def open(self) -> None:
        self.launcher.click()
        expect(self.panel).to_be_visible()

    def send(self, text: str) -> None:
        """Type and send, then wait until the bot's reply (or an error) is on screen."""
        replies_before = self.bot_messages.count()
        self.input.fill(text)
        self.input.press("Enter")
        self.wait_for_turn(replies_before)

    def wait_for_turn(self, replies_before: int) -> None:
        self.page.wait_for_function(
            """([before]) => {
                const root = document.querySelector('.rondkomen-widget').shadowRoot;
                const bots = root.querySelectorAll('.rk-messages > li.rk-msg--bot').length;
                const error = !root.querySelector('.rk-error').hidden;
                return root.querySelector('.rk-typing').hidden && (bots > before || error);
            }""",
            arg=[replies_before],
            timeout=45_000,
        )

    def focused(self) -> dict[str, str]:
        """The widget element with keyboard focus: class, id and text (its aria-label if it has
        one, else its text content), or {} when focus is not in the widget."""
        result: dict[str, str] = self.page.evaluate(
            """() => {
                const host = document.querySelector('.rondkomen-widget');
                const el = host && document.activeElement === host && host.shadowRoot.activeElement;
                if (!el) return {};
                const text = el.getAttribute('aria-label') || el.textContent.trim();
                return {cls: el.className, id: el.id, text};
            }"""
        )
        return result

    def stored(self) -> dict[str, Any]:
        """The widget's sessionStorage entry, or {} when there is none."""
        raw = self.page.evaluate("key => sessionStorage.getItem(key)", STORAGE_KEY)
        return dict(json.loads(raw)) if raw else {}

    def transcript(self) -> list[str]:
        """Visible text of every message, without the screen-reader prefix."""
        texts: list[str] = self.page.evaluate(
            """() => [...document.querySelector('.rondkomen-widget').shadowRoot
                .querySelectorAll('.rk-messages > li .rk-bubble')]
                .map(b => [...b.childNodes]
                    .filter(n => !(n.classList && n.classList.contains('rk-sr-only')))
                    .map(n => n.textContent).join('').trim())"""
        )
        return texts

    def choice(self, title: str) -> Locator:
        return self.page.get_by_role("group", name="Kies een antwoord").get_by_role(
            "button", name=title, exact=True
        )


def phone_pattern() -> re.Pattern[str]:
    return re.compile(r"14\s?045")


def create_account(
    env: dict[str, str], role: str, display_name: str, municipality: str = "heerlen"
) -> tuple[str, str]:
    """A staff account of ``municipality`` made with the command-line tool, as an admin would;
    (username, password).

    ``env`` holds the API's settings (at least RONDKOMEN_DATABASE_URL; RONDKOMEN_RULES_DIR for
    a municipality only a test's rule data serves).
    """
    username = f"e2e-{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(18)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "api.cli",
            "create-user",
            "--username",
            username,
            "--role",
            role,
            "--municipality",
            municipality,
            "--display-name",
            display_name,
        ],
        input=password + "\n",
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
    )
    return username, password


CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def cookie_header(*responses: httpx.Response) -> dict[str, str]:
    """The login's cookies by hand: they are Secure, and the test stack speaks plain http."""
    jar = {name: value for r in responses for name, value in r.cookies.items()}
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in jar.items())}


def log_in_over_http(api: httpx.Client, username: str, password: str) -> dict[str, str]:
    """Log in on the staff login page without a browser; the headers of the logged-in staff."""
    form = api.get("/counsellor/login")
    token = CSRF_FIELD.search(form.text)
    assert token is not None
    done = api.post(
        "/counsellor/login",
        data={"username": username, "password": password, "csrf_token": token.group(1)},
        headers=cookie_header(form),
    )
    assert done.status_code == 303, done.text
    return cookie_header(done)


def log_in(page: Page, url: str, username: str, password: str) -> None:
    """Log in on the staff login page."""
    page.goto(f"{url}/counsellor/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text(f"Ingelogd als {username}")).to_be_visible()


def assert_accessible(page: Page) -> None:
    """No axe-core violations (AXE_TAGS) on the page as it is now."""
    page.evaluate(axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    violations = list(result["violations"])
    assert not violations, describe_violations(violations)


def log_in_as_editor(page: Page, url: str, username: str, password: str) -> None:
    """Log in on the staff login page and open the editors' home page."""
    log_in(page, url, username, password)
    page.goto(f"{url}/editor")
    expect(page.get_by_role("heading", name="Redactie", exact=True)).to_be_visible()


def desktop_tab(chromium: Browser) -> Page:
    """A new tab in a fresh context (own cookies and storage) as a Dutch desktop browser."""
    context = chromium.new_context(viewport=DESKTOP, locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def editor_on_stack(chromium: Browser, stack: Any) -> Page:
    """A tab with a new editor account of ``stack`` logged in on the editors' home page."""
    url = str(stack.api_url)
    username, password = create_account(
        {"RONDKOMEN_ENVIRONMENT": "test", "RONDKOMEN_DATABASE_URL": str(stack.database_url)},
        "editor",
        "Redactie",
    )
    page = desktop_tab(chromium)
    log_in_as_editor(page, url, username, password)
    return page
