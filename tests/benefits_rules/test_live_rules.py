"""The running processes read the rules of the live content root and follow it when it moves."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from benefits_rules import load_municipality
from benefits_rules.texts import RECHECK_SECONDS
from tests.conftest import ROOT


def _version(root: Path, name: str, phone: str) -> Path:
    target = root / name
    shutil.copytree(ROOT / "benefits_rules" / "data", target / "benefits_rules" / "data")
    path = target / "benefits_rules" / "data" / "municipalities" / "heerlen" / "municipality.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('phone: "14 045"', f'phone: "{phone}"'),
        encoding="utf-8",
    )
    return target


def _point(link: Path, target: Path) -> None:
    temporary = link.with_name("live.tmp")
    temporary.symlink_to(target)
    os.replace(temporary, link)


def test_a_moved_live_root_gives_the_new_rules_without_a_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "live"
    _point(live, _version(tmp_path, "1", "14 045"))
    monkeypatch.setenv("RONDKOMEN_CONTENT_DIR", str(live))
    time.sleep(RECHECK_SECONDS + 0.1)
    assert load_municipality().phone == "14 045"
    _point(live, _version(tmp_path, "2", "14 999"))
    time.sleep(RECHECK_SECONDS + 0.1)
    assert load_municipality().phone == "14 999"


def test_a_live_root_without_rule_data_falls_back_to_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RONDKOMEN_CONTENT_DIR", str(tmp_path))
    time.sleep(RECHECK_SECONDS + 0.1)
    assert load_municipality().phone == "14 045"
