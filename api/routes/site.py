"""The demo page, the widget's files and the widget's configuration."""

from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from api.deps import MunicipalityDep, SettingsDep
from api.errors import ApiError
from api.schemas import WidgetConfigOut

router = APIRouter(tags=["site"])


@router.get("/", include_in_schema=False)
async def demo_page(settings: SettingsDep) -> FileResponse:
    """A page that looks like a municipal web page, with the widget on it."""
    return FileResponse(settings.widget_dir / "demo" / "index.html")


@router.get("/api/v1/widget-config", response_model=WidgetConfigOut, tags=["chat"])
async def widget_config(
    municipality: MunicipalityDep,
    key: str | None = Query(default=None, alias="municipality"),
) -> WidgetConfigOut:
    """What the widget shows besides the chat: the municipality's name, phone and privacy page."""
    if key is not None and key != municipality.key:
        raise ApiError(404, "municipality_not_found", "Deze gemeente is niet bekend.")
    return WidgetConfigOut(
        municipality=municipality.key,
        name=municipality.name,
        phone=municipality.phone,
        phone_href=municipality.phone_href,
        privacy_url=municipality.privacy_url,
    )
