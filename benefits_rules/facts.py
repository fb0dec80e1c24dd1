"""Fact values: exact numbers, ranges, "known to be unknown", and three-valued checks.

A household fact is one of three things:

* ``None`` - not asked yet (it goes to ``missing``),
* ``UNKNOWN`` - the resident said "weet ik niet" (it goes to ``not_checked``),
* a value. Numbers are always an :class:`Interval` so that an exact answer and an income band
  are handled by the same code: an exact answer is an interval with ``lo == hi``.

Checks return ``True`` (met), ``False`` (not met) or ``None`` (cannot tell yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


class _Unknown:
    """Marker for a fact the resident does not know."""

    __slots__ = ()
    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()
UNKNOWN_MARKERS: Final = frozenset({"unknown", "weet ik niet", "onbekend"})


@dataclass(frozen=True, slots=True)
class Interval:
    """Closed range of whole units (eurocent, years, months, persons); ``hi=None`` is open."""

    lo: int
    hi: int | None

    @staticmethod
    def point(value: int) -> Interval:
        return Interval(value, value)

    @property
    def exact(self) -> bool:
        return self.hi == self.lo


Tri = bool | None
NumFact = Interval | _Unknown | None
BoolFact = bool | _Unknown | None
StrFact = str | _Unknown | None


def at_least(fact: NumFact, limit: int) -> Tri:
    """Is the fact at least ``limit``?"""
    if not isinstance(fact, Interval):
        return None
    if fact.lo >= limit:
        return True
    if fact.hi is not None and fact.hi < limit:
        return False
    return None


def at_most_between(fact: NumFact, limit_lo: int | None, limit_hi: int | None) -> Tri:
    """Is the fact at most a limit that is itself only known to lie in [limit_lo, limit_hi]?

    ``limit_lo=None`` means no lower bound is known (so "met" can never be proven);
    ``limit_hi=None`` means no upper bound is known (so "not met" can never be proven).
    """
    if not isinstance(fact, Interval):
        return None
    if limit_lo is not None and fact.hi is not None and fact.hi <= limit_lo:
        return True
    if limit_hi is not None and fact.lo > limit_hi:
        return False
    return None


def is_true(fact: BoolFact) -> Tri:
    return fact if isinstance(fact, bool) else None


def equals(fact: StrFact, wanted: str) -> Tri:
    return (fact == wanted) if isinstance(fact, str) else None


def tri_or(*values: Tri) -> Tri:
    if True in values:
        return True
    if None in values:
        return None
    return False


def bool_options(fact: BoolFact) -> tuple[bool, ...]:
    """The values a yes/no fact can still take (both when it is unknown or not asked)."""
    if isinstance(fact, bool):
        return (fact,)
    return (False, True)
