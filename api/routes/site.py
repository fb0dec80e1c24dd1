"""The demo page, the widget's files and the widget's configuration."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from api.deps import MunicipalityDep, SettingsDep
from api.errors import ErrorBody
from api.municipality import MunicipalityConfig
from api.not_understood import review
from api.schemas import WidgetConfigOut
from benefits_rules.texts import live

WIDGET_STRINGS = "web_widget/strings.nl.json"

router = APIRouter(tags=["site"])
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")


@router.get("/", include_in_schema=False)
async def demo_page(settings: SettingsDep) -> FileResponse:
    """A page that looks like a municipal web page, with the widget on it."""
    return FileResponse(settings.widget_dir / "demo" / "index.html")


def _file_bytes(path: Path) -> bytes:
    return path.read_bytes()


@router.get("/widget/strings.nl.json", include_in_schema=False)
async def widget_strings() -> Response:
    """The widget's texts from the live content root, so a published change shows on the next
    page load without a restart (the other widget files are static, under /widget)."""
    return Response(
        live(_file_bytes, WIDGET_STRINGS),
        media_type="application/json",
        headers={"Cache-Control": "no-cache"},
    )


@router.get(
    "/api/v1/widget-config",
    response_model=WidgetConfigOut,
    tags=["chat"],
    responses={404: {"model": ErrorBody, "description": "A municipality not served here."}},
)
async def widget_config(municipality: MunicipalityDep) -> WidgetConfigOut:
    """What the widget shows besides the chat for ``?municipality=`` (the widget's
    data-municipality; without it, the installation's default): name, phone, privacy page."""
    return WidgetConfigOut(
        municipality=municipality.key,
        name=municipality.name,
        phone=municipality.phone,
        phone_href=municipality.phone_href,
        privacy_url=privacy_link(municipality),
    )


def privacy_link(municipality: MunicipalityConfig) -> str:
    """The municipality's privacy page; our own (a path here) says which municipality."""
    url = municipality.privacy_url
    if not url.startswith("/"):
        return url
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}{urlencode({'municipality': municipality.key})}"


@router.get("/privacy", include_in_schema=False, response_class=HTMLResponse)
async def privacy_page(
    request: Request, settings: SettingsDep, municipality: MunicipalityDep
) -> HTMLResponse:
    """What the chat stores, for how long, who can see it and how to delete it (B1 Dutch)."""
    return templates.TemplateResponse(
        request,
        "privacy.html",
        {
            "municipality": municipality,
            "idle_minutes": settings.session_idle_minutes,
            "handoff_days": settings.handoff_retention_days,
            "callback_days": settings.callback_retention_days,
            "not_understood_days": review.RETENTION_DAYS,
        },
    )
