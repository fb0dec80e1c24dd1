"""A publish under the chat load: residents keep sending the chat benchmark's messages while an
editor changes an answer and clicks "Publiceren". Prints the time from the click to live, and
the residents' turns, errors and latency before and during the publish. Starts its own stack
with the editors' workspace (var/bench/publish/); measures, never passes or fails."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.content.catalog import build_catalog
from api.content.files import REPO_ROOT, read_tree
from benchmarks.bench_chat import MESSAGES
from benchmarks.latency import percentiles
from tests.conftest import new_workspace_stack, running
from tests.e2e.staff import csrf_of, log_in

ROOT = Path(__file__).resolve().parent.parent
RESIDENTS = 8
BASELINE_SECONDS = 20
ANSWER = "actions/texts.nl.yml#texts/affirm/text"
NEW_TEXT = "Fijn. Waar kan ik u nog meer mee helpen?"


@dataclass
class Residents:
    """Residents chatting without pause; every turn's time and every failure is kept."""

    url: str
    stop: threading.Event = field(default_factory=threading.Event)
    turns: list[tuple[float, float]] = field(default_factory=list)  # (finished at, seconds)
    errors: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def resident(self, number: int) -> None:
        with httpx.Client(base_url=self.url, timeout=120) as client:
            i = number
            while not self.stop.is_set():
                i += 1
                started = time.perf_counter()
                try:
                    session = client.post("/api/v1/sessions").json()["session_id"]
                    started = time.perf_counter()
                    response = client.post(
                        f"/api/v1/sessions/{session}/messages",
                        json={"text": MESSAGES[i % len(MESSAGES)]},
                    )
                    ok = response.is_success and response.json().get("messages")
                    problem = None if ok else f"{response.status_code} {response.text[:200]}"
                except (httpx.HTTPError, KeyError, ValueError) as exc:
                    problem = repr(exc)
                with self.lock:
                    if problem is None:
                        self.turns.append((time.monotonic(), time.perf_counter() - started))
                    else:
                        self.errors.append((time.monotonic(), problem))

    def between(self, start: float, end: float) -> tuple[list[float], list[str]]:
        with self.lock:
            turns = [seconds for at, seconds in self.turns if start <= at <= end]
            errors = [problem for at, problem in self.errors if start <= at <= end]
        return turns, errors


def _publish(api: httpx.Client, cookies: dict[str, str]) -> float:
    """Change one answer, click "Publiceren", wait until live: the seconds from click to live."""
    item = build_catalog(read_tree(REPO_ROOT)).item(ANSWER)
    assert item is not None
    page = api.get("/editor/antwoorden/bewerk", params={"id": ANSWER}, headers=cookies)
    saved = api.post(
        "/editor/antwoorden/bewerk",
        data={"id": ANSWER, "seen": item.value, "text": NEW_TEXT, "csrf_token": csrf_of(page)},
        headers=cookies,
    )
    assert saved.status_code == 303, saved.text[:500]
    page = api.get("/editor/publiceren", headers=cookies)
    clicked = time.monotonic()
    started = api.post("/editor/publiceren", data={"csrf_token": csrf_of(page)}, headers=cookies)
    assert started.status_code == 303, started.text[:500]
    while True:
        status = api.get("/editor/publiceren", headers=cookies).text
        if "Klaar: versie" in status:
            return time.monotonic() - clicked
        if "Mislukt" in status:
            raise SystemExit("the publish failed:\n" + status)
        time.sleep(1)


def main() -> int:
    workdir = ROOT / "var" / "bench" / "publish"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    instance, _ = new_workspace_stack(workdir)
    with running(instance) as stack:
        url = str(stack.api_url)  # type: ignore[attr-defined]
        api = httpx.Client(base_url=url, timeout=120)
        cookies = log_in(api, str(stack.database_url))  # type: ignore[attr-defined]
        api.get("/editor/publiceren", headers=cookies)  # version 1 is made on the first visit
        residents = Residents(url)
        threads = [
            threading.Thread(target=residents.resident, args=(n,), daemon=True)
            for n in range(RESIDENTS)
        ]
        for thread in threads:
            thread.start()
        begin = time.monotonic()
        time.sleep(BASELINE_SECONDS)
        clicked = time.monotonic()
        seconds = _publish(api, cookies)
        live = time.monotonic()
        time.sleep(5)
        residents.stop.set()
        for thread in threads:
            thread.join(timeout=130)
        before, before_errors = residents.between(begin, clicked)
        during, during_errors = residents.between(clicked, live)
        print(f"{RESIDENTS} residents without pause, messages of the chat benchmark")
        print(f"from 'Publiceren' to live: {seconds:.0f} s")
        print(
            f"before the publish: {len(before)} turns, {len(before_errors)} errors, "
            f"{percentiles(before)}"
        )
        print(
            f"during the publish: {len(during)} turns, {len(during_errors)} errors, "
            f"{percentiles(during)}"
        )
        for problem in (before_errors + during_errors)[:10]:
            print(f"  error: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
