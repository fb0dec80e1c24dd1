"""Fixtures for the widget tests: Debian's headless Chromium and tabs on the demo site.

The running stack comes from the `stack_url` fixture in tests/conftest.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, ViewportSize, expect, sync_playwright

from tests.conftest import free_port

from .support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP, LAUNCHER, ROOT, Site


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("RONDKOMEN_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def open_site(chromium: Browser, stack_url: str) -> Iterator[Callable[..., Site]]:
    """open_site(viewport=..., reduced_motion=...) -> a fresh tab (own sessionStorage) on `/`."""
    sites: list[Site] = []

    def _open(viewport: ViewportSize | None = None, **context_args: Any) -> Site:
        context = chromium.new_context(
            viewport=viewport or DESKTOP,
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            **context_args,
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        site = Site(url=stack_url.rstrip("/"), context=context, page=page)

        def on_console(message: Any) -> None:
            if "Content Security Policy" in message.text and not site.axe_running:
                site.problems.append(f"CSP: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: site.problems.append(f"script error: {error}"))
        page.goto(f"{site.url}/")
        expect(page.get_by_role("button", name=LAUNCHER)).to_be_visible()
        sites.append(site)
        return site

    yield _open
    for site in sites:
        site.context.close()
    problems = [p for site in sites for p in site.problems]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The API alone on a free port; returns its URL and the environment it runs with."""
    workdir = tmp_path_factory.mktemp("editor")
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RONDKOMEN_ENVIRONMENT": "test",
        "RONDKOMEN_DATABASE_URL": f"sqlite:///{workdir / 'editor.db'}",
        "RONDKOMEN_RASA_URL": f"http://127.0.0.1:{free_port()}",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/counsellor/login").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log = server.stderr.read().decode() if server.stderr else ""
                pytest.fail(f"the API did not start: {log}")
            time.sleep(0.3)
        yield url, env
    finally:
        server.terminate()
        server.wait(timeout=20)
