"""Typed FastAPI dependencies: settings, database session, Rasa client, municipality, clock.

The ones that only read ``app.state`` are ``async``: FastAPI runs a plain ``def`` dependency in
a worker thread, a thread hop per dependency on every request (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timezone
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from api import conversation
from api.errors import ApiError
from api.municipality import (
    MunicipalityConfig,
    MunicipalityNotServed,
    municipality_config,
    served_config,
)
from api.rasa_client import RasaClient
from api.settings import Settings
from api.texts import text


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_db(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        yield session


async def get_rasa(request: Request) -> RasaClient:
    rasa: RasaClient = request.app.state.rasa
    return rasa


def not_served() -> ApiError:
    """The one answer to a municipality key this installation does not serve (404, Dutch)."""
    return ApiError(404, "municipality_not_found", text("municipality_not_found"))


async def get_municipality(
    settings: Annotated[Settings, Depends(get_settings_dep)],
    key: Annotated[
        str | None,
        Query(
            alias="municipality",
            max_length=64,
            description="The municipality's key, as in the widget's data-municipality.",
        ),
    ] = None,
) -> MunicipalityConfig:
    """For public pages: the served municipality ``?municipality=`` names (default: the
    installation's default); 404 with the Dutch message for any other key. Read live."""
    try:
        return served_config(key, settings.rules_dir)
    except MunicipalityNotServed:
        raise not_served() from None


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


async def get_session_municipality(
    session_id: str,
    db: Annotated[AsyncSession, Depends(get_db)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
    now: Annotated[datetime, Depends(utc_now)],
) -> MunicipalityConfig:
    """For everything bound to a conversation (``{session_id}`` in the path): the conversation's
    own municipality, read live. 404 for an unknown or expired conversation; the route's own
    look-up of the session then comes from the database session's identity map, not a query."""
    session = await conversation.live_session(db, session_id, now, settings.session_idle)
    return municipality_config(session.municipality, settings.rules_dir)


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
DbDep = Annotated[AsyncSession, Depends(get_db)]
RasaDep = Annotated[RasaClient, Depends(get_rasa)]
# A public page's municipality (?municipality=key, default the installation's).
MunicipalityDep = Annotated[MunicipalityConfig, Depends(get_municipality)]
# The municipality of the conversation in the path.
SessionMunicipalityDep = Annotated[MunicipalityConfig, Depends(get_session_municipality)]
NowDep = Annotated[datetime, Depends(utc_now)]
