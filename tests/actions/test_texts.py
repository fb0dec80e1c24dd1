"""Every text key the actions use exists in actions/texts.nl.yml, and placeholders are known."""

from __future__ import annotations

import re
from pathlib import Path

from actions.texts import texts
from benefits_rules import load_municipality

ACTIONS = Path(__file__).resolve().parents[2] / "actions"
KNOWN_PLACEHOLDERS = {"municipality_phone", "municipality_place", "scheme"}
KNOWN_PLACEHOLDERS |= {"municipality_phone_hours"}
# A local organisation of the municipality file's `contacts`, e.g. {contact_voedselbank}.
KNOWN_PLACEHOLDERS |= {f"contact_{role}" for role in load_municipality().contacts}
# Filled in by the benefits check: amounts in a confirmation, a result line.
CHECK_PLACEHOLDERS = {"amount", "converted", "age", "number", "title", "text", "url", "low", "high"}
CHECK_PLACEHOLDERS |= {"titles", "count"}


def test_every_key_used_by_the_actions_exists() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in ACTIONS.glob("*.py"))
    used = set(re.findall(r'say\(dispatcher, tracker, "([a-z_]+)"', source))
    used |= {f"check_reprompt_{k}" for k in ("age", "yes_no", "number", "months", "money")}
    used |= {"affirm", "deny", "inform_outside_check", "dont_know_outside_check", "ask_rephrase"}
    assert used - set(texts()) == set()


def test_placeholders_are_known() -> None:
    for key, entry in texts().items():
        found = set(re.findall(r"\{([a-z_]+)\}", entry["text"]))
        # a check's texts, and how to apply for a scheme (from its rules), have values of their own
        own = CHECK_PLACEHOLDERS if key.startswith(("check_", "apply_")) else set()
        known = KNOWN_PLACEHOLDERS | own
        assert found <= known, key


def test_buttons_have_title_and_payload() -> None:
    for key, entry in texts().items():
        for button in entry.get("buttons") or []:
            assert button["title"], key
            if key.startswith("check_confirm_"):
                # a confirmation's buttons answer it: the action makes the payload
                assert button["answer"], key
            else:
                assert str(button["payload"]).startswith("/"), key
