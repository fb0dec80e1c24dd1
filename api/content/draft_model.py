"""The draft model: trained from the editors' draft, to try sentences before anything is live.

"Conceptmodel trainen" starts a background job (kind ``draft``; one at a time, across workers,
by the same lock as a publish) that checks the draft's files and trains a model from them into
``<workspace>/draft/``, with a fingerprint of the tree it came from. "Probeer een zin" then asks
that model through a Rasa server of its own: ``rasa run --enable-api`` on 127.0.0.1, with no
channel, no action server and no tracker store residents use. Each API process starts it on
first use and restarts it when a newer draft model is there; residents never reach it.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import hashlib
import json
import logging
import secrets
import shutil
import signal
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from api.content.checks import structure_findings
from api.content.files import write_tree
from api.content.publish import Publisher, Step, fail_with_findings, finish_job, run_steps
from api.deps import utc_now
from api.texts import text
from benefits_rules.contract import Nlu, nlu_message, read_nlu

log = logging.getLogger("rondkomen.api")

DRAFT = "draft"
# The steps of a draft training (labelled in api/templates/editor/_labels.html).
DRAFT_STEPS: tuple[str, ...] = ("files", "train")
MODEL_NAME = "model.tar.gz"
META_NAME = "meta.json"
# How long a parse may take once the server listens.
PARSE_TIMEOUT_SECONDS = 10.0


def fingerprint(tree: Mapping[str, str]) -> str:
    """The same for the same files with the same texts, whatever the order."""
    digest = hashlib.sha256()
    for path in sorted(tree):
        digest.update(path.encode("utf-8") + b"\0" + tree[path].encode("utf-8") + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class DraftModel:
    """The draft model on disk: the model file and what it was trained from."""

    model: Path
    fingerprint: str
    job: int
    trained_at: datetime
    trained_by: str


def draft_folder(root: Path) -> Path:
    """Where the draft model lives inside the workspace folder ``root``."""
    return root / "draft"


def current(root: Path) -> DraftModel | None:
    """The draft model of the workspace ``root``, if one was trained."""
    folder = draft_folder(root)
    try:
        meta = json.loads((folder / META_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return DraftModel(
        model=folder / MODEL_NAME,
        fingerprint=str(meta["fingerprint"]),
        job=int(meta["job"]),
        trained_at=datetime.fromisoformat(meta["trained_at"]),
        trained_by=str(meta["trained_by"]),
    )


def _store(root: Path, model: Path, meta: dict[str, Any]) -> None:
    """Replace the draft model in one step (a reader sees the old one or the new one)."""
    partial = root / ".draft.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    model.replace(partial / MODEL_NAME)
    (partial / META_NAME).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    old = root / ".draft.old"
    shutil.rmtree(old, ignore_errors=True)
    folder = draft_folder(root)
    if folder.exists():
        folder.replace(old)
    partial.replace(folder)
    shutil.rmtree(old, ignore_errors=True)


async def run_draft_training(
    publisher: Publisher, job_id: int, tree: dict[str, str], username: str
) -> bool:
    """Train the draft model from ``tree``; True when it is ready to try."""
    workspace, tools = publisher.workspace, publisher.toolchain
    build = workspace.builds / f"draft-{job_id}"
    shutil.rmtree(build, ignore_errors=True)
    write_tree(tree, build)

    async def files() -> None:
        fail_with_findings(text("publish_files_failed"), structure_findings(build))

    async def train() -> None:
        model = await tools.train(build)
        meta = {
            "fingerprint": fingerprint(tree),
            "job": job_id,
            "trained_at": utc_now().isoformat(),
            "trained_by": username,
        }
        await asyncio.to_thread(_store, workspace.root, model, meta)

    steps: dict[str, Step] = {"files": files, "train": train}
    if not await run_steps(publisher, job_id, "draft training", build, steps):
        return False
    await finish_job(publisher, job_id, DRAFT_STEPS[-1], "done", None)
    return True


class DraftStarting(Exception):
    """The draft model's server is loading the model; try again in a little while."""


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    # Linux: the draft server ends when the API process ends, however that happens.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DraftParser:
    """This API process's Rasa server for the draft model, started on first use."""

    def __init__(self, publisher: Publisher) -> None:
        self._publisher = publisher
        self._process: asyncio.subprocess.Process | None = None
        self._job: int | None = None
        self._url = ""
        self._token = ""
        self._lock = asyncio.Lock()

    async def parse(self, sentence: str, draft: DraftModel) -> Nlu | None:
        """The draft model's intent and confidence for ``sentence``.

        Raises :class:`DraftStarting` while its server loads (the first call starts it).
        """
        async with self._lock:
            running = self._process is not None and self._process.returncode is None
            if not running or self._job != draft.job:
                await self._start(draft)
                raise DraftStarting()
        try:
            response = await self._publisher.http.post(
                f"{self._url}/model/parse",
                params={"token": self._token},
                json={"text": sentence},
                timeout=PARSE_TIMEOUT_SECONDS,
            )
        except httpx.TransportError:
            raise DraftStarting() from None
        response.raise_for_status()
        intent = response.json().get("intent")
        confidence = intent.get("confidence") if isinstance(intent, dict) else None
        if not isinstance(intent, dict) or not isinstance(confidence, int | float):
            return None
        return read_nlu(nlu_message(intent.get("name"), confidence))

    async def _start(self, draft: DraftModel) -> None:
        await self._stop()
        tools = self._publisher.toolchain
        port = _free_port()
        self._token = secrets.token_hex(16)
        self._url = f"http://127.0.0.1:{port}"
        self._job = draft.job
        log_file = draft_folder(self._publisher.workspace.root).parent / "draft-server.log"
        with open(log_file, "ab") as out:
            self._process = await asyncio.create_subprocess_exec(
                *tools.serve_argv(draft.model, port, self._token),
                cwd=tools.repository,
                env=tools.environment(),
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
        log.info("draft model server started for job %s on port %s", draft.job, port)

    async def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), timeout=10)
        except TimeoutError:
            process.kill()
            await process.wait()

    async def close(self) -> None:
        """Stop the server (the API is shutting down)."""
        async with self._lock:
            await self._stop()
