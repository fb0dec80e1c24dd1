"""The admin's page of their municipality's staff (/beheer, Dutch): list, add, deactivate and
reactivate accounts. Admins only (counsellors and editors get 403), and only the accounts of the
admin's own municipality. A new account's password is shown once, on the answer to the form,
and never again. Every change is in the audit log.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from api.auth import accounts
from api.auth.deps import AdminLoginDep, CheckedAdminLoginDep
from api.auth.models import Role
from api.auth.sessions import LoginSession
from api.auth.users import UserError
from api.deps import DbDep, NowDep
from api.handoff.inbox import InboxError
from api.input_text import DbId, Printable
from api.pages import render, see_other

router = APIRouter(prefix="/beheer", include_in_schema=False)

Flash = Literal["deactivated", "reactivated"]
_STATUS = {"account_not_found": 404, "last_admin": 409}


async def _page(
    request: Request,
    login: LoginSession,
    db: DbDep,
    *,
    flash: str | None = None,
    created: tuple[str, str] | None = None,
    problem: UserError | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "admin/accounts.html",
        {
            "accounts": await accounts.list_accounts(db, login.user),
            "roles": [role.value for role in Role],
            "flash": flash,
            "created": created,
            "problem": problem,
            "form": form or {},
        },
        login,
        status_code,
    )


@router.get("")
async def accounts_page(
    request: Request,
    login: AdminLoginDep,
    db: DbDep,
    msg: Annotated[Flash | None, Query()] = None,
) -> Response:
    return await _page(request, login, db, flash=msg)


@router.post("/accounts")
async def add_account(
    request: Request,
    login: CheckedAdminLoginDep,
    db: DbDep,
    now: NowDep,
    username: Annotated[str, Form(max_length=100), Printable],
    role: Annotated[Role, Form()],
    display_name: Annotated[str, Form(max_length=200), Printable],
) -> Response:
    """The account is made at once; the answer shows its password this one time."""
    username = username.strip().lower()
    form = {"username": username, "role": role.value, "display_name": display_name}
    try:
        user, password = await accounts.add_account(
            db, login.user, username=username, role=role, display_name=display_name, now=now
        )
    except UserError as problem:  # refused before anything was added to the session
        return await _page(request, login, db, problem=problem, form=form, status_code=422)
    return await _page(request, login, db, created=(user.username, password))


async def _set_active(login: LoginSession, db: DbDep, now: NowDep, user_id: int, on: bool) -> None:
    try:
        await accounts.set_active(db, login.user, user_id, on, now)
    except accounts.AccountError as exc:
        raise InboxError(_STATUS[exc.code], exc.code) from None


@router.post("/accounts/{user_id}/deactivate")
async def deactivate(
    login: CheckedAdminLoginDep, db: DbDep, now: NowDep, user_id: DbId
) -> Response:
    await _set_active(login, db, now, user_id, False)
    if user_id == login.user.id:
        return see_other("/counsellor/login")  # their own sessions ended with it
    return see_other("/beheer?msg=deactivated")


@router.post("/accounts/{user_id}/reactivate")
async def reactivate(
    login: CheckedAdminLoginDep, db: DbDep, now: NowDep, user_id: DbId
) -> Response:
    await _set_active(login, db, now, user_id, True)
    return see_other("/beheer?msg=reactivated")
