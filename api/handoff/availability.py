"""Which handoff routes are possible right now.

Chat now needs both: the municipality's office hours (its YAML file) and at least one
counsellor of that municipality online (toggle on and a page seen within
``counsellor_presence_seconds``). A call-back and a reference code are always possible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import CounsellorUser, Role
from api.municipality import MunicipalityConfig, Weekday

_WEEKDAYS: tuple[Weekday, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
HANDOFF_ROLES = (Role.COUNSELLOR, Role.ADMIN)


@dataclass(frozen=True)
class Availability:
    office_open: bool
    counsellors_online: int

    @property
    def chat(self) -> bool:
        return self.office_open and self.counsellors_online > 0


def within_office_hours(config: MunicipalityConfig, now: datetime) -> bool:
    local = now.astimezone(ZoneInfo(config.timezone))
    hours = config.office_hours.get(_WEEKDAYS[local.weekday()])
    if hours is None:
        return False
    start, end = hours
    return start <= local.time().replace(tzinfo=None) < end


async def counsellors_online(
    db: AsyncSession, municipality: str, now: datetime, presence: timedelta
) -> int:
    count = await db.scalar(
        select(func.count())
        .select_from(CounsellorUser)
        .where(
            CounsellorUser.municipality == municipality,
            CounsellorUser.role.in_(HANDOFF_ROLES),
            CounsellorUser.online.is_(True),
            CounsellorUser.last_seen_at >= now - presence,
        )
    )
    return int(count or 0)


async def availability(
    db: AsyncSession, config: MunicipalityConfig, now: datetime, presence: timedelta
) -> Availability:
    return Availability(
        office_open=within_office_hours(config, now),
        counsellors_online=await counsellors_online(db, config.key, now, presence),
    )
