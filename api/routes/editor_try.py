"""The editors' "probeer een zin": which intent the live model and the draft model pick for a
sentence, with confidence; and training the draft model. Dutch; editors and admins."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

from fastapi import Form, Query, Request
from fastapi.responses import Response
from fastapi.routing import APIRouter
from sqlalchemy.ext.asyncio import AsyncSession

from api import audit
from api.auth.deps import CheckedEditorLoginDep, EditorLoginDep
from api.auth.sessions import LoginSession
from api.content import drafts
from api.content.access import LiveDep
from api.content.draft_model import (
    DRAFT,
    DRAFT_STEPS,
    DraftParser,
    DraftStarting,
    current,
    fingerprint,
    run_draft_training,
)
from api.content.publish import PublishBusy, latest_job, publisher_of, start_job
from api.content.scope import scope_of
from api.deps import DbDep, NowDep, RasaDep
from api.input_text import Printable
from api.pages import render, see_other
from api.rasa_client import BotUnavailable
from api.redaction import redact

router = APIRouter(prefix="/editor", include_in_schema=False)

# A sentence to try is one resident message at most.
_MAX_SENTENCE = 2000
# What the page says after starting a draft training (Dutch in the template).
Flash = Literal["started", "busy", "no_changes"]


def _parser(request: Request) -> DraftParser:
    parser: DraftParser = request.app.state.draft_parser
    return parser


async def _page(
    request: Request,
    login: LoginSession,
    db: AsyncSession,
    live_tree: dict[str, str],
    **extra: object,
) -> Response:
    draft = current(publisher_of(request).workspace.root)
    tree = await drafts.draft_tree(db, live_tree, scope_of(login.user))
    context = {
        "draft": draft,
        # The draft changed after the draft model was trained: it does not show the newest edits.
        "draft_outdated": draft is not None and draft.fingerprint != fingerprint(tree),
        "has_changes": tree != live_tree,
        "job": await latest_job(db, DRAFT),
        **extra,
    }
    return render(request, "editor/try.html", context, login)


@router.get("/probeer")
async def try_page(
    request: Request,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    msg: Annotated[Flash | None, Query()] = None,
) -> Response:
    """A box to type a sentence and see which intent the live and the draft model pick."""
    return await _page(request, login, db, live, flash=msg)


@router.post("/probeer")
async def try_sentence(
    request: Request,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    rasa: RasaDep,
    sentence: Annotated[str, Form(min_length=1, max_length=_MAX_SENTENCE), Printable],
) -> Response:
    """Both models' intent and confidence for the sentence; it is redacted first and never
    stored (/model/parse adds it to no conversation)."""
    redacted = redact(sentence).text
    try:
        live_result = await rasa.parse(redacted)
        unavailable = False
    except BotUnavailable:
        live_result, unavailable = None, True
    draft = current(publisher_of(request).workspace.root)
    draft_result, draft_starting = None, False
    if draft is not None:
        try:
            draft_result = await _parser(request).parse(redacted, draft)
        except DraftStarting:
            draft_starting = True
    return await _page(
        request,
        login,
        db,
        live,
        sentence=redacted,
        live_result=live_result,
        unavailable=unavailable,
        draft_result=draft_result,
        draft_starting=draft_starting,
    )


@router.post("/probeer/conceptmodel")
async def train_draft(
    request: Request, login: CheckedEditorLoginDep, db: DbDep, live: LiveDep, now: NowDep
) -> Response:
    """Train a model from the draft in the background (residents keep the live one)."""
    tree = await drafts.draft_tree(db, live, scope_of(login.user))
    if tree == live:
        return see_other("/editor/probeer?msg=no_changes")
    try:
        job = await start_job(db, login.user.username, now, kind=DRAFT, steps=DRAFT_STEPS)
    except PublishBusy:
        return see_other("/editor/probeer?msg=busy")
    audit.record(db, login.user, "content_draft_train", now)
    await db.commit()
    task = asyncio.create_task(
        run_draft_training(publisher_of(request), job.id, tree, login.user.username)
    )
    tasks: set[asyncio.Task[bool]] = request.app.state.content_tasks
    tasks.add(task)
    task.add_done_callback(tasks.discard)
    return see_other("/editor/probeer?msg=started")
