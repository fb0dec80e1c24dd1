"""Rasa input channel that accepts only the Rondkomen API (registered in bot/credentials.yml).

Rasa's stock REST channel answers anyone who can reach the port. This one is the same channel
(subclass of ``RestInput``) under ``/webhooks/rondkomen/webhook``, but every request must carry
the shared secret in the ``X-Rondkomen-Channel-Secret`` header, compared in constant time. The
secret comes from the environment variable ``RONDKOMEN_RASA_CHANNEL_SECRET`` (never from a
command line or a committed file); without it Rasa refuses to start.

Each reply ends with one custom entry saying what the NLU made of the message (intent and
confidence, ``benefits_rules.contract.nlu_message``): the API keeps messages the bot did not
understand for the editors. The message is parsed once, here, and handed to Rasa parsed, so this
costs no second parse and no extra request.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from benefits_rules.contract import nlu_message

SECRET_ENV = "RONDKOMEN_RASA_CHANNEL_SECRET"
SECRET_HEADER = "X-Rondkomen-Channel-Secret"


class ApiOnlyRestInput(RestInput):
    """The REST channel, for requests that carry the API's shared secret only."""

    @classmethod
    def name(cls) -> str:
        return "rondkomen"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> ApiOnlyRestInput:
        secret = os.environ.get(SECRET_ENV, "")
        if len(secret) < 16:
            raise ValueError(f"{SECRET_ENV} must be set (at least 16 characters)")
        return cls(secret)

    def __init__(self, secret: str) -> None:
        self._secret = secret.encode()
        self._app: Sanic | None = None

    def accepts(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(self._secret, given.encode())

    async def parse(self, message: UserMessage) -> dict[str, Any] | None:
        """Rasa's own parse of the message (the one its processor would make), if a model runs."""
        agent = getattr(self._app.ctx, "agent", None) if self._app is not None else None
        processor = getattr(agent, "processor", None)
        if processor is None:
            return None
        parsed: dict[str, Any] = await processor.parse_message(message)
        return parsed

    def understood(
        self, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> Callable[[UserMessage], Awaitable[None]]:
        """``on_new_message``, with the intent and confidence added to the collected reply."""

        async def handle(message: UserMessage) -> None:
            message.parse_data = await self.parse(message)
            await on_new_message(message)
            intent = (message.parse_data or {}).get("intent") or {}
            if intent.get("name") is not None and message.output_channel is not None:
                custom = nlu_message(intent["name"], float(intent.get("confidence") or 0.0))
                await message.output_channel.send_custom_json(message.sender_id, custom)

        return handle

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook: Blueprint = super().blueprint(self.understood(on_new_message))

        @webhook.middleware("request")  # type: ignore[misc]
        async def only_the_api(request: Request) -> HTTPResponse | None:
            if not self.accepts(request.headers.get(SECRET_HEADER)):
                return response.json({"error": "forbidden"}, status=403)
            self._app = request.app  # the server whose agent parses (and may swap models)
            return None

        return webhook
