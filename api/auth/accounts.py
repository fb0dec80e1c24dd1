"""A municipality's admin manages its staff: list, add, deactivate and reactivate accounts.

Every function takes the admin and works only on accounts of the admin's own municipality: an
account of another municipality is "not found". A municipality always keeps an active admin:
the deactivation that would leave none is refused, also when two admins try it at once. Every
change is in the audit log, with the account it changed.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api import audit
from api.auth.models import CounsellorSession, CounsellorUser, Role
from api.auth.users import create_user

__all__ = ["AccountError", "add_account", "list_accounts", "new_password", "set_active"]

# Unambiguous letters and digits; 5 groups of 4 are about 99 bits: far past zxcvbn's top score.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_GROUPS = 5

U = CounsellorUser


class AccountError(Exception):
    """``account_not_found`` (not there, or another municipality's) or ``last_admin``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def new_password() -> str:
    """A random password, shown once to the admin who makes the account."""
    groups = ("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(_GROUPS))
    return "-".join(groups)


async def list_accounts(db: AsyncSession, admin: CounsellorUser) -> list[CounsellorUser]:
    """The accounts of the admin's municipality, by username."""
    rows = await db.scalars(
        select(U).where(U.municipality == admin.municipality).order_by(U.username)
    )
    return list(rows)


async def add_account(
    db: AsyncSession,
    admin: CounsellorUser,
    *,
    username: str,
    role: Role,
    display_name: str,
    now: datetime,
) -> tuple[CounsellorUser, str]:
    """A new account of the admin's municipality and its password (shown once, never stored).

    Raises :class:`api.auth.users.UserError` like ``create_user``.
    """
    password = new_password()
    user = await create_user(
        db,
        username=username,
        password=password,
        role=role,
        municipality=admin.municipality,
        display_name=display_name,
        now=now,
        commit=False,
    )
    audit.record(db, admin, "account_create", now, subject=user.username)
    await db.commit()
    return user, password


async def _own(db: AsyncSession, admin: CounsellorUser, user_id: int) -> CounsellorUser:
    user = await db.get(U, user_id)
    if user is None or not admin.municipality or user.municipality != admin.municipality:
        raise AccountError("account_not_found")
    return user


async def set_active(
    db: AsyncSession, admin: CounsellorUser, user_id: int, active: bool, now: datetime
) -> CounsellorUser:
    """Reactivate, or deactivate (its login sessions end at once) an account of the admin's
    municipality. Raises :class:`AccountError`.
    """
    user = await _own(db, admin, user_id)
    if active:
        await db.execute(update(U).where(U.id == user.id).values(active=True))
        audit.record(db, admin, "account_reactivate", now, subject=user.username)
        await db.commit()
        await db.refresh(user)
        return user
    municipality = user.municipality
    # PostgreSQL: lock the municipality's active admins, so two deactivations run one after
    # the other and the second sees the first. SQLite runs one writing statement at a time.
    await db.execute(
        select(U.id)
        .where(U.municipality == municipality, U.role == Role.ADMIN, U.active.is_(True))
        .order_by(U.id)
        .with_for_update()
    )
    other = aliased(U)
    others_active = (
        select(func.count(other.id))
        .where(
            other.municipality == municipality,
            other.role == Role.ADMIN,
            other.active.is_(True),
            other.id != user.id,
        )
        .scalar_subquery()
    )
    changed = await db.execute(
        update(U)
        .where(U.id == user.id, or_(U.role != Role.ADMIN, others_active >= 1))
        .values(active=False, online=False)
        .returning(U.id)
    )
    if changed.first() is None:
        await db.rollback()
        raise AccountError("last_admin")
    await db.execute(delete(CounsellorSession).where(CounsellorSession.user_id == user.id))
    audit.record(db, admin, "account_deactivate", now, subject=user.username)
    await db.commit()
    await db.refresh(user)
    return user
