"""The API reads its municipality from the one file in benefits_rules' data, through one
dependency; a missing or broken municipality stops the API at start-up."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.deps import utc_now
from api.main import create_app
from api.municipality import MunicipalityConfigError, municipality_config
from benefits_rules import load_municipality
from tests.conftest import always_open_rules

from .conftest import BASE_URL, api_settings, handoff_url, new_session

# Sunday 6 December 2026, 23:00 in Heerlen: the counsellors are not there.
SUNDAY_NIGHT = datetime(2026, 12, 6, 22, 0, tzinfo=timezone.utc)


def test_the_api_serves_the_municipality_the_rule_data_names() -> None:
    config = municipality_config(None)
    assert config is load_municipality("heerlen")
    assert config.name == "Gemeente Heerlen"


def test_an_unknown_municipality_stops_the_api(tmp_path: Path) -> None:
    settings = api_settings(f"sqlite:///{tmp_path / 'x.db'}", municipality="atlantis")
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
