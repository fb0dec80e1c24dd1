"""Typed FastAPI dependencies: settings, database session, Rasa client, municipality, clock.

The ones that only read ``app.state`` are ``async``: FastAPI runs a plain ``def`` dependency in
a worker thread, a thread hop per dependency on every request (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timezone
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from api.municipality import MunicipalityConfig
from api.rasa_client import RasaClient
from api.settings import Settings


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_db(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        yield session


async def get_rasa(request: Request) -> RasaClient:
    rasa: RasaClient = request.app.state.rasa
    return rasa


async def get_municipality(request: Request) -> MunicipalityConfig:
    """The municipality this API serves (read and validated once, at start-up): the one way a
    route gets it."""
    config: MunicipalityConfig = request.app.state.municipality
    return config


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
DbDep = Annotated[AsyncSession, Depends(get_db)]
RasaDep = Annotated[RasaClient, Depends(get_rasa)]
MunicipalityDep = Annotated[MunicipalityConfig, Depends(get_municipality)]
NowDep = Annotated[datetime, Depends(utc_now)]
