"""Database engine and sessions (SQLAlchemy 2, async): SQLite default, PostgreSQL in production."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import DateTime, TypeDecorator, event
from sqlalchemy.engine import Dialect, Engine, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC datetimes")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    """Base class of all tables."""


def async_url(database_url: str) -> str:
    """The async-driver form of a configured (sync) database URL."""
    url = make_url(database_url)
    if url.drivername in ("sqlite", "sqlite+pysqlite"):
        return url.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    return url.render_as_string(hide_password=False)


def sync_url(database_url: str) -> str:
    """The sync-driver form (for Alembic and command-line tools)."""
    url = make_url(database_url)
    if url.drivername == "sqlite+aiosqlite":
        return url.set(drivername="sqlite").render_as_string(hide_password=False)
    return url.render_as_string(hide_password=False)


# How long a SQLite writer waits for another one before "database is locked" (SQLite's default
# here is 5 s, which 50 residents at once on a busy machine exceeded: docs/performance.md).
SQLITE_BUSY_TIMEOUT_MS = 30_000


def _configure_sqlite(dbapi_connection: object, _record: object) -> None:
    """Foreign keys on; write-ahead log, so reading turns never block a turn being stored."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def prepare_sqlite_file(database_url: str) -> None:
    """Create the SQLite file (and its folder) readable by this user only: 0600, folder 0700.

    SQLite gives its journal and WAL files the mode of the database file.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    path.chmod(0o600)


def make_engine(database_url: str) -> AsyncEngine:
    """An async engine; for SQLite the file is made private, foreign keys are enforced and
    it runs with a write-ahead log."""
    url = make_url(async_url(database_url))
    prepare_sqlite_file(database_url)
    engine = create_async_engine(url, pool_pre_ping=url.get_backend_name() != "sqlite")
    if url.get_backend_name() == "sqlite":
        sync_engine: Engine = engine.sync_engine
        event.listen(sync_engine, "connect", _configure_sqlite)
    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
