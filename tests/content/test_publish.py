"""Publishing content versions: checks, a new version live, text reload, rollback, the lock.

The Rasa steps (validate, train, conversation tests) run in a stand-in toolchain here that uses
the already trained model; tests/e2e/test_publish_e2e.py runs the real ones against the stack.
Rasa's ``PUT /model`` goes to an httpx mock transport.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest

from api.content.files import read_tree
from api.content.publish import PublishBusy, Publisher, rollback, run_publish, start_job
from api.content.scope import Scope
from api.content.toolchain import StepFailed, Toolchain
from api.content.version_tables import ContentJob, ContentVersion
from api.content.versions import Workspace, ensure_initial_version, live_number
from api.db import make_engine, make_sessionmaker
from api.migrate import upgrade_database
from api.texts import text
from benefits_rules.texts import CONTENT_DIR_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "var" / "models" / "current.tar.gz"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
KEY = "bot_unavailable"  # an API notice (api/texts.nl.yml)


class QuickToolchain(Toolchain):
    """The Rasa steps without Rasa: the trained model stands in for a new one."""

    async def validate(self, build: Path) -> None:
        if "nlu_data/broken.yml" in read_tree(build):
            raise StepFailed("De controle van de gegevens is mislukt: nlu_data/broken.yml")

    async def train(self, build: Path) -> Path:
        target = build / "model.tar.gz"
        target.write_bytes(b"model of " + build.name.encode())
        return target

    async def conversation_tests(self, build: Path, model: Path) -> None:
        return None


class RasaServers:
    def __init__(self) -> None:
        self.loaded: list[tuple[str, str]] = []
        self.bodies: list[dict[str, object]] = []
        self.refuse = False

    def handler(self, request: httpx.Request) -> httpx.Response:
        assert request.method == "PUT"
        assert request.url.path == "/model"
        assert request.url.params["token"] == "t" * 20
        if self.refuse:
            return httpx.Response(500)
        import json

        body = json.loads(request.content)
        self.bodies.append(body)
        where = body["model_file"] if "model_file" in body else body["model_server"]["url"]
        self.loaded.append((request.url.host, where))
        return httpx.Response(204)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train`")
    ws = Workspace(tmp_path / "content")
    monkeypatch.setenv(CONTENT_DIR_VARIABLE, str(ws.live))
    return ws


@asynccontextmanager
async def _setup(
    tmp_path: Path, workspace: Workspace
) -> AsyncIterator[tuple[Publisher, RasaServers]]:
    url = f"sqlite:///{tmp_path / 'content.db'}"
    await asyncio.to_thread(upgrade_database, url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    servers = RasaServers()
    async with httpx.AsyncClient(transport=httpx.MockTransport(servers.handler)) as http:
        publisher = Publisher(
            sessionmaker=sessions,
            workspace=workspace,
            toolchain=QuickToolchain(ROOT, ROOT / ".venv-rasa" / "bin" / "python"),
            http=http,
            rasa_urls=("http://rasa-a:5005", "http://rasa-b:5005"),
            rasa_token="t" * 20,
        )
        async with sessions() as db:
            assert await ensure_initial_version(db, workspace, ROOT, MODEL, NOW) == 1
        yield publisher, servers
    await engine.dispose()


Setup = tuple[Publisher, RasaServers]


def run_with(
    tmp_path: Path, workspace: Workspace, body: Callable[[Setup], Awaitable[None]]
) -> None:
    async def main() -> None:
        async with _setup(tmp_path, workspace) as setup:
            await body(setup)

    # In a thread of its own: the browser tests' session keeps an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result()


def _changed(tree: dict[str, str], new_text: str) -> dict[str, str]:
    old = text(KEY, phone="{phone}")
    changed = dict(tree)
    changed["api/texts.nl.yml"] = tree["api/texts.nl.yml"].replace(old, new_text, 1)
    assert changed["api/texts.nl.yml"] != tree["api/texts.nl.yml"]
    return changed


async def _publish(publisher: Publisher, tree: dict[str, str]) -> tuple[int | None, ContentJob]:
    async with publisher.sessionmaker() as db:
        job = await start_job(db, "redacteur", NOW)
    number = await run_publish(publisher, job.id, tree, "redacteur")
    async with publisher.sessionmaker() as db:
        finished = await db.get(ContentJob, job.id)
    assert finished is not None
    return number, finished


def test_publish_makes_a_new_version_live_and_texts_reload(
    tmp_path: Path, workspace: Workspace
) -> None:
    run_with(tmp_path, workspace, _publish_and_roll_back)


def test_rasa_servers_on_other_hosts_fetch_the_model_from_the_api(
    tmp_path: Path, workspace: Workspace
) -> None:
    async def body(setup: Setup) -> None:
        publisher, servers = setup
        publisher = dataclasses.replace(publisher, model_base_url="http://api.internal:8000/")
        tree = _changed(read_tree(ROOT), "De chat doet het even niet. Bel ons op {phone}.")
        number, job = await _publish(publisher, tree)
        assert (number, job.status, job.error) == (2, "done", None)
        url = "http://api.internal:8000/internal/models/2.tar.gz"
        assert servers.loaded == [("rasa-a", url), ("rasa-b", url)]
        assert servers.bodies[0] == {
            "model_server": {"url": url, "token": "t" * 20, "wait_time_between_pulls": None}
        }
        async with publisher.sessionmaker() as db:
            await rollback(publisher, db, 1, Scope("heerlen"))
        assert servers.loaded[-1] == ("rasa-b", url.replace("2.tar.gz", "1.tar.gz"))

    run_with(tmp_path, workspace, body)


async def _publish_and_roll_back(setup: Setup) -> None:
    publisher, servers = setup
    before = text(KEY, phone="14 045")
    tree = _changed(read_tree(ROOT), "De chat doet het even niet. Bel ons op {phone}.")
    number, job = await _publish(publisher, tree)
    assert (number, job.status, job.error) == (2, "done", None)
    states = [item["state"] for item in job.progress]
    assert states == ["done"] * 5 + ["skipped", "done"]  # same examples: no accuracy run
    # Both Rasa servers got version 2's model.
    model = str(publisher.workspace.model_file(2).resolve())
    assert servers.loaded == [("rasa-a", model), ("rasa-b", model)]
    await asyncio.sleep(1.1)  # the loaders look at the live link at most once a second
    assert text(KEY, phone="14 045") == "De chat doet het even niet. Bel ons op 14 045."
    async with publisher.sessionmaker() as db:
        assert await live_number(db) == 2
        version = await db.get(ContentVersion, 2)
        assert version is not None
        assert version.created_by == "redacteur"
        assert "api/texts.nl.yml" in version.summary
        assert "+  bot_unavailable" in version.diff or "De chat doet het even niet" in version.diff

        # Rollback: version 1's model and texts, no training.
        await rollback(publisher, db, 1, Scope("heerlen"))
        assert await live_number(db) == 1
    assert servers.loaded[-1][1] == str(publisher.workspace.model_file(1).resolve())
    await asyncio.sleep(1.1)
    assert text(KEY, phone="14 045") == before


@pytest.mark.parametrize(
    ("new_text", "reason"),
    [
        ("De chat doet het niet. Bel {telefoon}.", "Het invulveld {telefoon} kent de chatbot niet"),
        ("De chat doet het niet. Bel {phone.", "Een invulveld is kapot: {phone."),
        (
            "De gemeentelijke informatievoorzieningsinfrastructuur ondervindt momenteel "
            "onvoorziene complicaties waardoor communicatiemogelijkheden tijdelijk "
            "geëlimineerd zijn; contacteer telefonisch {phone} alstublieft onmiddellijk.",
            "De tekst is te moeilijk",
        ),
    ],
)
def test_a_failing_check_leaves_live_untouched(
    tmp_path: Path, workspace: Workspace, new_text: str, reason: str
) -> None:
    async def body(setup: Setup) -> None:
        await _check_fails(setup, new_text, reason)

    run_with(tmp_path, workspace, body)


async def _check_fails(setup: Setup, new_text: str, reason: str) -> None:
    publisher, servers = setup
    before = text(KEY, phone="14 045")
    number, job = await _publish(publisher, _changed(read_tree(ROOT), new_text))
    assert number is None
    assert job.status == "failed"
    assert job.error is not None
    assert reason in job.error
    assert f"api/texts.nl.yml · {KEY}:" in job.error
    assert job.progress[0]["state"] == "failed"
    assert servers.loaded == []
    async with publisher.sessionmaker() as db:
        assert await live_number(db) == 1
        assert await db.get(ContentVersion, 2) is None
    assert os.readlink(publisher.workspace.live) == "versions/1"
    assert text(KEY, phone="14 045") == before


def test_a_failing_rasa_step_or_switch_leaves_live_untouched(
    tmp_path: Path, workspace: Workspace
) -> None:
    run_with(tmp_path, workspace, _rasa_step_fails)


async def _rasa_step_fails(setup: Setup) -> None:
    publisher, servers = setup
    tree = read_tree(ROOT)
    tree["nlu_data/broken.yml"] = "version: '3.1'\n"
    number, job = await _publish(publisher, tree)
    assert number is None
    assert job.step == "validate"
    assert "nlu_data/broken.yml" in str(job.error)

    servers.refuse = True
    number, job = await _publish(publisher, _changed(read_tree(ROOT), "Bel ons op {phone}."))
    assert number is None
    assert job.step == "live"
    assert "nam het nieuwe model niet aan" in str(job.error)
    async with publisher.sessionmaker() as db:
        assert await live_number(db) == 1


ZORGTOESLAG_2026 = "benefits_rules/data/national/zorgtoeslag/2026-01-01.yaml"
SINGLE_LOW_INCOME = {
    "reference_date": "2026-03-01",
    "age": 30,
    "has_partner": False,
    "health_insured": True,
    "assets": 10000,
    "annual_income": 20000,
}


def _premium(tree: dict[str, str], value: str) -> dict[str, str]:
    """The tree with the zorgtoeslag standaardpremie 2026 (2.119 euro) set to ``value``."""
    changed = dict(tree)
    changed[ZORGTOESLAG_2026] = tree[ZORGTOESLAG_2026].replace(
        "value: 211900", f"value: {value}", 1
    )
    assert changed[ZORGTOESLAG_2026] != tree[ZORGTOESLAG_2026]
    return changed


def test_a_failing_scenario_stops_the_publish_and_a_fixed_one_goes_live(
    tmp_path: Path, workspace: Workspace
) -> None:
    run_with(tmp_path, workspace, _scenarios_guard_the_rules)


async def _scenarios_guard_the_rules(setup: Setup) -> None:
    from benefits_rules import evaluate

    publisher, servers = setup
    # 100 euro a year more standaardpremie: 8 euro a month more zorgtoeslag, and the
    # scenarios of the draft still say 129.
    tree = _premium(read_tree(ROOT), "221900")
    number, job = await _publish(publisher, tree)
    assert number is None
    assert job.step == "rules"
    error = str(job.error)
    assert error.startswith("Niet elk scenario klopt met de regels van het concept.")
    assert (
        "zorgtoeslag · “alleenstaande met een laag inkomen krijgt de hoogste zorgtoeslag van "
        "129 euro”: amount_per_month verwacht 129, uitkomst 137" in error
    )
    assert servers.loaded == []
    async with publisher.sessionmaker() as db:
        assert await live_number(db) == 1

    # The editor fixes the scenarios of the draft: they are content like the rules.
    scenarios = "benefits_rules/data/scenarios/zorgtoeslag.yaml"
    tree[scenarios] = tree[scenarios].replace(
        "een laag inkomen krijgt de hoogste zorgtoeslag van 129 euro\n"
        "    household: {<<: *single, annual_income: 20000}\n"
        "    expect: {outcome: eligible, amount_per_month: 129,",
        "een laag inkomen krijgt de hoogste zorgtoeslag van 137 euro\n"
        "    household: {<<: *single, annual_income: 20000}\n"
        "    expect: {outcome: eligible, amount_per_month: 137,",
    )
    from api.content.rules import run_tree

    for result in run_tree(tree).failed:  # the other failing ones follow the same change
        tree = _fixed(tree, result)
    assert run_tree(tree).ok
    number, job = await _publish(publisher, tree)
    assert (number, job.status, job.error) == (2, "done", None)
    await asyncio.sleep(1.1)  # the rules follow the live link like the texts
    result = evaluate(SINGLE_LOW_INCOME, ["zorgtoeslag"]).results[0]
    assert result.to_dict()["amount_per_month"] == 137


def _fixed(tree: dict[str, str], result: object) -> dict[str, str]:
    """The scenario file with the failing scenario's expected amounts set to what came out (a
    test shortcut for an editor checking each one by hand)."""
    from api.content.sourcetext import set_key
    from benefits_rules.scenarios import ScenarioResult

    assert isinstance(result, ScenarioResult)
    path = "benefits_rules/data/" + result.scenario.file
    where = ["scenarios", result.scenario.index, "expect"]
    changed = dict(tree)
    for difference in result.differences:
        assert difference.key.startswith("amount_"), difference
        changed[path] = set_key(path, changed[path], where, difference.key, difference.actual)
    return changed


def test_one_publish_at_a_time(tmp_path: Path, workspace: Workspace) -> None:
    run_with(tmp_path, workspace, _one_at_a_time)


async def _one_at_a_time(setup: Setup) -> None:
    publisher, _ = setup
    async with publisher.sessionmaker() as db:
        first = await start_job(db, "a", NOW)
        with pytest.raises(PublishBusy):
            await start_job(db, "b", NOW)
        with pytest.raises(PublishBusy):
            await rollback(publisher, db, 1, Scope("heerlen"))
    await run_publish(publisher, first.id, read_tree(ROOT), "a")
    async with publisher.sessionmaker() as db:
        await start_job(db, "b", NOW)  # free again once the first finished


def test_content_export_writes_a_version_back_as_files(tmp_path: Path) -> None:
    import subprocess
    import sys

    workspace = Workspace(tmp_path / "content")
    tree = read_tree(ROOT)
    workspace.store(1, tree, MODEL, {"accuracy": None})
    workspace.store(2, _changed(tree, "Bel ons op {phone}."), MODEL, {"accuracy": None})
    workspace.point_live(2)
    export = [sys.executable, "scripts/content_export.py", "--workspace", str(workspace.root)]
    for extra, expected in (([], 2), (["--version", "1"], 1)):
        target = tmp_path / f"repo-{expected}"
        done = subprocess.run(
            [*export, *extra, "--to", str(target)], cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert f"version {expected}:" in done.stdout
        assert read_tree(target) == workspace.tree(expected)
    missing = subprocess.run([*export, "--version", "7"], cwd=ROOT, capture_output=True, text=True)
    assert missing.returncode == 1
    assert "version 7 does not exist" in missing.stderr
