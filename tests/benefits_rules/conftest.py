"""Shared fixtures for the benefits_rules tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benefits_rules.loader import DEFAULT_RULES_DIR


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the rule data that a test may change or break."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target
