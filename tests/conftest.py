"""Fixtures shared by every test. Standard library only at import time: this file is also loaded
by the Rasa-side tests (Python 3.10, other packages).

Services: PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379). When one is not reachable,
the tests that need it are skipped with a plain reason — unless RONDKOMEN_REQUIRE_SERVICES=1 (CI),
then they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

POSTGRES_ADMIN_URL = os.environ.get(
    "RONDKOMEN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


def require_service(name: str, host: str, port: int) -> None:
    """Skip (or, in CI, fail) when a service the test needs is not running."""
    if _reachable(host, port):
        return
    message = f"{name} is not running on {host}:{port}; start it to run this test"
    if os.environ.get("RONDKOMEN_REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def new_postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database of its own; dropped afterwards."""
    require_service("PostgreSQL", "127.0.0.1", 5432)
    import psycopg  # the API environment has it; Rasa-side tests never ask for this

    name = f"rondkomen_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def always_open_rules(target: Path, *, test_municipality: bool = False) -> Path:
    """A copy of benefits_rules' data in which every municipality's counsellors are there around
    the clock, so tests of "chat now" do not depend on the hour they run. Test data only.
    With ``test_municipality`` the installation serves the fictional Proefdorp too."""
    shutil.copytree(ROOT / "benefits_rules" / "data", target)
    if test_municipality:
        with_test_municipality(target)
    hours = "office_hours:\n" + "".join(f'  {day}: ["00:00", "23:59:59"]\n' for day in WEEKDAYS)
    for path in target.glob("municipalities/*/municipality.yaml"):
        text = path.read_text(encoding="utf-8")
        changed = re.sub(r"^office_hours:\n(?:  .*\n)+", hours, text, count=1, flags=re.M)
        assert changed != text, f"no office_hours in {path}"
        path.write_text(changed, encoding="utf-8")
    return target


# A second, fictional municipality (tests only): the proof that a municipality is data alone.
TEST_MUNICIPALITIES = ROOT / "tests" / "data" / "municipalities"
TEST_MUNICIPALITY = "proefdorp"


def with_test_municipality(rules: Path) -> Path:
    """Add the fictional municipality to the rule data copy ``rules`` as an installation adds
    one (docs/adding-a-municipality.md): its folder and an entry in deployment.yaml."""
    source = TEST_MUNICIPALITIES / TEST_MUNICIPALITY
    shutil.copytree(source, rules / "municipalities" / TEST_MUNICIPALITY)
    deployment = rules / "deployment.yaml"
    text = deployment.read_text(encoding="utf-8")
    served = re.sub(
        r"^municipalities:\n((?:  - .*\n)+)",
        lambda m: f"municipalities:\n{m.group(1)}  - {TEST_MUNICIPALITY}\n",
        text,
        count=1,
        flags=re.M,
    )
    assert served != text, f"no list of municipalities in {deployment}"
    deployment.write_text(served, encoding="utf-8")
    return rules


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test session; dropped afterwards."""
    with new_postgres_database() as url:
        yield url


def new_stack(workdir: Path, *, fixed_rules: bool = True, **extra_env: str) -> object:
    """The real stack (Rasa, action server, API) on free ports with a fresh SQLite database in
    ``workdir``; ``extra_env`` adds settings. Not started yet.

    ``fixed_rules``: every process reads a fixed copy of the rule data with counsellors there
    around the clock (RONDKOMEN_RULES_DIR). Without it, the rules come from the live content
    root, as in production, so a publish changes them."""
    from stack import NO_ADDRESS_LIMITS, VAR, Stack  # scripts/stack.py

    model = VAR / "models" / "current.tar.gz"
    if not model.exists():
        pytest.fail("no trained model: run `make train` (make test does this first)")
    return Stack(
        api_port=free_port(),
        rasa_port=free_port(),
        action_port=free_port(),
        database_url=f"sqlite:///{workdir / 'rondkomen.db'}",
        log_dir=workdir / "log",
        extra_env={
            "RONDKOMEN_ENVIRONMENT": "test",
            # Every simulated resident comes from 127.0.0.1 (the limits themselves are tested in
            # tests/api/test_abuse_limits.py).
            **NO_ADDRESS_LIMITS,
            # Counsellors' office hours always open, so the live-handoff test runs at any hour.
            **(
                {"RONDKOMEN_RULES_DIR": str(always_open_rules(workdir / "rules"))}
                if fixed_rules
                else {}
            ),
            **extra_env,
        },
    )


def new_workspace_stack(workdir: Path) -> tuple[object, Path]:
    """The real stack with the editors' workspace in ``workdir/content`` (not started yet): the
    API publishes into it, and every process reads its texts and rules through the workspace's live
    link.
    Returns the stack and the workspace folder."""
    workspace = workdir / "content"
    instance = new_stack(
        workdir,
        # A publish changes rules and municipality facts too: they come from the live version.
        fixed_rules=False,
        RONDKOMEN_CONTENT_DIR=str(workspace / "live"),
        RONDKOMEN_CONTENT_WORKSPACE=str(workspace),
    )
    return instance, workspace


@contextmanager
def running(instance: object, timeout: float = 240) -> Iterator[object]:
    """Start a stack from :func:`new_stack`, wait until every process is ready, stop it after."""
    instance.start()  # type: ignore[attr-defined]
    try:
        instance.wait_ready(timeout=timeout)  # type: ignore[attr-defined]
        yield instance
    finally:
        instance.stop()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The real stack (Rasa, action server, API) on free ports with a fresh SQLite database."""
    with running(new_stack(tmp_path_factory.mktemp("stack"))) as instance:
        yield instance


@pytest.fixture(scope="session")
def stack_url(stack: object) -> str:
    """Base URL of the running API of the real stack, e.g. http://127.0.0.1:40123."""
    return str(stack.api_url)  # type: ignore[attr-defined]
