"""Published versions' models for the Rasa servers that fetch them over HTTP (Rasa's
``model_server``; api/content/switch.py). Only with Rasa's own token; nothing for browsers."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse

from api.content.publish import publisher_of
from api.deps import SettingsDep

router = APIRouter(include_in_schema=False)


@router.get("/internal/models/{number}.tar.gz")
async def model_file(
    request: Request,
    settings: SettingsDep,
    number: Annotated[int, Path(ge=1, le=1_000_000)],
    token: Annotated[str, Query(max_length=500)] = "",
) -> FileResponse:
    """Version ``number``'s model. The ETag names the version: Rasa keeps it as the loaded
    model's fingerprint."""
    if not token or not hmac.compare_digest(token.encode(), settings.rasa_token.encode()):
        raise HTTPException(403)
    publisher = publisher_of(request)
    path = publisher.workspace.model_file(number)
    if not path.is_file():
        raise HTTPException(404)
    return FileResponse(
        path,
        media_type="application/gzip",
        filename=f"version-{number}.tar.gz",
        headers={"ETag": f'"version-{number}"', "Cache-Control": "no-store"},
    )
