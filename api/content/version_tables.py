"""Tables of published versions, the live pointer and the background jobs (publish).

The live pointer in the database is the truth for every API worker; the ``live`` symlink in the
workspace follows it (the text loaders read through the symlink).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime

# A job in one of these states holds the publish lock (a unique partial index: one at a time,
# across every API worker).
RUNNING = "running"
JOB_STATES = ("running", "done", "failed")


class ContentVersion(Base):
    """A published version: its files and model are in ``var/content/versions/<number>/``."""

    __tablename__ = "content_versions"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    summary: Mapped[str] = mapped_column(Text)
    diff: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    accuracy: Mapped[float | None] = mapped_column(Float, nullable=True)
    model_file: Mapped[str] = mapped_column(Text)


class ContentLive(Base):
    """The one row (id 1): which version residents get."""

    __tablename__ = "content_live"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(Integer)


class ContentJob(Base):
    """A background job with its steps' progress, shown to the editor while it runs."""

    __tablename__ = "content_jobs"
    __table_args__ = (
        Index(
            "uq_content_jobs_one_running",
            "kind",
            unique=True,
            sqlite_where=text("status = 'running'"),
            postgresql_where=text("status = 'running'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    step: Mapped[str] = mapped_column(String(32))
    progress: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    started_by: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
