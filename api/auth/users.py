"""Creating counsellor accounts (used by the CLI and by tests)."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import CounsellorUser, Role
from api.auth.passwords import hash_password, password_problem

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class UserError(ValueError):
    """The account cannot be created; the message says why (for the operator), ``code`` which
    field is wrong (the admin page says it in Dutch; a password problem is Dutch already)."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


async def create_user(
    db: AsyncSession,
    *,
    username: str,
    password: str,
    role: Role,
    municipality: str,
    display_name: str,
    now: datetime,
    commit: bool = True,
) -> CounsellorUser:
    """A new active account; ``commit=False`` leaves the commit to the caller (who audits)."""
    if not USERNAME.fullmatch(username):
        raise UserError(
            "username: use 2-64 lower-case letters, digits, '.', '_' or '-'", "username"
        )
    problem = password_problem(password, [username, municipality, display_name, "rondkomen"])
    if problem is not None:
        raise UserError(problem, "password")
    if not display_name.strip() or len(display_name) > 80:
        raise UserError("display name: 1-80 characters", "display_name")
    if await db.scalar(select(CounsellorUser.id).where(CounsellorUser.username == username)):
        raise UserError(f"username {username!r} exists already", "username_taken")
    user = CounsellorUser(
        username=username,
        password_hash=hash_password(password),
        role=role,
        municipality=municipality,
        display_name=display_name.strip(),
        online=False,
        active=True,
        created_at=now,
    )
    db.add(user)
    if commit:
        await db.commit()
    else:
        await db.flush()
    return user
