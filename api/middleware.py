"""Two guards around the whole application (plain ASGI, so they also cover static files).

- :class:`SecurityHeaders`: every answer gets ``X-Content-Type-Options`` and a Referrer-Policy;
  every HTML page a Content-Security-Policy that forbids framing; every API answer
  ``Cache-Control: no-store`` (they carry conversations). The widget's own files may be loaded
  by a municipality's site on another origin, so they say ``Cross-Origin-Resource-Policy:
  cross-origin``; the widget needs no inline script or style, so the page that embeds it can
  keep a strict policy of its own.
- :class:`BodyLimit`: a request body above the limit is refused with 413 before it is read
  into memory, whether or not it declares its length.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from api.errors import ErrorBody, ErrorDetail
from api.texts import text

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Our own pages: only our own files, no inline code, never in a frame.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
    "object-src 'none'"
)
# FastAPI's /docs page (not in production) loads Swagger UI from its CDN with an inline script.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
)
DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")


def _security_headers(path: str, content_type: str) -> dict[str, str]:
    headers = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}
    if content_type.startswith("text/html"):
        headers["content-security-policy"] = DOCS_POLICY if path in DOCS_PATHS else PAGE_POLICY
        headers["x-frame-options"] = "DENY"
    if path.startswith("/api/"):
        headers["cache-control"] = "no-store"
    if path.startswith("/widget/"):
        headers["cross-origin-resource-policy"] = "cross-origin"
    return headers


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                present = {name.lower() for name, _ in raw}
                content_type = next(
                    (
                        value.decode("latin-1")
                        for name, value in raw
                        if name.lower() == b"content-type"
                    ),
                    "",
                )
                for name, value in _security_headers(path, content_type).items():
                    if name.encode() not in present:
                        raw.append((name.encode(), value.encode()))
                message["headers"] = raw
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooLarge(Exception):
    pass


async def _refuse(send: Send) -> None:
    body = ErrorBody(
        error=ErrorDetail(code="request_too_large", message=text("request_too_large"))
    ).model_dump_json()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body.encode()})


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.max_bytes + 1
                if declared > self.max_bytes:
                    await _refuse(send)
                    return
        received = 0
        too_large = started = False

        async def counting_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _TooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            # The framework may turn our exception into its own error answer: replace that.
            nonlocal started
            if too_large:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _refuse(send)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _TooLarge:
            if not started:
                await _refuse(send)
