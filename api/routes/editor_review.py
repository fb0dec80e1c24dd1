"""The editors' page of messages the bot did not understand ("niet begrepen"). Dutch; editors
and admins.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Form, Query, Request
from fastapi.responses import Response
from fastapi.routing import APIRouter

from api import audit
from api.auth.deps import CheckedEditorLoginDep, EditorLoginDep
from api.content.access import LiveDep
from api.content.scope import scope_of
from api.deps import DbDep, NowDep
from api.handoff.inbox import InboxError
from api.input_text import DbId, Printable
from api.not_understood import review
from api.pages import done, render

router = APIRouter(prefix="/editor", include_in_schema=False)

# Flash messages after a redirect; the template holds the Dutch text of each.
Flash = Literal["adopted", "dismissed"]
# Each refusal of the review and its status code (the error page has the Dutch text).
_STATUS = {
    "message_not_found": 404,
    "unknown_intent": 422,
    "example_refused": 422,
    "example_conflict": 409,
}


@router.get("/niet-begrepen")
async def not_understood_page(
    request: Request,
    login: EditorLoginDep,
    db: DbDep,
    live: LiveDep,
    msg: Annotated[Flash | None, Query()] = None,
) -> Response:
    """The municipality's messages the bot did not understand, newest first."""
    return render(
        request,
        "editor/not_understood.html",
        {
            "rows": await review.pending(db, scope_of(login.user)),
            "intents": review.intents(live),
            "retention_days": review.RETENTION_DAYS,
            "flash": msg,
        },
        login,
    )


@router.post("/niet-begrepen/{message_id}/toewijzen")
async def adopt(
    request: Request,
    login: CheckedEditorLoginDep,
    db: DbDep,
    live: LiveDep,
    now: NowDep,
    message_id: DbId,
    intent: Annotated[str, Form(min_length=1, max_length=100), Printable],
) -> Response:
    """The message becomes an example of ``intent`` (a draft, checked when published)."""
    try:
        await review.adopt(db, login.user, message_id, intent, live, now)
    except review.ReviewError as exc:
        raise InboxError(_STATUS[exc.code], exc.code) from None
    audit.record(db, login.user, "not_understood_adopt", now)
    await db.commit()
    return done(request, "/editor/niet-begrepen?msg=adopted")


@router.post("/niet-begrepen/{message_id}/verwijderen")
async def dismiss(
    request: Request, login: CheckedEditorLoginDep, db: DbDep, now: NowDep, message_id: DbId
) -> Response:
    """Nothing to learn from this message: delete it."""
    try:
        await review.dismiss(db, login.user, message_id)
    except review.ReviewError as exc:
        raise InboxError(_STATUS[exc.code], exc.code) from None
    audit.record(db, login.user, "not_understood_dismiss", now)
    await db.commit()
    return done(request, "/editor/niet-begrepen?msg=dismissed")
