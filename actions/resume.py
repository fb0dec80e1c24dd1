"""Back to where the resident was: repeat the benefits check's pending question.

Reads only the check's slots (``check_active``, ``pending_fact``) and the bot's earlier
messages; the check itself (actions/benefits_check.py) is not changed by anything here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.texts import say
from benefits_rules import load_rules


def pending_question(tracker: Tracker) -> str | None:
    """The fact the check waits for, or None when no check is waiting for an answer."""
    if not tracker.get_slot("check_active"):
        return None
    pending = tracker.get_slot("pending_fact")
    return str(pending) if pending else None


def _question_texts(fact: str) -> tuple[str, ...]:
    question = load_rules().questions.get(fact)
    if question is None:
        return ()
    return tuple(t for t in (question.text, getattr(question, "refine_text", None)) if t)


def _last_question_message(events: Iterable[dict[str, Any]], fact: str) -> dict[str, Any] | None:
    """The bot message that asked the pending question most recently."""
    starts = _question_texts(fact)
    for event in reversed(list(events)):
        if event.get("event") != "bot":
            continue
        text = event.get("text") or ""
        if any(text.startswith(start) for start in starts):
            return event
    return None


def repeat_pending_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Ask the check's pending question again (with its buttons); False when none is waiting."""
    fact = pending_question(tracker)
    if fact is None:
        return False
    say(dispatcher, tracker, "back_to_check")
    message = _last_question_message(tracker.events, fact)
    if message is not None:
        buttons = (message.get("data") or {}).get("buttons") or []
        dispatcher.utter_message(text=message.get("text"), buttons=list(buttons))
    else:
        texts = _question_texts(fact)
        dispatcher.utter_message(text=texts[0] if texts else None)
    return True
