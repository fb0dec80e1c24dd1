"""The FastAPI application factory. Run with ``uvicorn api.main:create_app --factory``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import pages
from api.auth.passwords import warm_up as passwords_warm_up
from api.content.draft_model import DraftParser
from api.content.publish import Publisher
from api.content.toolchain import Toolchain
from api.content.versions import Workspace
from api.db import make_engine, make_sessionmaker
from api.errors import install_error_handlers
from api.log_setup import configure_logging
from api.middleware import BodyLimit, SecurityHeaders
from api.migrate import upgrade_database
from api.municipality import served_config
from api.rasa_client import RasaClient
from api.redaction import warm_up as redaction_warm_up
from api.routes import (
    admin,
    chat,
    counsellor,
    counsellor_handoff,
    counsellor_login,
    editor,
    editor_municipality,
    editor_publish,
    editor_review,
    editor_rules,
    editor_scenarios,
    editor_try,
    editor_understanding,
    health,
    models,
    resident_handoff,
    site,
)
from api.settings import PROJECT_ROOT, Settings, get_settings
from api.sweeper import SweeperLock, sweep_forever


def rasa_servers(settings: Settings) -> tuple[str, ...]:
    """Every Rasa server a publish switches: ``rasa_urls`` when configured, else ``rasa_url``."""
    several: list[str] = getattr(settings, "rasa_urls", None) or []
    return tuple(several) or (settings.rasa_url,)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; nothing connects until start-up."""
    settings = settings or get_settings()
    configure_logging()
    # Broken rule data or municipality files stop the API here, naming the file and the field.
    served_config(None, settings.rules_dir)
    if settings.retired_municipality:
        logging.getLogger("rondkomen.api").warning(
            "setting_retired",
            extra={"setting": "RONDKOMEN_MUNICIPALITY", "instead": "deployment.yaml"},
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.auto_migrate:
            await asyncio.to_thread(upgrade_database, settings.database_url)
        # Load the redaction word lists now, not on the first resident's message.
        await asyncio.to_thread(redaction_warm_up)
        await asyncio.to_thread(passwords_warm_up)
        engine = make_engine(settings.database_url)
        app.state.sessionmaker = make_sessionmaker(engine)
        async with httpx.AsyncClient(timeout=settings.rasa_timeout_seconds) as http:
            app.state.rasa = RasaClient(
                http,
                settings.rasa_servers,
                settings.rasa_token,
                settings.action_server_url,
                channel_secret=settings.rasa_channel_secret,
            )
            app.state.publisher = Publisher(
                sessionmaker=app.state.sessionmaker,
                workspace=Workspace(settings.content_workspace),
                toolchain=Toolchain(PROJECT_ROOT, settings.rasa_python),
                http=http,
                rasa_urls=rasa_servers(settings),
                rasa_token=settings.rasa_token,
                model_base_url=settings.content_model_url,
            )
            app.state.content_tasks = set()
            app.state.draft_parser = DraftParser(app.state.publisher)
            sweeper = asyncio.create_task(sweep_forever(app, SweeperLock(engine)))
            try:
                yield
            finally:
                sweeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sweeper
                await app.state.draft_parser.close()
        await engine.dispose()

    app = FastAPI(
        title="Rondkomen API",
        version="1.0.0",
        description=(
            "Anonymous money-help chat: the only entry for the chat widget, "
            "counsellors (schuldhulpverleners) and editors."
        ),
        lifespan=lifespan,
        # Swagger UI comes from a third-party CDN: not in production.
        docs_url=None if settings.environment == "production" else "/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    install_error_handlers(app, settings.max_message_chars)
    # Added before CORS, so CORS is the outer layer and 413/429 answers carry its headers too.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    if settings.widget_origins:
        # Only the resident's chat API is called cross-origin; no cookies are ever sent.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.widget_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Content-Type"],
            allow_credentials=False,
            max_age=600,
        )
    app.include_router(chat.router)
    app.include_router(health.router)
    app.include_router(models.router)
    app.include_router(site.router)
    app.include_router(resident_handoff.router)
    app.include_router(counsellor_login.router)
    app.include_router(counsellor.router)
    app.include_router(counsellor_handoff.router)
    app.include_router(editor_review.router)
    app.include_router(editor_try.router)
    app.include_router(editor.router)
    app.include_router(editor_understanding.router)
    app.include_router(editor_publish.router)
    app.include_router(editor_municipality.router)
    app.include_router(admin.router)
    app.include_router(editor_rules.router)
    app.include_router(editor_scenarios.router)
    pages.install(app)
    app.mount("/widget", StaticFiles(directory=settings.widget_dir, check_dir=False), name="widget")
    return app
