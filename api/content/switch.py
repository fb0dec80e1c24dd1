"""Switch every running Rasa server to another model, without a restart (Rasa's ``PUT /model``).

Where a Rasa server finds the model: by default the version's model file on the shared disk
(``model_file``; the servers run on this host or share the workspace volume). With
``content_model_url`` set (the API's address as the Rasa servers reach it), each server fetches
the model from the API instead (``model_server``, ``GET /internal/models/<n>.tar.gz`` with
Rasa's own token), so Rasa servers on other hosts need no shared disk.

Rasa 3.6 loads the new model next to the old one and swaps its agent when it is ready (the lock
store is kept); the tracker store keeps the conversations (bot/tracker_store.py). A server that
refuses makes the switch fail, and the servers already switched go back to the previous model,
so residents never get two versions at once for long.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from api.content.versions import Workspace
from api.texts import text

# Loading a model (spaCy, TensorFlow) takes seconds to tens of seconds on a busy machine.
LOAD_TIMEOUT_SECONDS = 300.0


class SwitchFailed(Exception):
    """A Rasa server did not take the new model; ``str()`` is a Dutch message."""


# The API's route with a version's model, for Rasa servers that fetch it (api/routes/models.py).
MODEL_ROUTE = "/internal/models/{number}.tar.gz"


@dataclass(frozen=True)
class ModelSource:
    """Where the Rasa servers get a version's model: the disk, or the API at ``base_url``."""

    workspace: Workspace
    base_url: str | None = None

    def body(self, number: int, token: str) -> dict[str, Any]:
        """The body of ``PUT /model`` that loads version ``number``'s model."""
        if self.base_url is None:
            return {"model_file": str(self.workspace.model_file(number).resolve())}
        url = self.base_url.rstrip("/") + MODEL_ROUTE.format(number=number)
        # One fetch, no polling afterwards: a publish or a rollback says when to switch.
        return {"model_server": {"url": url, "token": token, "wait_time_between_pulls": None}}


async def _put_model(
    http: httpx.AsyncClient, url: str, token: str, source: ModelSource, number: int
) -> None:
    try:
        response = await http.put(
            f"{url.rstrip('/')}/model",
            params={"token": token},
            json=source.body(number, token),
            timeout=LOAD_TIMEOUT_SECONDS,
        )
    except httpx.HTTPError as exc:
        raise SwitchFailed(text("publish_switch_unreachable", url=url, error=exc)) from exc
    if response.status_code != 204:
        raise SwitchFailed(text("publish_switch_refused", url=url, status=response.status_code))


async def switch_model(
    http: httpx.AsyncClient,
    urls: list[str],
    token: str,
    source: ModelSource,
    number: int,
    previous: int | None,
) -> None:
    """Load version ``number``'s model on every server in ``urls``; on a failure put version
    ``previous``'s back on the servers already switched."""
    switched: list[str] = []
    try:
        for url in urls:
            await _put_model(http, url, token, source, number)
            switched.append(url)
    except SwitchFailed:
        if previous is not None:
            for url in switched:
                await _put_model(http, url, token, source, previous)
        raise
