"""Exactly one background sweeper per database, however many API workers run: the lock is held
by the database (PostgreSQL advisory lock) or the file system (beside the SQLite file)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text

from api.db import make_engine
from api.settings import Settings
from api.sweeper import SweeperLock


def _psycopg(url: str) -> str:
    return Settings(environment="test", database_url=url).database_url


async def _race(database_url: str, workers: int) -> list[bool]:
    engines = [make_engine(database_url) for _ in range(workers)]
    locks = [SweeperLock(engine) for engine in engines]
    try:
        won = await asyncio.gather(*(lock.acquire() for lock in locks))
        # The holder keeps it; the others still cannot take it on their next tick.
        again = await asyncio.gather(*(lock.acquire() for lock in locks))
        assert again == won
        # When the holder stops, another worker takes over.
        holder = won.index(True)
        await locks[holder].release()
        others = [lock for i, lock in enumerate(locks) if i != holder]
        taken = await asyncio.gather(*(lock.acquire() for lock in others))
        assert taken.count(True) == 1
        return list(won)
    finally:
        for lock in locks:
            await lock.release()
        for engine in engines:
            await engine.dispose()


def test_one_sweeper_among_twenty_workers_on_sqlite(tmp_path: Path) -> None:
    won = asyncio.run(_race(f"sqlite:///{tmp_path / 'rondkomen.db'}", 20))
    assert won.count(True) == 1
    assert (tmp_path / "rondkomen.db.sweeper.lock").stat().st_mode & 0o777 == 0o600


@pytest.mark.postgres
def test_one_sweeper_among_twenty_workers_on_postgres(postgres_database: str) -> None:
    won = asyncio.run(_race(_psycopg(postgres_database), 20))
    assert won.count(True) == 1


@pytest.mark.postgres
def test_lock_passes_on_when_the_leaders_connection_drops(postgres_database: str) -> None:
    async def scenario() -> None:
        url = _psycopg(postgres_database)
        first, second = make_engine(url), make_engine(url)
        leader, follower = SweeperLock(first), SweeperLock(second)
        try:
            assert await leader.acquire()
            assert not await follower.acquire()
            async with second.connect() as admin:  # the leader's database connection dies
                await admin.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_locks "
                        "WHERE locktype = 'advisory' AND granted"
                    )
                )
            # The server ends that backend a moment later; the follower's next tick takes over.
            for _ in range(50):
                if await follower.acquire():
                    break
                await asyncio.sleep(0.1)
            assert follower.held
            assert not await leader.acquire()  # it notices and stays a follower
        finally:
            await leader.release()
            await follower.release()
            await first.dispose()
            await second.dispose()

    asyncio.run(scenario())
