"""Rasa input channel that accepts only the Rondkomen API (registered in bot/credentials.yml).

Rasa's stock REST channel answers anyone who can reach the port. This one is the same channel
(subclass of ``RestInput``) under ``/webhooks/rondkomen/webhook``, but every request must carry
the shared secret in the ``X-Rondkomen-Channel-Secret`` header, compared in constant time. The
secret comes from the environment variable ``RONDKOMEN_RASA_CHANNEL_SECRET`` (never from a
command line or a committed file); without it Rasa refuses to start.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

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

    def accepts(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(self._secret, given.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook: Blueprint = super().blueprint(on_new_message)

        @webhook.middleware("request")  # type: ignore[misc]
        async def only_the_api(request: Request) -> HTTPResponse | None:
            if not self.accepts(request.headers.get(SECRET_HEADER)):
                return response.json({"error": "forbidden"}, status=403)
            return None

        return webhook
