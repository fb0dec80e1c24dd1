"""The API reads the municipalities from their files in benefits_rules' data, live; broken rule
data stops the API at start-up."""

from __future__ import annotations

import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.deps import utc_now
from api.main import create_app
from api.municipality import MunicipalityConfigError, municipality_config, served_config
from benefits_rules import load_municipality
from benefits_rules.texts import RECHECK_SECONDS
from tests.conftest import ROOT, always_open_rules

from .conftest import BASE_URL, api_settings, handoff_url, new_session

# Sunday 6 December 2026, 23:00 in Heerlen: the counsellors are not there.
SUNDAY_NIGHT = datetime(2026, 12, 6, 22, 0, tzinfo=timezone.utc)


def test_the_api_serves_the_default_municipality_the_rule_data_names() -> None:
    config = served_config(None)
    assert config is load_municipality("heerlen")
    assert config.name == "Gemeente Heerlen"


def test_broken_rule_data_stops_the_api(tmp_path: Path) -> None:
    rules = shutil.copytree(ROOT / "benefits_rules" / "data", tmp_path / "rules")
    (rules / "deployment.yaml").write_text(
        "schema_version: 1\nmunicipalities: [atlantis]\n", encoding="utf-8"
    )
    settings = api_settings(f"sqlite:///{tmp_path / 'x.db'}", rules_dir=rules)
    with pytest.raises(MunicipalityConfigError, match="atlantis"):
        create_app(settings)


def _availability_on_sunday_night(tmp_path: Path, rules: Path | None) -> dict[str, object]:
    app = create_app(api_settings(f"sqlite:///{tmp_path / 'open.db'}", rules_dir=rules))
    app.dependency_overrides[utc_now] = lambda: SUNDAY_NIGHT
    with TestClient(app, base_url=BASE_URL) as client:
        token = new_session(client)
        found: dict[str, object] = client.get(handoff_url(token, "/availability")).json()
        return found


def test_office_hours_come_from_the_rule_data_the_settings_name(tmp_path: Path) -> None:
    assert _availability_on_sunday_night(tmp_path, None)["office_open"] is False
    rules = always_open_rules(tmp_path / "rules")
    availability = _availability_on_sunday_night(tmp_path, rules)
    assert availability["office_open"] is True
    assert availability["phone"] == "14 045"


def _version(root: Path, name: str, phone: str) -> Path:
    target = root / name / "benefits_rules" / "data"
    shutil.copytree(ROOT / "benefits_rules" / "data", target)
    path = target / "municipalities" / "heerlen" / "municipality.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('phone: "14 045"', f'phone: "{phone}"'),
        encoding="utf-8",
    )
    return root / name


def test_a_published_phone_number_shows_without_a_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "live"
    live.symlink_to(_version(tmp_path, "1", "14 045"))
    monkeypatch.setenv("RONDKOMEN_CONTENT_DIR", str(live))
    monkeypatch.delenv("RONDKOMEN_RULES_DIR", raising=False)
    time.sleep(RECHECK_SECONDS + 0.1)
    app = create_app(api_settings(f"sqlite:///{tmp_path / 'live.db'}"))
    with TestClient(app, base_url=BASE_URL) as client:
        token = new_session(client)
        assert client.get("/api/v1/widget-config").json()["phone"] == "14 045"
        replacement = tmp_path / "live.tmp"
        replacement.symlink_to(_version(tmp_path, "2", "14 999"))
        replacement.replace(live)
        time.sleep(RECHECK_SECONDS + 0.1)
        assert client.get("/api/v1/widget-config").json()["phone"] == "14 999"
        assert client.get(handoff_url(token, "/availability")).json()["phone"] == "14 999"
    monkeypatch.undo()
    time.sleep(RECHECK_SECONDS + 0.1)  # the next test reads the package's data again
    assert municipality_config("heerlen").phone == "14 045"


def test_the_retired_single_municipality_setting_is_said_not_silently_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RONDKOMEN_MUNICIPALITY", "heerlen")
    create_app(api_settings(f"sqlite:///{tmp_path / 'x.db'}"))
    assert '"event": "setting_retired"' in capfd.readouterr().err
