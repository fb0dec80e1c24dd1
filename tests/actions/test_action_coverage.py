"""Every custom action of the domain has a class, and every class a test that runs it."""

from __future__ import annotations

import re
from pathlib import Path

from tests.actions.running import domain_actions, registered

HERE = Path(__file__).resolve().parent
# Tests run an action by its domain name, with act(name, tracker) or conversation.say(name, ...).
_RUNS = re.compile(r"\b(?:act|say)\(\s*\"(action_[a-z_]+)\"")


def _run_by_tests() -> set[str]:
    return {
        name
        for path in HERE.glob("test_*.py")
        for name in _RUNS.findall(path.read_text(encoding="utf-8"))
    }


def test_every_domain_action_has_a_class_and_every_class_is_in_the_domain() -> None:
    assert set(registered()) == domain_actions()


def test_every_action_is_run_by_a_test() -> None:
    missing = domain_actions() - _run_by_tests()
    assert not missing, f"actions without a test that runs them: {sorted(missing)}"


def test_tests_only_run_actions_of_the_domain() -> None:
    assert _run_by_tests() <= domain_actions()
