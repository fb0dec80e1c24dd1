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


def break_file(rules_copy: Path, relative: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in one file of a copy of the rule data."""
    path = rules_copy / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(rules_copy: Path, relative: Path, fragment: str, last: bool = False) -> int:
    """The (first, or last) line number of the line with ``fragment``."""
    lines = (rules_copy / relative).read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines, 1) if fragment in line]
    return found[-1] if last else found[0]
