"""Several API workers starting at once on a new PostgreSQL database: each applies the
migrations at start-up, one after the other (an advisory lock in api/migrations/env.py), and
none of them fails on tables another worker just created."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, inspect

from api.db import sync_url
from api.settings import Settings
from tests.conftest import ROOT, new_postgres_database

pytestmark = pytest.mark.postgres


def test_three_workers_migrate_a_new_database_at_once() -> None:
    with new_postgres_database() as url:
        database_url = Settings(environment="test", database_url=url).database_url
        code = f"from api.migrate import upgrade_database; upgrade_database({database_url!r})"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", code], cwd=ROOT, env=env, stderr=subprocess.PIPE
            )
            for _ in range(3)
        ]
        errors = [worker.communicate(timeout=300)[1].decode()[-2000:] for worker in workers]
        assert [worker.returncode for worker in workers] == [0, 0, 0], errors
        engine = create_engine(sync_url(database_url))
        try:
            assert {"alembic_version", "chat_sessions"} <= set(inspect(engine).get_table_names())
        finally:
            engine.dispose()
