"""Tables of counsellor accounts and their login sessions.

Only municipal staff have accounts; residents never log in. A login session is stored under the
SHA-256 hash of its cookie value, so a copy of the database does not give access to an account.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import Boolean, ForeignKey, Integer, String, true
from sqlalchemy import Enum as SaEnum
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime


class Role(str, Enum):
    """What an account may do: counsellors and admins handle handoffs, editors edit answers."""

    COUNSELLOR = "counsellor"
    EDITOR = "editor"
    ADMIN = "admin"


def _values(enum: type[Enum]) -> list[str]:
    return [str(member.value) for member in enum]


class CounsellorUser(Base):
    __tablename__ = "counsellor_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        SaEnum(Role, native_enum=False, length=16, values_callable=_values)
    )
    municipality: Mapped[str] = mapped_column(String(64), index=True)
    # What residents see while this person writes to them ("Sanne, schuldhulpverlener").
    display_name: Mapped[str] = mapped_column(String(80))
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    # An admin of the municipality can deactivate an account: it cannot log in, its sessions end.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CounsellorSession(Base):
    """One login: the cookie holds a random token, the table its hash and the CSRF token."""

    __tablename__ = "counsellor_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("counsellor_users.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The last thing the counsellor did (not a script's polling): idle sessions end.
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
