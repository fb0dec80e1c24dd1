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
    """The account cannot be created; the message says why (for the operator)."""


async def create_user(
    db: AsyncSession,
    *,
    username: str,
    password: str,
    role: Role,
    municipality: str,
    display_name: str,
    now: datetime,
) -> CounsellorUser:
    if not USERNAME.fullmatch(username):
        raise UserError("username: use 2-64 lower-case letters, digits, '.', '_' or '-'")
    problem = password_problem(password, [username, municipality, display_name, "rondkomen"])
    if problem is not None:
        raise UserError(problem)
    if not display_name.strip() or len(display_name) > 80:
        raise UserError("display name: 1-80 characters")
    if await db.scalar(select(CounsellorUser.id).where(CounsellorUser.username == username)):
        raise UserError(f"username {username!r} exists already")
    user = CounsellorUser(
        username=username,
        password_hash=hash_password(password),
        role=role,
        municipality=municipality,
        display_name=display_name.strip(),
        online=False,
        created_at=now,
    )
    db.add(user)
    await db.commit()
    return user
