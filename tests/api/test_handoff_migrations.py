"""Migration 0002 creates exactly the tables the models describe, on SQLite and PostgreSQL,
and can be rolled back."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from api import limits  # noqa: F401  (registers rate_counters)
from api.db import Base, sync_url
from api.handoff import models as handoff_models  # noqa: F401  (registers the tables)
from api.migrate import alembic_config, upgrade_database
from api.settings import Settings

HANDOFF_TABLES = {
    "counsellor_users",
    "counsellor_sessions",
    "handoffs",
    "handoff_summaries",
    "handoff_messages",
    "consent_records",
    "counsellor_notes",
    "audit_log",
    "callback_requests",
}


def test_models_match_the_migrations(database_url: str) -> None:
    url = Settings(environment="test", database_url=database_url).database_url
    upgrade_database(url)
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        command.downgrade(alembic_config(url), "0001")
        assert not HANDOFF_TABLES & set(inspect(engine).get_table_names())
        command.upgrade(alembic_config(url), "head")
        assert set(inspect(engine).get_table_names()) >= HANDOFF_TABLES
    finally:
        engine.dispose()
