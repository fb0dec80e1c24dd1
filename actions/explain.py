"""Explain on request: "wat is kale huur?" and "wat bedoel je?", then back to where we were.

Terms come from actions/terms.nl.yml (the same file the NLU safety net uses to recognise a
question about a term), other words for the bot's answers from actions/rephrase.nl.yml.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.resume import pending_question, repeat_pending_question
from actions.texts import fill, say, texts
from benefits_rules.texts import TextEntry, live_text_entries
from bot.safety.patterns import Term, asked_term, terms_in

REPHRASE_FILE = "actions/rephrase.nl.yml"
MAX_TERMS = 1


def rephrasings() -> dict[str, TextEntry]:
    return live_text_entries(REPHRASE_FILE)


def _previous_bot_messages(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bot's messages of the turn before the resident's latest message."""
    users = [n for n, e in enumerate(events) if e.get("event") == "user"]
    if len(users) < 2:
        return []
    return [e for e in events[users[-2] : users[-1]] if e.get("event") == "bot"]


def answer_key(tracker: Tracker) -> str | None:
    """Which answer the resident asks about: the pending question, or the last answer's key."""
    if (fact := pending_question(tracker)) is not None:
        return f"question_{fact}"
    # The first message of that turn is the answer itself; later ones are offers and buttons.
    for event in _previous_bot_messages(list(tracker.events)):
        metadata = event.get("metadata") or {}
        key = metadata.get("text_key") or metadata.get("utter_action")
        if isinstance(key, str) and key in rephrasings():
            return key
    return None


def explain_last(tracker: Tracker) -> tuple[str, list[Term]]:
    """Other words for the last answer, and the terms in it that deserve their own line."""
    key = answer_key(tracker)
    text = rephrasings()[key if key is not None else "generic"]["text"]
    said = " ".join(
        e.get("text") or ""
        for e in _previous_bot_messages(list(tracker.events))
        # A word explained a moment ago is not explained again.
        if not (e.get("metadata") or {}).get("term_key")
    )
    return fill(tracker, str(text)), terms_in(said)[:MAX_TERMS]


class ActionExplainTerm(Action):
    """ "Wat is X?": the B1 explanation of X, then the pending question of the check again."""

    def name(self) -> str:
        return "action_explain_term"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        term = asked_term(tracker.latest_message.get("text") or "")
        if term is None:
            found = terms_in(tracker.latest_message.get("text") or "")
            term = found[0] if found else None
        if term is None:
            say(dispatcher, tracker, "explain_unknown_term")
            repeat_pending_question(dispatcher, tracker)
            return []
        offer = term.ask is not None and pending_question(tracker) is None
        dispatcher.utter_message(
            text=fill(tracker, term.text),
            buttons=[{"title": texts()["explain_check_button"]["text"], "payload": f"/{term.ask}"}]
            if offer
            else [],
            term_key=term.key,
        )
        repeat_pending_question(dispatcher, tracker)
        return []


class ActionExplainLast(Action):
    """ "Wat bedoel je?": the last answer in other words (not the same block again)."""

    def name(self) -> str:
        return "action_explain_last"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text, found = explain_last(tracker)
        dispatcher.utter_message(text=text, text_key="rephrase")
        for term in found:
            dispatcher.utter_message(text=fill(tracker, term.text), term_key=term.key)
        repeat_pending_question(dispatcher, tracker)
        return []
