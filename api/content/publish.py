"""Publish: check a content tree, train its model, make it the live version; and roll back.

One publish at a time across every API worker: a job row in state ``running`` holds the lock (a
unique partial index on ``content_jobs``). Steps run in order, each one's state visible to the
editor; the first failure stops the job with a Dutch message (``api/texts.nl.yml``) and leaves
the live version as it was. Only the last step touches what residents get: Rasa on every server
gets the new model (``PUT /model``), then the live pointer and the symlink flip (texts reload in
the API and the action server). Nothing restarts.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from fastapi import Request
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.content.checks import rule_data_findings, structure_findings, text_findings
from api.content.files import write_tree
from api.content.rules import run_findings, run_tree
from api.content.scope import Scope
from api.content.switch import ModelSource, SwitchFailed, switch_model
from api.content.toolchain import StepFailed, Toolchain
from api.content.version_tables import RUNNING, ContentJob, ContentVersion
from api.content.versions import Workspace, describe_change, live_number, next_number, set_live
from api.deps import utc_now
from api.texts import text

log = logging.getLogger("rondkomen.api")

PUBLISH = "publish"
# The steps in order (the editors' pages label them: api/templates/editor/_labels.html).
STEPS: tuple[str, ...] = (
    "texts",
    "validate",
    "rules",
    "train",
    "conversations",
    "accuracy",
    "live",
)
# A step's state in the job's progress (labelled in the same template).
WAITING = "waiting"
STEP_RUNNING = "running"
STEP_DONE = "done"
STEP_FAILED = "failed"
SKIPPED = "skipped"
# Refused when intent accuracy drops more than this below the live version's.
MAX_ACCURACY_DROP = 0.01
# A job "running" this long belongs to a worker that died; it no longer holds the lock.
STALE_AFTER = timedelta(hours=1)


# A step of a job: raises StepFailed with the Dutch message, or returns True when it was skipped.
Step = Callable[[], Awaitable[bool | None]]


class PublishBusy(Exception):
    """Another publish is running."""


class NotYours(Exception):
    """Restoring the version would also change files outside the editor's scope."""


@dataclass(frozen=True)
class Publisher:
    """Everything a publish needs, built once per API process."""

    sessionmaker: async_sessionmaker[AsyncSession]
    workspace: Workspace
    toolchain: Toolchain
    http: httpx.AsyncClient
    rasa_urls: tuple[str, ...]
    rasa_token: str
    # The API's address as the Rasa servers reach it, when they fetch models over HTTP
    # (settings.content_model_url); None: they read the model files from the shared disk.
    model_base_url: str | None = None

    @property
    def model_source(self) -> ModelSource:
        return ModelSource(self.workspace, self.model_base_url)


def publisher_of(request: Request) -> Publisher:
    """The API process's publisher (built once at start-up, ``app.state.publisher``)."""
    publisher: Publisher = request.app.state.publisher
    return publisher


async def start_job(
    db: AsyncSession,
    username: str,
    now: datetime,
    kind: str = PUBLISH,
    steps: tuple[str, ...] = STEPS,
) -> ContentJob:
    """Take the lock of ``kind`` (one running job of a kind) with a new job row, or raise
    :class:`PublishBusy`."""
    await db.execute(
        update(ContentJob)
        .where(
            ContentJob.kind == kind,
            ContentJob.status == RUNNING,
            ContentJob.started_at < now - STALE_AFTER,
        )
        .values(status="failed", error=text("publish_interrupted"))
    )
    job = ContentJob(
        kind=kind,
        status=RUNNING,
        step=steps[0],
        progress=[{"step": key, "state": WAITING} for key in steps],
        started_by=username,
        started_at=now,
    )
    db.add(job)
    try:
        await db.commit()
    except IntegrityError as exc:
        await db.rollback()
        raise PublishBusy() from exc
    return job


async def latest_job(db: AsyncSession, kind: str = PUBLISH) -> ContentJob | None:
    query = select(ContentJob).where(ContentJob.kind == kind).order_by(ContentJob.id.desc())
    return (await db.execute(query.limit(1))).scalars().first()


async def is_running(db: AsyncSession) -> bool:
    job = await latest_job(db)
    return job is not None and job.status == RUNNING


async def mark_step(
    publisher: Publisher, job_id: int, step: str, state: str, **fields: Any
) -> None:
    async with publisher.sessionmaker() as db:
        job = await db.get(ContentJob, job_id)
        assert job is not None
        progress = [dict(item) for item in job.progress]
        for item in progress:
            if item["step"] == step:
                item["state"] = state
                item.update({k: v for k, v in fields.items() if k == "seconds"})
        job.progress = progress
        job.step = step
        for name, value in fields.items():
            if name != "seconds":
                setattr(job, name, value)
        await db.commit()


def fail_with_findings(title: str, findings: list[str]) -> None:
    """A failed step when there are findings: the title and the first 20 of them."""
    if findings:
        more = (
            [text("publish_more_findings", count=len(findings) - 20)] if len(findings) > 20 else []
        )
        raise StepFailed("\n".join([title, *findings[:20], *more]))


async def run_publish(
    publisher: Publisher,
    job_id: int,
    tree: dict[str, str],
    username: str,
    after_live: Callable[[AsyncSession], Awaitable[None]] | None = None,
) -> int | None:
    """Run the job to the end; the new version's number, or None when a step failed."""
    workspace, tools = publisher.workspace, publisher.toolchain
    async with publisher.sessionmaker() as db:
        live = await live_number(db)
    if live is None:
        raise RuntimeError("no live version: call ensure_initial_version first")
    live_tree = workspace.tree(live)
    build = workspace.builds / str(job_id)
    shutil.rmtree(build, ignore_errors=True)
    write_tree(tree, build)
    model = build / "model.tar.gz"
    state: dict[str, Any] = {"accuracy": workspace.meta(live).get("accuracy")}

    async def texts() -> None:
        fail_with_findings(text("publish_texts_failed"), text_findings(tree, live_tree))
        fail_with_findings(text("publish_files_failed"), structure_findings(build))
        fail_with_findings(text("publish_rule_data_failed"), rule_data_findings(tree))

    async def rules() -> None:
        # Every scenario on the rules being published (not the repository's): in a thread, as
        # reading the rules and running some 150 households takes a fraction of a second.
        run = await asyncio.to_thread(run_tree, tree)
        fail_with_findings(text("publish_rules_failed"), run_findings(run))

    async def train() -> None:
        trained = await tools.train(build)
        if trained != model:
            trained.replace(model)

    async def accuracy() -> bool | None:
        nlu_changed = any(
            tree.get(p) != live_tree.get(p)
            for p in tree.keys() | live_tree.keys()
            if p.startswith("nlu_data/")
        )
        if not nlu_changed:
            return True  # skipped: same examples, the live version's accuracy stands
        before = state["accuracy"]
        if before is None:
            before = await tools.heldout_accuracy(build, workspace.model_file(live), "live")
        after = await tools.heldout_accuracy(build, model, "new")
        state["accuracy"] = after
        if after < before - MAX_ACCURACY_DROP:
            raise StepFailed(
                text("publish_worse_accuracy", after=f"{after:.1%}", before=f"{before:.1%}")
            )
        return None

    async def go_live() -> None:
        async with publisher.sessionmaker() as db:
            number = await next_number(db)
            summary, diff = describe_change(live_tree, tree)
            workspace.store(number, tree, model, {"accuracy": state["accuracy"]})
            try:
                await switch_model(
                    publisher.http,
                    list(publisher.rasa_urls),
                    publisher.rasa_token,
                    publisher.model_source,
                    number,
                    live,
                )
            except SwitchFailed as exc:
                raise StepFailed(str(exc)) from exc
            db.add(
                ContentVersion(
                    number=number,
                    created_by=username,
                    created_at=utc_now(),
                    summary=summary,
                    diff=diff,
                    status="live",
                    accuracy=state["accuracy"],
                    model_file=str(workspace.model_file(number)),
                )
            )
            await set_live(db, workspace, number)
            if after_live is not None:
                await after_live(db)
            state["number"] = number

    steps: dict[str, Step] = {
        "texts": texts,
        "validate": lambda: tools.validate(build),
        "rules": rules,
        "train": train,
        "conversations": lambda: tools.conversation_tests(build, model),
        "accuracy": accuracy,
        "live": go_live,
    }
    if not await run_steps(publisher, job_id, "publish", build, steps):
        return None
    await finish_job(publisher, job_id, STEPS[-1], "done", None, version=state["number"])
    return int(state["number"])


async def run_steps(
    publisher: Publisher,
    job_id: int,
    name: str,
    build: Path,
    steps: Mapping[str, Step],
) -> bool:
    """Run the job's ``steps`` in order, each one's state and time visible; True when all
    passed. The first failure finishes the job with its Dutch message. ``build`` is removed."""
    current = next(iter(steps))
    try:
        for current, step in steps.items():
            await mark_step(publisher, job_id, current, STEP_RUNNING)
            started = time.monotonic()
            skipped = await step()
            done = SKIPPED if skipped else STEP_DONE
            await mark_step(
                publisher, job_id, current, done, seconds=round(time.monotonic() - started)
            )
    except StepFailed as exc:
        await finish_job(publisher, job_id, current, "failed", str(exc))
        return False
    except Exception:
        log.exception("%s job %s failed in step %s", name, job_id, current)
        await finish_job(publisher, job_id, current, "failed", text("publish_unexpected"))
        return False
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return True


async def finish_job(
    publisher: Publisher,
    job_id: int,
    step: str,
    status: str,
    error: str | None,
    version: int | None = None,
) -> None:
    state = STEP_DONE if status == "done" else STEP_FAILED
    await mark_step(
        publisher,
        job_id,
        step,
        state,
        status=status,
        error=error,
        finished_at=utc_now(),
        version=version,
    )


async def rollback(publisher: Publisher, db: AsyncSession, number: int, scope: Scope) -> None:
    """Make version ``number`` live again: its own model and files, no training.

    Refused (:class:`NotYours`) when that would also change another municipality's files:
    a version is the whole installation's, and its editors decide about their own files.
    """
    if await db.get(ContentVersion, number) is None:
        raise LookupError(number)
    if await is_running(db):
        raise PublishBusy()
    live = await live_number(db)
    workspace = publisher.workspace
    if live is not None:
        target, current = workspace.tree(number), workspace.tree(live)
        changed = {p for p in target.keys() | current.keys() if target.get(p) != current.get(p)}
        if not all(scope.allows(path) for path in changed):
            raise NotYours()
    await switch_model(
        publisher.http,
        list(publisher.rasa_urls),
        publisher.rasa_token,
        publisher.model_source,
        number,
        live,
    )
    await set_live(db, workspace, number)
