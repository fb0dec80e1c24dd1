"""The editors' pages about understanding: messages the bot did not understand ("niet
begrepen") and "probeer een zin" (which intent the live model picks). Dutch; editors and admins.
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
from api.deps import DbDep, NowDep, RasaDep
from api.handoff.inbox import InboxError
from api.input_text import DbId, Printable
from api.not_understood import review
from api.pages import done, render
from api.rasa_client import BotUnavailable
from api.redaction import redact

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
# A sentence to try is one resident message at most.
_MAX_SENTENCE = 2000


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


@router.get("/probeer")
async def try_page(request: Request, login: EditorLoginDep) -> Response:
    """A box to type a sentence and see which intent the model picks."""
    return render(request, "editor/try.html", {}, login)


@router.post("/probeer")
async def try_sentence(
    request: Request,
    login: CheckedEditorLoginDep,
    rasa: RasaDep,
    sentence: Annotated[str, Form(min_length=1, max_length=_MAX_SENTENCE), Printable],
) -> Response:
    """The live model's intent and confidence for the sentence; it is redacted first and never
    stored (Rasa's /model/parse adds it to no conversation)."""
    redacted = redact(sentence).text
    try:
        live = await rasa.parse(redacted)
        unavailable = False
    except BotUnavailable:
        live, unavailable = None, True
    return render(
        request,
        "editor/try.html",
        {"sentence": redacted, "live": live, "unavailable": unavailable},
        login,
    )
