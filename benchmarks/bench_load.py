"""Load on the running stack: many residents chatting at once, through the API and, in the same
run, straight to Rasa's REST channel, so the API's own overhead shows. Measures, never passes or
fails (`make bench-load`). Starts its own stack on free ports with a fresh SQLite database.

Each simulated resident holds a six-turn conversation; CONCURRENCY of them run at the same time
until ROUNDS conversations per resident are done. Without --think they send the next message the
moment the answer arrives: that measures the stack's capacity (turns per second), and by Little's
law the mean latency is then CONCURRENCY / throughput. With --think SECONDS each resident waits
that long on average (exponentially distributed) before typing the next message, as people do:
that measures the latency residents see at a given load. Requests are bounded in number and time
and only go to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from stack import NO_ADDRESS_LIMITS, Stack

from api.rasa_client import CHANNEL_SECRET_HEADER, CHANNEL_WEBHOOK
from benchmarks.latency import percentiles
from tests.conftest import free_port

CONVERSATION = (
    "hoi",
    "ik kan mijn huur niet meer betalen",
    "ik heb ook een achterstand bij de energie",
    "wat kan ik nu het beste doen",
    "kan ik zorgtoeslag krijgen",
    "ik ben 34",
)
REQUEST_TIMEOUT = 30.0


@dataclass
class Run:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def turns(self) -> int:
        return len(self.latencies)

    def line(self) -> str:
        rate = self.turns / self.seconds if self.seconds else 0.0
        return (
            f"{self.name:<28} {rate:7.1f} turns/s  {percentiles(self.latencies)}"
            f"  errors {self.errors}  ({self.turns} turns)"
        )


Turn = Callable[[httpx.AsyncClient, str, str], Awaitable[bool]]


async def _rasa_turn(client: httpx.AsyncClient, sender: str, text: str) -> bool:
    response = await client.post(CHANNEL_WEBHOOK, json={"sender": sender, "message": text})
    return response.status_code == 200 and bool(response.json())


async def _api_turn(client: httpx.AsyncClient, session_id: str, text: str) -> bool:
    response = await client.post(f"/api/v1/sessions/{session_id}/messages", json={"text": text})
    return response.status_code == 200 and bool(response.json().get("messages"))


async def _api_session(client: httpx.AsyncClient) -> str | None:
    response = await client.post("/api/v1/sessions")
    return str(response.json()["session_id"]) if response.status_code == 201 else None


async def _drive(
    run: Run,
    base_url: str,
    turn: Turn,
    new_conversation: Callable[[httpx.AsyncClient], Awaitable[str | None]],
    concurrency: int,
    rounds: int,
    headers: dict[str, str],
    think: float = 0.0,
) -> None:
    limits = httpx.Limits(max_connections=concurrency + 10, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base_url, timeout=REQUEST_TIMEOUT, limits=limits, headers=headers
    ) as client:

        async def resident() -> None:
            for _ in range(rounds):
                try:
                    conversation = await new_conversation(client)
                except httpx.HTTPError:
                    conversation = None
                if conversation is None:
                    run.errors += 1
                    continue
                for text in CONVERSATION:
                    if think:
                        await asyncio.sleep(random.expovariate(1 / think))
                    started = time.perf_counter()
                    try:
                        ok = await turn(client, conversation, text)
                    except httpx.HTTPError:
                        ok = False
                    if ok:
                        run.latencies.append(time.perf_counter() - started)
                    else:
                        run.errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(resident() for _ in range(concurrency)))
        run.seconds = time.perf_counter() - started


async def _new_sender(_client: httpx.AsyncClient) -> str:
    return uuid.uuid4().hex


def _stat_fields(pid: int) -> list[str]:
    """/proc/PID/stat after the command name (field 3 onwards); empty when the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _tree(root_pids: list[int]) -> set[int]:
    """The given processes and all their descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat_fields(int(entry.name))):
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    todo, seen = list(root_pids), set()
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    return seen


def _rss_mb(root_pids: list[int]) -> float:
    """Resident memory of the given processes and all their descendants, in MB."""
    total_kb = 0
    for pid in _tree(root_pids):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def _cpu_seconds(root_pid: int) -> float:
    """User plus system CPU time of a process and its descendants so far, in seconds.

    Unlike wall-clock throughput this hardly changes when other work shares the machine, so it
    is the figure to compare between runs on a busy machine.
    """
    ticks = 0
    for pid in _tree([root_pid]):
        fields = _stat_fields(pid)
        if fields:
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _measure(stack: Stack, run: Run, drive: Callable[[], None]) -> dict[str, float]:
    """Run ``drive`` and return each process's CPU milliseconds per turn it took.

    The key "load client" is this benchmark itself: it runs on the same cores as the stack.
    """
    before = {name: _cpu_seconds(p.pid) for name, p in stack.processes.items()}
    client_before = time.process_time()
    drive()
    client = time.process_time() - client_before
    after = {name: _cpu_seconds(p.pid) for name, p in stack.processes.items()}
    turns = max(1, run.turns)
    per_turn = {name: 1000 * (after[name] - before[name]) / turns for name in stack.processes}
    return {**per_turn, "load client": 1000 * client / turns}


def _cpu_line(per_turn: dict[str, float]) -> str:
    parts = ", ".join(f"{name} {ms:.1f}" for name, ms in per_turn.items())
    stack = sum(ms for name, ms in per_turn.items() if name != "load client")
    return f"CPU ms per turn: {parts}; stack total {stack:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4, help="conversations per resident")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a resident takes to type the next message (0: none, capacity)",
    )
    parser.add_argument(
        "--port-base", type=int, default=0, help="API, Rasa, actions on this port and the next two"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="rondkomen-load-"))
    base = args.port_base
    stack = Stack(
        api_port=base or free_port(),
        rasa_port=base + 1 if base else free_port(),
        action_port=base + 2 if base else free_port(),
        database_url=f"sqlite:///{workdir / 'load.db'}",
        log_dir=workdir / "log",
        extra_env={"RONDKOMEN_ENVIRONMENT": "test", **NO_ADDRESS_LIMITS},
    )
    stack.start()
    try:
        ready = stack.wait_ready()
        print(f"stack ready in {ready:.1f} s (Rasa model loaded)")
        rasa_url = f"http://127.0.0.1:{stack.rasa_port}"
        rasa_headers = {CHANNEL_SECRET_HEADER: stack.channel_secret}
        # Warm up both paths (model, action server, database connections) before measuring.
        warm = Run("warm-up")
        asyncio.run(_drive(warm, rasa_url, _rasa_turn, _new_sender, 5, 1, rasa_headers))
        asyncio.run(_drive(warm, stack.api_url, _api_turn, _api_session, 5, 1, {}))

        rasa = Run("Rasa REST channel (raw)")
        rasa_cpu = _measure(
            stack,
            rasa,
            lambda: asyncio.run(
                _drive(
                    rasa,
                    rasa_url,
                    _rasa_turn,
                    _new_sender,
                    args.concurrency,
                    args.rounds,
                    rasa_headers,
                    args.think,
                )
            ),
        )
        api = Run("through the API")
        api_cpu = _measure(
            stack,
            api,
            lambda: asyncio.run(
                _drive(
                    api,
                    stack.api_url,
                    _api_turn,
                    _api_session,
                    args.concurrency,
                    args.rounds,
                    {},
                    args.think,
                )
            ),
        )
        pace = f"{args.think:g} s to type each message" if args.think else "no time to type"
        print(
            f"{args.concurrency} concurrent residents, {len(CONVERSATION)}-turn conversations, "
            f"{pace}:"
        )
        print("  " + rasa.line())
        print("    " + _cpu_line(rasa_cpu))
        print("  " + api.line())
        print("    " + _cpu_line(api_cpu))
        if rasa.seconds and api.seconds and rasa.turns:
            rasa_rate, api_rate = rasa.turns / rasa.seconds, api.turns / api.seconds
            print(f"  API overhead on throughput: {100 * (1 - api_rate / rasa_rate):.1f} %")
        pids = [process.pid for process in stack.processes.values()]
        print(f"stack memory (RSS of all its processes): {_rss_mb(pids):.0f} MB")
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
