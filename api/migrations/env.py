"""Alembic environment: runs migrations with the sync driver of the configured database."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool, text

from api import (
    audit,  # noqa: F401  (audit_log)
    limits,  # noqa: F401  (rate_counters)
    models,  # noqa: F401  (registers the tables on Base.metadata)
)
from api.auth import models as auth_models  # noqa: F401
from api.content import models as content_models  # noqa: F401  (content_draft_files)
from api.content import version_tables  # noqa: F401  (content_versions, content_live, content_jobs)
from api.db import Base
from api.handoff import models as handoff_models  # noqa: F401
from api.not_understood import models as not_understood_models  # noqa: F401

config = context.config
# Any fixed 64-bit number, the same in every worker: "which advisory lock is the migrations'".
MIGRATION_LOCK_KEY = 0x526F6E646D6967  # "Rondmig"
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Several API workers starting at once on a new database: they migrate one
                # after the other (the lock ends with the transaction) and the later ones find
                # it up to date, instead of all creating the same tables and failing.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
