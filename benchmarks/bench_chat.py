"""Latency of the running stack: one `/model/parse` in Rasa, and one full chat turn through the
API (redaction, Rasa, actions, database) as the resident's widget sees it. Starts its own stack."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from stack import Stack

from benchmarks.latency import percentiles
from tests.conftest import free_port

TURNS = 50
MESSAGES = [
    "ik kom niet rond",
    "de deurwaarder stond aan de deur",
    "kan ik huurtoeslag krijgen",
    "ik ben mijn baan kwijt",
    "hoe maak ik een budget",
]


def main() -> int:
    stack = Stack(api_port=free_port(), rasa_port=free_port(), action_port=free_port())
    started = time.monotonic()
    stack.start()
    try:
        stack.wait_ready()
        print(f"stack ready in {time.monotonic() - started:.1f} s")
        rasa = httpx.Client(base_url=f"http://127.0.0.1:{stack.rasa_port}", timeout=30)
        parse: list[float] = []
        for i in range(TURNS):
            t0 = time.perf_counter()
            rasa.post(
                "/model/parse",
                params={"token": stack.token},
                json={"text": MESSAGES[i % len(MESSAGES)]},
            ).raise_for_status()
            parse.append(time.perf_counter() - t0)
        print(f"/model/parse over {TURNS} calls: {percentiles(parse)}")

        api = httpx.Client(base_url=stack.api_url, timeout=30)
        turns: list[float] = []
        for i in range(TURNS):
            session_id = api.post("/api/v1/sessions").json()["session_id"]
            t0 = time.perf_counter()
            api.post(
                f"/api/v1/sessions/{session_id}/messages",
                json={"text": MESSAGES[i % len(MESSAGES)]},
            ).raise_for_status()
            turns.append(time.perf_counter() - t0)
        print(f"chat turn through the API over {TURNS} turns: {percentiles(turns)}")
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
