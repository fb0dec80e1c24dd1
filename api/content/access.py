"""Who may use the editors' workspace: editors and admins, logged in as on the counsellor pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from api.auth.deps import CheckedLoginDep, LoginDep
from api.auth.models import Role
from api.auth.sessions import LoginSession
from api.content.files import content_root, read_tree

EDITOR_ROLES = frozenset({Role.EDITOR, Role.ADMIN})


class NotAnEditor(Exception):
    """A counsellor on an editor's page: 403 with the error page."""


def _ensure_editor(login: LoginSession) -> LoginSession:
    if login.user.role not in EDITOR_ROLES:
        raise NotAnEditor()
    return login


async def editor_login(login: LoginDep) -> LoginSession:
    return _ensure_editor(login)


async def checked_editor_login(login: CheckedLoginDep) -> LoginSession:
    """An editor's form post, after checking its CSRF token."""
    return _ensure_editor(login)


def live_tree() -> dict[str, str]:
    """The content residents see now (overridden in tests)."""
    return read_tree(content_root())


EditorDep = Annotated[LoginSession, Depends(editor_login)]
CheckedEditorDep = Annotated[LoginSession, Depends(checked_editor_login)]
LiveDep = Annotated[dict[str, str], Depends(live_tree)]
