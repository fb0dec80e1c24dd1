"""Several Rasa servers behind one API worker: turns go round robin, a server that refuses the
connection is skipped, and the API is ready while at least one server is (no network: every
server is a mock transport)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest

from api.rasa_client import CHANNEL_WEBHOOK, BotUnavailable, RasaClient
from api.settings import Settings

T = TypeVar("T")

SERVERS = ["http://rasa-1.test:5005", "http://rasa-2.test:5005", "http://rasa-3.test:5005"]


class Servers:
    """Rasa servers as the API sees them; ``down`` ones refuse connections."""

    def __init__(self, *down: str) -> None:
        self.down = set(down)
        self.turns: list[str] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        origin = f"{request.url.scheme}://{request.url.host}:{request.url.port}"
        if request.url.path == "/health":
            return httpx.Response(200)
        if origin in self.down:
            raise httpx.ConnectError("refused", request=request)
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_id": "m"})
        if request.url.path == CHANNEL_WEBHOOK:
            self.turns.append(origin)
            return httpx.Response(200, json=[{"text": "Hallo"}])
        return httpx.Response(200, json={"slots": {}})


def _client(servers: Servers, urls: list[str] | str = SERVERS) -> RasaClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(servers.handler))
    return RasaClient(http, urls, "token", "http://actions.test", channel_secret="secret")


def _run(work: Coroutine[Any, Any, T]) -> T:
    """Run on a loop of its own in its own thread: the browser tests, earlier in the same pytest
    run, leave an event loop running in the main thread."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, work).result()


def _send(client: RasaClient, times: int) -> None:
    async def run() -> None:
        for _ in range(times):
            await client.send("sender", "hallo", "heerlen")

    _run(run())


def test_turns_go_round_robin_over_the_servers() -> None:
    servers = Servers()
    _send(_client(servers), 6)
    assert servers.turns == SERVERS + SERVERS


def test_a_server_that_refuses_the_connection_is_skipped() -> None:
    servers = Servers(SERVERS[1])
    _send(_client(servers), 4)
    # The second turn was meant for server 2 and went to server 3; nothing was lost.
    assert servers.turns == [SERVERS[0], SERVERS[2], SERVERS[2], SERVERS[0]]


def test_no_server_reachable_is_bot_unavailable() -> None:
    client = _client(Servers(*SERVERS))
    with pytest.raises(BotUnavailable):
        _send(client, 1)


def test_ready_while_one_server_is_ready() -> None:
    assert _run(_client(Servers(SERVERS[0], SERVERS[2])).rasa_ready())
    assert not _run(_client(Servers(*SERVERS)).rasa_ready())


def test_a_single_url_still_works() -> None:
    servers = Servers()
    _send(_client(servers, "http://rasa-2.test:5005/"), 2)
    assert servers.turns == [SERVERS[1], SERVERS[1]]


def test_settings_read_a_json_list_and_keep_the_single_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RONDKOMEN_ENVIRONMENT", "test")
    monkeypatch.setenv("RONDKOMEN_RASA_URL", "http://rasa:5005")
    assert Settings().rasa_servers == ["http://rasa:5005"]
    monkeypatch.setenv("RONDKOMEN_RASA_URLS", '["http://rasa-1:5005", "http://rasa-2:5005"]')
    assert Settings().rasa_servers == ["http://rasa-1:5005", "http://rasa-2:5005"]


@pytest.mark.parametrize("urls", [["rasa-1:5005"], ["http://rasa:5005", "http://rasa:5005"]])
def test_settings_refuse_odd_lists(urls: list[str]) -> None:
    with pytest.raises(ValueError, match=r"Rasa server|http"):
        Settings(environment="test", rasa_urls=urls)
