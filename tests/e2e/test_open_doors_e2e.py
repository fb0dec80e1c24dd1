"""No open doors on the real stack (issue 12, items 10 and 11): Rasa and the action server listen
on 127.0.0.1 only, Rasa's REST channel answers only the API (shared secret), Rasa's HTTP API
still needs its token, and no token is visible on a command line."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.stack


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp and tcp6)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


def _own_addresses() -> list[str]:
    """Addresses of this machine other than loopback (to knock on)."""
    names = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    return [a for a in names if not a.startswith("127.")]


def test_rasa_and_actions_listen_on_loopback_only(stack: object) -> None:
    loopback = {"0100007F", "00000000000000000000000001000000"}
    for port in (stack.rasa_port, stack.action_port):  # type: ignore[attr-defined]
        addresses = _listening_addresses(port)
        assert addresses, f"nothing listens on {port}"
        assert addresses <= loopback, (port, addresses)
        for address in _own_addresses():
            with pytest.raises(ConnectionRefusedError), socket.create_connection((address, port)):
                pass


def test_rasa_rest_channel_answers_only_the_api(stack: object) -> None:
    rasa = f"http://127.0.0.1:{stack.rasa_port}"  # type: ignore[attr-defined]
    message = {"sender": "intruder", "message": "hallo"}
    # Rasa's open REST channel is not there at all ...
    assert httpx.post(f"{rasa}/webhooks/rest/webhook", json=message, timeout=30).status_code == 404
    # ... and the API's channel wants the shared secret.
    webhook = f"{rasa}/webhooks/rondkomen/webhook"
    assert httpx.post(webhook, json=message, timeout=30).status_code == 403
    wrong = {"X-Rondkomen-Channel-Secret": "not-the-secret"}
    assert httpx.post(webhook, json=message, headers=wrong, timeout=30).status_code == 403
    right = {"X-Rondkomen-Channel-Secret": stack.channel_secret}  # type: ignore[attr-defined]
    assert httpx.post(webhook, json=message, headers=right, timeout=60).status_code == 200


def test_rasa_http_api_needs_its_token(stack: object) -> None:
    rasa = f"http://127.0.0.1:{stack.rasa_port}"  # type: ignore[attr-defined]
    assert httpx.post(f"{rasa}/model/parse", json={"text": "hallo"}, timeout=30).status_code == 401
    tracker = f"{rasa}/conversations/someone/tracker"
    assert httpx.get(tracker, timeout=30).status_code == 401
    token = {"token": stack.token}  # type: ignore[attr-defined]
    assert httpx.get(tracker, params=token, timeout=30).status_code == 200


def test_no_secret_on_a_command_line(stack: object) -> None:
    secrets = [stack.token, stack.channel_secret]  # type: ignore[attr-defined]
    for process in stack.processes.values():  # type: ignore[attr-defined]
        command_line = Path(f"/proc/{process.pid}/cmdline").read_bytes().decode(errors="replace")
        for secret in secrets:
            assert secret not in command_line


def test_generated_keys_are_private(stack: object) -> None:
    from stack import SECRETS_DIR  # scripts/stack.py

    assert stat.S_IMODE(SECRETS_DIR.stat().st_mode) == 0o700
    for path in SECRETS_DIR.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    database = Path(stack.database_url.removeprefix("sqlite:///"))  # type: ignore[attr-defined]
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
