"""Health of the API and what it depends on."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text as sql

from api.deps import DbDep, RasaDep
from api.schemas import ComponentHealth, HealthOut

router = APIRouter(prefix="/api/v1", tags=["health"])


@router.get("/health", response_model=HealthOut, responses={503: {"model": HealthOut}})
async def health(db: DbDep, rasa: RasaDep) -> JSONResponse:
    """200 when Rasa, the action server and the database all answer; 503 otherwise."""
    try:
        await db.execute(sql("SELECT 1"))
        database = "ok"
    except Exception:  # any driver error means the database is not usable
        database = "down"
    components = ComponentHealth(
        rasa="ok" if await rasa.rasa_ready() else "down",
        action_server="ok" if await rasa.action_server_ready() else "down",
        database=database,
    )
    healthy = all(v == "ok" for v in components.model_dump().values())
    body = HealthOut(status="ok" if healthy else "unavailable", components=components)
    return JSONResponse(status_code=200 if healthy else 503, content=body.model_dump())
