"""What the bot (Rasa and the action server) and the API agree on, written once.

Both runtimes install ``benefits_rules``, so both import these names instead of repeating the
strings: the slots the API reads from Rasa's tracker, and the keys of the custom messages the
action server sends for the API to act on. The payload builders below are the only way the
action server makes such a message; ``read_custom`` is the only way the API reads one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Final

# Slots the API reads from the tracker (handoff summary) or the actions fill for it.
SLOT_TOPICS: Final = "topics"
SLOT_URGENT: Final = "urgent"
SLOT_HOUSEHOLD: Final = "household"
SLOT_SITUATION: Final = "situation"
SLOT_BENEFITS_RESULT: Final = "benefits_result"
SLOT_BENEFITS_RESULT_TEXT: Final = "benefits_result_text"
SLOT_LANGUAGE: Final = "language"
SLOT_MUNICIPALITY_PHONE: Final = "municipality_phone"

# Keys of the custom (``json_message``) payloads from the action server to the API.
KEY_DELETE_CONVERSATION: Final = "delete_conversation"
KEY_HANDOFF_OFFER: Final = "handoff_offer"
KEY_HANDOFF_REPLY: Final = "handoff_reply"
KEY_DOWNLOAD: Final = "download"
# From the Rasa channel (bot/channels.py), once per reply: what the NLU made of the message.
KEY_NLU: Final = "nlu"

# The metadata the API sends with every resident message (Rasa keeps the first of a session in
# its ``session_started_metadata`` slot): the key of the municipality of the conversation, as
# the widget named it and the API checked it (a served one).
META_MUNICIPALITY: Final = "municipality"

# Intents the API acts on: the classifier's "not understood", "not a topic of ours" (where
# nonsense lands too) and the resident asking for a person.
INTENT_FALLBACK: Final = "nlu_fallback"
INTENT_OUT_OF_SCOPE: Final = "out_of_scope"
INTENT_ASK_HUMAN: Final = "ask_human"

# The name of the file with the result of the benefits check, saved on the resident's device.
DOWNLOAD_FILENAME: Final = "uitkomst-geldcheck.txt"

_YES: Final = "yes"
_NO: Final = "no"


def delete_conversation_message() -> dict[str, Any]:
    """The bot asks the API to wipe the conversation (the resident confirmed it)."""
    return {KEY_DELETE_CONVERSATION: True}


def handoff_offer_message() -> dict[str, Any]:
    """The bot offers a warm handoff; the widget shows the consent screen."""
    return {KEY_HANDOFF_OFFER: True}


def handoff_reply_message(accepted: bool) -> dict[str, Any]:
    """The resident typed yes or no to the handoff offer."""
    return {KEY_HANDOFF_REPLY: _YES if accepted else _NO}


def download_message(content: str) -> dict[str, Any]:
    """A text file for the resident to save on their own device; nothing is kept by us."""
    return {KEY_DOWNLOAD: {"filename": DOWNLOAD_FILENAME, "content": content}}


def nlu_message(intent: str | None, confidence: float) -> dict[str, Any]:
    """What the NLU made of the resident's message: the intent and its confidence (0..1)."""
    return {KEY_NLU: {"intent": intent, "confidence": confidence}}


def message_metadata(municipality: str) -> dict[str, Any]:
    """What the API sends along with each message of a conversation of ``municipality``."""
    return {META_MUNICIPALITY: municipality}


def metadata_municipality(metadata: Any) -> str | None:
    """The conversation's municipality in a message's metadata; None when it names none."""
    key = metadata.get(META_MUNICIPALITY) if isinstance(metadata, dict) else None
    return key if isinstance(key, str) and key else None


@dataclass(frozen=True)
class Nlu:
    """The intent the NLU guessed for one message and how sure it was (0..1)."""

    intent: str
    confidence: float


def read_nlu(custom: Any) -> Nlu | None:
    """The NLU entry of a custom payload, or None when there is none in the agreed shape."""
    nlu = custom.get(KEY_NLU) if isinstance(custom, dict) else None
    if not isinstance(nlu, dict):
        return None
    intent, confidence = nlu.get("intent"), nlu.get("confidence")
    if not isinstance(intent, str) or not intent:
        return None
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        return None
    if not math.isfinite(confidence):
        return None
    return Nlu(intent=intent, confidence=min(max(float(confidence), 0.0), 1.0))


@dataclass(frozen=True)
class Custom:
    """What one custom payload asks of the API; anything unknown or malformed is ignored."""

    delete_conversation: bool = False
    handoff_offer: bool = False
    handoff_reply: bool | None = None
    download_filename: str | None = None
    download_content: str | None = None
    # Not for the resident: what the NLU made of the message (from the Rasa channel).
    nlu: Nlu | None = None


def read_custom(custom: Any) -> Custom:
    """Read a custom payload from Rasa; a payload not in the agreed shape asks nothing."""
    if not isinstance(custom, dict):
        return Custom()
    reply = custom.get(KEY_HANDOFF_REPLY)
    download = custom.get(KEY_DOWNLOAD)
    content = download.get("content") if isinstance(download, dict) else None
    return Custom(
        delete_conversation=custom.get(KEY_DELETE_CONVERSATION) is True,
        handoff_offer=custom.get(KEY_HANDOFF_OFFER) is True,
        handoff_reply={_YES: True, _NO: False}.get(reply) if isinstance(reply, str) else None,
        download_filename=DOWNLOAD_FILENAME if isinstance(content, str) else None,
        download_content=content if isinstance(content, str) else None,
        nlu=read_nlu(custom),
    )
