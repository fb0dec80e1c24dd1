"""The API's Rasa channel adds what the NLU made of the message to the reply, parsing it once.

Runs in the Rasa environment (Python 3.10), with a stand-in for Rasa's processor.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from benefits_rules.contract import Nlu, nlu_message, read_custom
from bot.channels import ApiOnlyRestInput


class _Processor:
    def __init__(self, intent: dict[str, Any]) -> None:
        self.intent = intent
        self.parsed: list[str] = []

    async def parse_message(self, message: UserMessage) -> dict[str, Any]:
        self.parsed.append(message.text or "")
        return {"text": message.text, "intent": self.intent, "entities": []}


def _run(channel: ApiOnlyRestInput, text: str) -> tuple[list[dict[str, Any]], list[Any]]:
    handled: list[Any] = []

    async def on_new_message(message: UserMessage) -> None:
        handled.append(message.parse_data)  # Rasa's processor uses this parse, not a second one
        await message.output_channel.send_text_message(message.sender_id, "Dit is de chatbot.")

    collector = CollectingOutputChannel()
    message = UserMessage(text, collector, "sender")
    asyncio.run(channel.understood(on_new_message)(message))
    return collector.messages, handled


def test_the_reply_ends_with_the_intent_and_confidence() -> None:
    channel = ApiOnlyRestInput("a" * 16)
    processor = _Processor({"name": "nlu_fallback", "confidence": 0.5})
    channel._app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(processor=processor)))
    messages, handled = _run(channel, "qwrtp zxvbn")
    assert processor.parsed == ["qwrtp zxvbn"]
    assert handled[0]["intent"]["name"] == "nlu_fallback"
    assert messages[0]["text"] == "Dit is de chatbot."
    assert messages[-1]["custom"] == nlu_message("nlu_fallback", 0.5)
    assert read_custom(messages[-1]["custom"]).nlu == Nlu("nlu_fallback", 0.5)


def test_without_a_model_the_reply_is_unchanged() -> None:
    channel = ApiOnlyRestInput("a" * 16)
    messages, handled = _run(channel, "hallo")
    assert handled == [None]
    assert [m.get("custom") for m in messages] == [None]
