"""Talking to the Rasa server and the action server over HTTP.

The API never imports Rasa: the two sides live in different Python environments.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from benefits_rules.contract import Nlu, message_metadata, nlu_message, read_custom, read_nlu

log = logging.getLogger("rondkomen.api")

# Rasa's input channel for the API only (bot/channels.py): its path and the shared secret's header.
CHANNEL_WEBHOOK = "/webhooks/rondkomen/webhook"
CHANNEL_SECRET_HEADER = "X-Rondkomen-Channel-Secret"


# A healthy action server is believed for this long before it is asked again: asking before
# every turn cost a fifth of the API's CPU time per turn (docs/performance.md).
ACTION_SERVER_CHECK_SECONDS = 2.0


class BotUnavailable(Exception):
    """Rasa or the action server cannot answer right now."""


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Download:
    """A file the widget offers to save on the resident's own device (nothing kept by us)."""

    filename: str
    content: str


@dataclass(frozen=True)
class BotMessage:
    text: str
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    download: Download | None = None


@dataclass(frozen=True)
class BotReply:
    """Everything Rasa answered to one message."""

    messages: list[BotMessage]
    # The bot was asked to wipe the conversation (the resident said "wis mijn gegevens").
    delete_conversation: bool = False
    # The bot offers a warm handoff: the widget shows the consent screen.
    handoff_offer: bool = False
    # The resident typed yes or no to that offer ("ja prima, deel maar"): True, False or None.
    handoff_reply: bool | None = None
    # What the NLU made of the message (intent, confidence); never shown to the resident.
    nlu: Nlu | None = None


def _parse_reply(raw: Any) -> BotReply:
    if not isinstance(raw, list):
        raise BotUnavailable("unexpected answer from Rasa")
    messages: list[BotMessage] = []
    delete = offer = False
    reply: bool | None = None
    nlu: Nlu | None = None
    for item in raw:
        if not isinstance(item, dict):
            continue
        custom = read_custom(item.get("custom"))
        if custom.nlu is not None:
            nlu = custom.nlu
            continue
        if custom.handoff_reply is not None:
            reply = custom.handoff_reply
        delete = delete or custom.delete_conversation
        offer = offer or custom.handoff_offer
        if custom.download_filename is not None and custom.download_content is not None:
            download = Download(filename=custom.download_filename, content=custom.download_content)
            messages.append(BotMessage(text="", download=download))
            continue
        text = item.get("text")
        buttons = tuple(
            Button(title=str(b["title"]), payload=str(b["payload"]))
            for b in item.get("buttons") or []
            if isinstance(b, dict) and "title" in b and "payload" in b
        )
        if isinstance(text, str) and text.strip():
            messages.append(BotMessage(text=text, buttons=buttons))
        elif buttons and messages:
            # Buttons without text belong to the message before them.
            last = messages.pop()
            messages.append(BotMessage(text=last.text, buttons=last.buttons + buttons))
    return BotReply(
        messages=messages,
        delete_conversation=delete,
        handoff_offer=offer,
        handoff_reply=reply,
        nlu=nlu,
    )


class RasaClient:
    """Sends resident messages to Rasa and manages trackers.

    Given several Rasa servers (trackers and locks in Redis, so any server can take any turn),
    requests go round robin over them; a server that cannot be reached is skipped for that
    request (see :meth:`_to_rasa`).
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        rasa_url: str | Sequence[str],
        token: str,
        action_server_url: str,
        *,
        channel_secret: str,
    ) -> None:
        self._http = http
        urls = [rasa_url] if isinstance(rasa_url, str) else list(rasa_url)
        if not urls:
            raise ValueError("at least one Rasa server is needed")
        self._rasa_urls = tuple(url.rstrip("/") for url in urls)
        self._turns = itertools.count()
        self._token = token
        self._channel_headers = {CHANNEL_SECRET_HEADER: channel_secret}
        self._action_url = action_server_url.rstrip("/")
        self._action_server_ok_until = 0.0  # time.monotonic() until which no check is needed

    async def rasa_ready(self) -> bool:
        """True when at least one Rasa server has its model loaded: turns skip the others.

        Each server that is not ready is logged, so a partial outage does not go unseen.
        """
        ready = await asyncio.gather(*(self._server_ready(url) for url in self._rasa_urls))
        for number, ok in enumerate(ready, start=1):
            if not ok:
                log.warning("rasa_server_down", extra={"server": number, "of": len(ready)})
        return any(ready)

    async def _server_ready(self, url: str) -> bool:
        try:
            response = await self._http.get(
                f"{url}/status", params={"token": self._token}, timeout=5.0
            )
        except httpx.HTTPError:
            return False
        return response.status_code == 200 and bool(response.json().get("model_id"))

    async def _to_rasa(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request to the next Rasa server in turn (round robin).

        When a server refuses the connection the request has not reached it, so the next server
        gets it: safe, because every server reads and writes the same tracker under the same
        conversation lock. Any other error (a timeout after sending, say) is not retried, as
        the turn may have been handled.
        """
        first = next(self._turns) % len(self._rasa_urls)
        order = self._rasa_urls[first:] + self._rasa_urls[:first]
        for url in order[:-1]:
            try:
                return await self._http.request(method, f"{url}{path}", **kwargs)
            except (httpx.ConnectError, httpx.ConnectTimeout):
                server = self._rasa_urls.index(url) + 1
                log.warning("rasa_server_skipped", extra={"server": server})
        return await self._http.request(method, f"{order[-1]}{path}", **kwargs)

    async def action_server_ready(self) -> bool:
        try:
            response = await self._http.get(f"{self._action_url}/health", timeout=5.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def _action_server_checked(self) -> bool:
        """``action_server_ready``, asked at most every ACTION_SERVER_CHECK_SECONDS while up."""
        now = time.monotonic()
        if now < self._action_server_ok_until:
            return True
        ready = await self.action_server_ready()
        self._action_server_ok_until = now + ACTION_SERVER_CHECK_SECONDS if ready else 0.0
        return ready

    async def send(self, sender_id: str, text: str, municipality: str) -> BotReply:
        """Send one (already redacted) resident message; return the bot's answers.

        The conversation's municipality goes along as the message's metadata (the contract's
        ``META_MUNICIPALITY``): the bot answers with that municipality's phone and schemes.

        The action server is checked first (a recent good answer counts): when it is down Rasa
        would still answer, but without the actions, and half of the turn would be lost.
        """
        if not await self._action_server_checked():
            raise BotUnavailable("action server not reachable")
        try:
            response = await self._to_rasa(
                "POST",
                CHANNEL_WEBHOOK,
                json={
                    "sender": sender_id,
                    "message": text,
                    "metadata": message_metadata(municipality),
                },
                headers=self._channel_headers,
            )
        except httpx.HTTPError as exc:
            raise BotUnavailable("Rasa not reachable") from exc
        if response.status_code != 200:
            raise BotUnavailable(f"Rasa answered {response.status_code}")
        return _parse_reply(response.json())

    async def _call(
        self, method: str, path: str, what: str, *, json: Any = None, **params: str
    ) -> httpx.Response:
        """One call to Rasa's HTTP API (with the token); anything but 200 is BotUnavailable."""
        try:
            response = await self._to_rasa(
                method, path, params={"token": self._token, **params}, json=json
            )
        except httpx.HTTPError as exc:
            raise BotUnavailable("Rasa not reachable") from exc
        if response.status_code != 200:
            raise BotUnavailable(f"Rasa answered {response.status_code} on {what}")
        return response

    @staticmethod
    def _field(response: httpx.Response, name: str, what: str) -> Any:
        try:
            return response.json().get(name)
        except (ValueError, AttributeError) as exc:
            raise BotUnavailable(f"unexpected {what} from Rasa") from exc

    async def parse(self, text: str) -> Nlu | None:
        """The live model's intent and confidence for one (already redacted) sentence.

        Rasa's ``/model/parse``: nothing is added to any conversation. None when the answer
        names no intent.
        """
        response = await self._call("POST", "/model/parse", "parse", json={"text": text})
        intent = self._field(response, "intent", "parse")
        confidence = intent.get("confidence") if isinstance(intent, dict) else None
        if not isinstance(intent, dict) or not isinstance(confidence, int | float):
            return None
        return read_nlu(nlu_message(intent.get("name"), confidence))

    async def delete_tracker(self, sender_id: str) -> None:
        """Replace the tracker's events by nothing, so no trace of the conversation remains."""
        path = f"/conversations/{quote(sender_id, safe='')}/tracker/events"
        await self._call("PUT", path, "delete", json=[])

    async def tracker_slots(self, sender_id: str) -> dict[str, Any]:
        """The slots of one conversation (no events: only what the handoff summary needs).

        An unknown conversation gives Rasa's empty tracker, so simply no slots.
        """
        path = f"/conversations/{quote(sender_id, safe='')}/tracker"
        response = await self._call("GET", path, "tracker", include_events="NONE")
        slots = self._field(response, "slots", "tracker")
        return dict(slots) if isinstance(slots, dict) else {}
