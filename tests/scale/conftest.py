"""The stack scaled out on this machine: two Rasa servers sharing trackers and conversation locks
in Redis, one action server, and two API workers (separate uvicorn processes) on one PostgreSQL
database. Redis keys get a prefix of their own (removed afterwards) and PostgreSQL a database of
its own, so parallel runs do not collide. Without Redis or PostgreSQL the tests are skipped with
a plain reason (or fail when RONDKOMEN_REQUIRE_SERVICES=1)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from tests.conftest import (
    REDIS_HOST,
    REDIS_PORT,
    free_port,
    new_postgres_database,
    require_service,
)

# Its own Redis database besides the prefix (tests/bot uses 5).
REDIS_DB = 6


@dataclass
class ScaledStack:
    stack: object  # scripts/stack.py's Stack
    api_urls: list[str]  # worker 1, worker 2
    rasa_urls: list[str]  # server A, server B
    database_url: str
    redis_prefix: str

    @property
    def token(self) -> str:
        return str(self.stack.token)  # type: ignore[attr-defined]


def _forget_redis_keys(prefix: str) -> None:
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


@contextmanager
def scaled_stack(workdir: Path) -> Iterator[ScaledStack]:
    """Start everything, wait until every process is ready, stop and clean up afterwards."""
    from stack import NO_ADDRESS_LIMITS, VAR, Stack  # scripts/stack.py

    require_service("Redis", REDIS_HOST, REDIS_PORT)
    require_service("PostgreSQL", "127.0.0.1", 5432)
    if not (VAR / "models" / "current.tar.gz").exists():
        pytest.fail("no trained model: run `make train` (make test does this first)")
    prefix = f"rondkomentest{uuid.uuid4().hex[:10]}"  # letters and digits only (Rasa's rule)
    rasa_ports = [free_port(), free_port()]
    rasa_urls = [f"http://127.0.0.1:{port}" for port in rasa_ports]
    api_ports = [free_port(), free_port()]
    with new_postgres_database() as database_url:
        stack = Stack(
            api_port=api_ports[0],
            rasa_port=rasa_ports[0],
            action_port=free_port(),
            database_url=database_url,
            log_dir=workdir / "log",
            endpoints="bot/endpoints.redis.yml",
            more_rasa_ports=rasa_ports[1:],
            # Worker 1 knows server A first, worker 2 server B first: turns sent alternately to
            # the two workers reach both servers in turn.
            more_api_workers=[(api_ports[1], {"RONDKOMEN_RASA_URLS": json.dumps(rasa_urls[::-1])})],
            extra_env={
                "RONDKOMEN_ENVIRONMENT": "test",
                **NO_ADDRESS_LIMITS,
                "RONDKOMEN_RASA_URLS": json.dumps(rasa_urls),
                "REDIS_HOST": REDIS_HOST,
                "REDIS_PORT": str(REDIS_PORT),
                "REDIS_TRACKER_DB": str(REDIS_DB),
                "REDIS_LOCK_DB": str(REDIS_DB),
                "REDIS_KEY_PREFIX": prefix,
                "TRACKER_EXPIRY_SECONDS": "1800",
            },
        )
        stack.start()
        try:
            stack.wait_ready(timeout=300)
            yield ScaledStack(
                stack=stack,
                api_urls=[f"http://127.0.0.1:{port}" for port in api_ports],
                rasa_urls=rasa_urls,
                database_url=database_url,
                redis_prefix=prefix,
            )
        finally:
            stack.stop()
            _forget_redis_keys(prefix)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledStack]:
    with scaled_stack(tmp_path_factory.mktemp("scaled")) as running:
        yield running
