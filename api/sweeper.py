"""The background sweeper: deletes idle conversations and applies handoff retention.

Several API workers (and machines) may run against one database; exactly one of them sweeps at
a time. Leadership is a lock the database itself holds: a PostgreSQL session advisory lock on a
connection the leader keeps open, or an exclusive lock on a file beside the SQLite database. When
the leader stops (or its connection drops), the lock goes with it and another worker takes over
at its next tick.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from pathlib import Path
from typing import IO

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from api import conversation
from api.deps import utc_now
from api.handoff.retention import apply_retention
from api.not_understood import review
from api.rasa_client import BotUnavailable
from api.settings import Settings

log = logging.getLogger("rondkomen.api")

SWEEP_INTERVAL_SECONDS = 60.0
# Any fixed 64-bit number, the same in every worker: "which advisory lock is the sweeper's".
ADVISORY_LOCK_KEY = 0x526F6E646B6F6D  # "Rondkom"


class SweeperLock:
    """Who sweeps: held by at most one worker per database at any moment."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._file: IO[str] | None = None
        self._in_memory = False

    @property
    def held(self) -> bool:
        return self._connection is not None or self._file is not None or self._in_memory

    async def acquire(self) -> bool:
        """Take the lock when nobody holds it; True when this worker holds it (now or already)."""
        url = self._engine.url
        if url.get_backend_name() == "postgresql":
            return await self._acquire_postgres()
        database = url.database
        if not database or database == ":memory:":
            self._in_memory = True  # a private database: nobody else can sweep it
            return True
        return self._acquire_file(Path(f"{database}.sweeper.lock"))

    async def _acquire_postgres(self) -> bool:
        if self._connection is not None:
            try:  # still connected, so still the holder
                await self._connection.execute(text("SELECT 1"))
                return True
            except DBAPIError:
                await self._drop_connection()
        connection = await self._engine.connect()
        try:
            got = (
                await connection.execute(
                    text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
                )
            ).scalar_one()
            await connection.commit()
        except BaseException:
            await connection.close()
            raise
        if not got:
            await connection.close()
            return False
        self._connection = connection
        return True

    def _acquire_file(self, path: Path) -> bool:
        if self._file is not None:
            return True
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open while leader
        os.chmod(path, 0o600)
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    async def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(DBAPIError, OSError):
                await self._connection.close()
            self._connection = None

    async def release(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(DBAPIError, OSError):
                await self._connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY}
                )
            await self._drop_connection()
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        self._in_memory = False


async def sweep_expired_sessions(app: FastAPI) -> int:
    """Delete every conversation idle for longer than the configured time. Returns the count."""
    settings: Settings = app.state.settings
    idle = settings.session_idle
    deleted = 0
    async with app.state.sessionmaker() as db:
        for session_id in await conversation.expired_session_ids(db, utc_now(), idle):
            try:
                await conversation.delete_session(db, app.state.rasa, session_id)
                deleted += 1
            except BotUnavailable:
                await db.rollback()
                log.warning("sweep_postponed", extra={"reason": "rasa_unavailable"})
                break
    return deleted


async def sweep_handoff_retention(app: FastAPI) -> None:
    """Delete handoff content and call-back numbers past their retention (see retention.py)."""
    async with app.state.sessionmaker() as db:
        result = await apply_retention(db, app.state.settings, utc_now())
    if result.handoffs_emptied or result.callbacks_deleted or result.previews_deleted:
        log.info("handoff_retention_applied", extra=result.__dict__)


async def sweep_not_understood(app: FastAPI) -> None:
    """Delete messages kept for the editors past their 30 days (adopted ones stay)."""
    async with app.state.sessionmaker() as db:
        count = await review.sweep(db, utc_now())
    if count:
        log.info("not_understood_deleted", extra={"count": count})


async def sweep_once(app: FastAPI) -> None:
    try:
        count = await sweep_expired_sessions(app)
        if count:
            log.info("expired_sessions_deleted", extra={"count": count})
    except Exception:
        log.exception("sweep_failed")
    try:
        await sweep_handoff_retention(app)
    except Exception:
        log.exception("handoff_retention_failed")
    try:
        await sweep_not_understood(app)
    except Exception:
        log.exception("not_understood_sweep_failed")


async def sweep_forever(app: FastAPI, lock: SweeperLock) -> None:
    """Every interval: sweep when this worker holds (or can take) the sweeper's lock."""
    try:
        while True:
            await asyncio.sleep(SWEEP_INTERVAL_SECONDS)
            try:
                leader = await lock.acquire()
            except (DBAPIError, OSError):
                log.exception("sweeper_lock_failed")
                continue
            if leader:
                await sweep_once(app)
    finally:
        await lock.release()
