"""Talking to the Rasa server and the action server over HTTP.

The API never imports Rasa: the two sides live in different Python environments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from benefits_rules.contract import Nlu, nlu_message, read_custom, read_nlu

# Rasa's input channel for the API only (bot/channels.py): its path and the shared secret's header.
CHANNEL_WEBHOOK = "/webhooks/rondkomen/webhook"
CHANNEL_SECRET_HEADER = "X-Rondkomen-Channel-Secret"


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
    """Sends resident messages to Rasa and manages trackers."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        rasa_url: str,
        token: str,
        action_server_url: str,
        *,
        channel_secret: str,
    ) -> None:
        self._http = http
        self._rasa_url = rasa_url.rstrip("/")
        self._token = token
        self._channel_headers = {CHANNEL_SECRET_HEADER: channel_secret}
        self._action_url = action_server_url.rstrip("/")

    async def rasa_ready(self) -> bool:
        try:
            response = await self._http.get(
                f"{self._rasa_url}/status", params={"token": self._token}, timeout=5.0
            )
        except httpx.HTTPError:
            return False
        return response.status_code == 200 and bool(response.json().get("model_id"))

    async def action_server_ready(self) -> bool:
        try:
            response = await self._http.get(f"{self._action_url}/health", timeout=5.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def send(self, sender_id: str, text: str) -> BotReply:
        """Send one (already redacted) resident message; return the bot's answers.

        The action server is checked first: when it is down Rasa would still answer, but
        without the actions, and half of the turn would be lost.
        """
        if not await self.action_server_ready():
            raise BotUnavailable("action server not reachable")
        try:
            response = await self._http.post(
                f"{self._rasa_url}{CHANNEL_WEBHOOK}",
                json={"sender": sender_id, "message": text},
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
            response = await self._http.request(
                method,
                f"{self._rasa_url}{path}",
                params={"token": self._token, **params},
                json=json,
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
