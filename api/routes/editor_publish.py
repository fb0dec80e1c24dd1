"""Editors publish the draft and restore earlier versions (Dutch pages, editors and admins only).

``/editor/publiceren`` starts a publish (a background job in this API process) and shows its
steps while it runs; ``/editor/versies`` lists every published version with who, when and what
changed, and restores any of them in one click (no training: each version keeps its model).
Every publish and rollback is in the audit log.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api import audit
from api.auth.deps import CheckedEditorLoginDep, EditorLoginDep
from api.auth.models import CounsellorUser
from api.auth.sessions import LoginSession
from api.content import drafts
from api.content.publish import (
    NotYours,
    PublishBusy,
    latest_job,
    publisher_of,
    rollback,
    run_publish,
    start_job,
)
from api.content.rules import run_tree
from api.content.scope import Scope, scope_of
from api.content.switch import SwitchFailed
from api.content.version_tables import ContentVersion
from api.content.version_view import view_version
from api.content.versions import ensure_initial_version
from api.deps import DbDep, NowDep, SettingsDep
from api.handoff.inbox import InboxError
from api.pages import render, see_other

router = APIRouter(prefix="/editor", include_in_schema=False)

# What the page says after a redirect (the Dutch is in api/templates/editor/_labels.html).
Flash = Literal["started", "restored", "no_changes", "busy", "scenarios"]


async def _live(request: Request, db: AsyncSession, settings: SettingsDep, now: NowDep) -> int:
    publisher = publisher_of(request)
    return await ensure_initial_version(
        db, publisher.workspace, publisher.toolchain.repository, settings.content_base_model, now
    )


@dataclass(frozen=True)
class EditorPage:
    """An editor's page view: the login (editors and admins only) and the live version."""

    login: LoginSession
    live: int


async def editor_page(
    request: Request, login: EditorLoginDep, db: DbDep, settings: SettingsDep, now: NowDep
) -> EditorPage:
    return EditorPage(login, await _live(request, db, settings, now))


EditorPageDep = Annotated[EditorPage, Depends(editor_page)]


async def publish_source(
    db: AsyncSession, live_tree: dict[str, str], scope: Scope
) -> dict[str, str]:
    """The tree a publish makes live: the live tree with the draft over it, as far as the
    editor's scope goes (another municipality's draft waits for its own editors)."""
    return await drafts.draft_tree(db, live_tree, scope)


@router.get("/publiceren")
async def publish_page(
    request: Request, page: EditorPageDep, db: DbDep, msg: Annotated[Flash | None, Query()] = None
) -> Response:
    job = await latest_job(db)
    starter = (
        await db.scalar(
            select(CounsellorUser.municipality).where(CounsellorUser.username == job.started_by)
        )
        if job is not None
        else None
    )
    publisher = publisher_of(request)
    tree = await publish_source(db, publisher.workspace.tree(page.live), scope_of(page.login.user))
    # What the rules step would say, before anyone starts: a failing scenario stops a publish.
    run = await asyncio.to_thread(run_tree, tree)
    return render(
        request,
        "editor/publiceren.html",
        {
            "job": job,
            # What failed in a publish of another municipality's editor may name its files.
            "show_error": starter == page.login.user.municipality,
            "live": page.live,
            "flash": msg,
            "run": run,
        },
        page.login,
    )


@router.post("/publiceren")
async def start_publish(
    request: Request, login: CheckedEditorLoginDep, db: DbDep, settings: SettingsDep, now: NowDep
) -> Response:
    publisher = publisher_of(request)
    live = await _live(request, db, settings, now)
    live_tree = publisher.workspace.tree(live)
    tree = await publish_source(db, live_tree, scope_of(login.user))
    if tree == live_tree:
        return see_other("/editor/publiceren?msg=no_changes")
    if not (await asyncio.to_thread(run_tree, tree)).ok:
        return see_other("/editor/publiceren?msg=scenarios")
    try:
        job = await start_job(db, login.user.username, now)
    except PublishBusy:
        return see_other("/editor/publiceren?msg=busy")
    audit.record(db, login.user, "content_publish", now)
    await db.commit()
    published = {path: text for path, text in tree.items() if live_tree.get(path) != text}

    async def clear_draft(session: AsyncSession) -> None:
        # Files saved again while the publish ran stay in the draft.
        await drafts.clear_published(session, published)

    task = asyncio.create_task(
        run_publish(publisher, job.id, tree, login.user.username, after_live=clear_draft)
    )
    tasks: set[asyncio.Task[int | None]] = request.app.state.content_tasks
    tasks.add(task)
    task.add_done_callback(tasks.discard)
    return see_other("/editor/publiceren?msg=started")


@router.get("/versies")
async def versions_page(
    request: Request, page: EditorPageDep, db: DbDep, msg: Annotated[Flash | None, Query()] = None
) -> Response:
    versions = (
        (await db.execute(select(ContentVersion).order_by(ContentVersion.number.desc())))
        .scalars()
        .all()
    )
    scope = scope_of(page.login.user)
    return render(
        request,
        "editor/versies.html",
        {
            "versions": [(v, view_version(v.summary, v.diff, scope)) for v in versions],
            "live": page.live,
            "flash": msg,
        },
        page.login,
    )


@router.get("/versies/{number}")
async def version_page(request: Request, number: int, page: EditorPageDep, db: DbDep) -> Response:
    version = await db.get(ContentVersion, number)
    if version is None:
        raise InboxError(404, "version_not_found")
    view = view_version(version.summary, version.diff, scope_of(page.login.user))
    return render(
        request,
        "editor/versie.html",
        {"version": version, "view": view, "live": page.live, "lines": view.lines},
        page.login,
    )


@router.post("/versies/{number}/herstel")
async def restore_version(
    request: Request, number: int, login: CheckedEditorLoginDep, db: DbDep, now: NowDep
) -> Response:
    try:
        await rollback(publisher_of(request), db, number, scope_of(login.user))
    except NotYours as exc:
        raise InboxError(409, "rollback_not_yours") from exc
    except LookupError as exc:
        raise InboxError(404, "version_not_found") from exc
    except PublishBusy as exc:
        raise InboxError(409, "publish_busy") from exc
    except SwitchFailed as exc:
        raise InboxError(502, "switch_failed") from exc
    audit.record(db, login.user, "content_rollback", now)
    await db.commit()
    return see_other("/editor/versies?msg=restored")
