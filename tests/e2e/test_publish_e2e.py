"""Publishing through the real stack: residents keep chatting while the bot switches versions.

Its own stack (the workspace must be set in the processes' environment): Rasa, the action
server and the API, with ``RONDKOMEN_CONTENT_DIR`` at the workspace's live link. A publish with
the real steps (checks, rasa data validate, rules scenarios, training, conversation tests)
changes the greeting (a bot response, in the model) and the offer of a person (an action text).
Meanwhile simulated residents send messages through the API without pause: none may fail, and
once the version is live they get the new texts, without any process restarting. Rollback
brings the old texts back, without training. Rasa fetches each version's model from the API
over HTTP (``model_server``), as servers on other hosts do.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest

from api.content.files import read_tree
from api.content.publish import Publisher, rollback, run_publish, start_job
from api.content.scope import Scope
from api.content.toolchain import Toolchain
from api.content.versions import Workspace, ensure_initial_version
from api.db import make_engine, make_sessionmaker
from tests.conftest import new_workspace_stack, running

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]
OLD_GREETING, NEW_GREETING = "Hallo! Ik ben de geldhulp-chat", "Welkom! Ik ben de geldhulp-chat"
OLD_OFFER = "Een medewerker van de gemeente kan u gratis helpen."
NEW_OFFER = "Een medewerker van de gemeente kan u zonder kosten helpen."
RESIDENTS = 3


@dataclass
class Load:
    """Residents chatting in the background; every failure is kept."""

    url: str
    stop: threading.Event = field(default_factory=threading.Event)
    errors: list[str] = field(default_factory=list)
    answered: int = 0
    seen: list[tuple[float, str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def resident(self) -> None:
        with httpx.Client(base_url=self.url, timeout=120) as client:
            while not self.stop.is_set():
                try:
                    session = client.post("/api/v1/sessions").json()["session_id"]
                    for text in ("hallo", "/ask_human"):
                        response = client.post(
                            f"/api/v1/sessions/{session}/messages", json={"text": text}
                        )
                        messages = response.json().get("messages") if response.is_success else None
                        with self.lock:
                            if not messages:
                                self.errors.append(
                                    f"{text}: {response.status_code} {response.text}"
                                )
                            else:
                                self.answered += 1
                                self.seen.append((time.monotonic(), text, messages[0]["text"]))
                except (httpx.HTTPError, KeyError, ValueError) as exc:
                    with self.lock:
                        self.errors.append(repr(exc))

    def latest(self, text: str, since: float) -> list[str]:
        with self.lock:
            return [answer for at, sent, answer in self.seen if sent == text and at > since]


@pytest.fixture(scope="module")
def workspace_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, Workspace]]:
    instance, workspace = new_workspace_stack(tmp_path_factory.mktemp("publish"))
    with running(instance, timeout=300):
        yield instance, Workspace(workspace)


def _edited(tree: dict[str, str]) -> dict[str, str]:
    edited = dict(tree)
    edited["bot/domain/conversation.yml"] = tree["bot/domain/conversation.yml"].replace(
        OLD_GREETING, NEW_GREETING, 1
    )
    edited["actions/texts.nl.yml"] = tree["actions/texts.nl.yml"].replace(OLD_OFFER, NEW_OFFER, 1)
    assert edited != tree
    return edited


async def _publish_and_roll_back(
    stack: object, workspace: Workspace, load: Load
) -> dict[str, float]:
    engine = make_engine(str(stack.database_url))  # type: ignore[attr-defined]
    sessions = make_sessionmaker(engine)
    timings: dict[str, float] = {}
    async with httpx.AsyncClient() as http:
        publisher = Publisher(
            sessionmaker=sessions,
            workspace=workspace,
            toolchain=Toolchain(ROOT, ROOT / ".venv-rasa" / "bin" / "python"),
            http=http,
            rasa_urls=(f"http://127.0.0.1:{stack.rasa_port}",),  # type: ignore[attr-defined]
            rasa_token=str(stack.token),  # type: ignore[attr-defined]
            # Rasa fetches each model from the API over HTTP, as servers on other hosts would
            # (the browser test's publish uses the file path on the shared disk).
            model_base_url=str(stack.api_url),  # type: ignore[attr-defined]
        )
        now = datetime.now(timezone.utc)
        async with sessions() as db:
            await ensure_initial_version(
                db, workspace, ROOT, ROOT / "var/models/current.tar.gz", now
            )
        started = time.monotonic()
        async with sessions() as db:
            job = await start_job(db, "redacteur", now)
        number = await run_publish(publisher, job.id, _edited(read_tree(ROOT)), "redacteur")
        timings["publish_to_live"] = time.monotonic() - started
        async with sessions() as db:
            from api.content.version_tables import ContentJob

            finished = await db.get(ContentJob, job.id)
            assert finished is not None
            assert number == 2, finished.error
            timings.update(
                {f"step_{p['step']}": float(p.get("seconds", 0)) for p in finished.progress}
            )
        live_at = time.monotonic()
        await asyncio.sleep(8)  # residents keep chatting on the new version
        assert any(NEW_GREETING in a for a in load.latest("hallo", live_at + 1.5))
        assert any(NEW_OFFER in a for a in load.latest("/ask_human", live_at + 1.5))
        started = time.monotonic()
        async with sessions() as db:
            await rollback(publisher, db, 1, Scope("heerlen"))
        timings["rollback"] = time.monotonic() - started
        back_at = time.monotonic()
        await asyncio.sleep(8)
        assert all(NEW_GREETING not in a for a in load.latest("hallo", back_at + 1.5))
        assert any(OLD_OFFER in a for a in load.latest("/ask_human", back_at + 1.5))
    await engine.dispose()
    return timings


def test_publish_and_rollback_under_load_without_errors(
    workspace_stack: tuple[object, Workspace],
) -> None:
    stack, workspace = workspace_stack
    load = Load(str(stack.api_url))  # type: ignore[attr-defined]
    threads = [threading.Thread(target=load.resident) for _ in range(RESIDENTS)]
    for thread in threads:
        thread.start()
    try:
        # In a thread of its own: the browser tests' session keeps an event loop in this one.
        with ThreadPoolExecutor(1) as pool:
            work = pool.submit(asyncio.run, _publish_and_roll_back(stack, workspace, load))
            timings = work.result()
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=150)
    print(f"\npublish timings (s): {timings}; messages answered: {load.answered}")
    assert load.errors == []
    # Rasa answers even when an action failed (the resident then gets less than the whole
    # answer): its log must show no failed action either.
    rasa_log = (Path(stack.log_dir) / "rasa.log").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert "Failed to run custom action" not in rasa_log
    assert load.answered > 20
