"""Switch every running Rasa server to another model, without a restart (Rasa's ``PUT /model``).

Rasa 3.6 loads the new model next to the old one and swaps its agent when it is ready (the lock
store is kept); the tracker store keeps the conversations (bot/tracker_store.py). A server that
refuses makes the switch fail, and the servers already switched go back to the previous model,
so residents never get two versions at once for long.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from api.texts import text

# Loading a model (spaCy, TensorFlow) takes seconds to tens of seconds on a busy machine.
LOAD_TIMEOUT_SECONDS = 300.0


class SwitchFailed(Exception):
    """A Rasa server did not take the new model; ``str()`` is a Dutch message."""


async def _put_model(http: httpx.AsyncClient, url: str, token: str, model: Path) -> None:
    try:
        response = await http.put(
            f"{url.rstrip('/')}/model",
            params={"token": token},
            json={"model_file": str(model.resolve())},
            timeout=LOAD_TIMEOUT_SECONDS,
        )
    except httpx.HTTPError as exc:
        raise SwitchFailed(text("publish_switch_unreachable", url=url, error=exc)) from exc
    if response.status_code != 204:
        raise SwitchFailed(text("publish_switch_refused", url=url, status=response.status_code))


async def switch_model(
    http: httpx.AsyncClient, urls: list[str], token: str, model: Path, previous: Path | None
) -> None:
    """Load ``model`` on every server in ``urls``; on a failure put ``previous`` back."""
    switched: list[str] = []
    try:
        for url in urls:
            await _put_model(http, url, token, model)
            switched.append(url)
    except SwitchFailed:
        if previous is not None:
            for url in switched:
                await _put_model(http, url, token, previous)
        raise
