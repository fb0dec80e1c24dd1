"""Whole-number money arithmetic (eurocent) and Dutch number formatting for texts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

PPM = 1_000_000  # percentages are stored as parts per million: 13.730 % -> 137_300


def euro_to_cents(amount: float | int | str) -> int:
    """Convert a euro amount to whole eurocent (half-up), via Decimal to avoid float drift."""
    if isinstance(amount, int) and not isinstance(amount, bool):
        return amount * 100
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not a finite number: {amount!r}")
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_to_ppm(percent: float | int | str) -> int:
    """13.73 -> 137_300. Refuses more precision than a millionth."""
    value = Decimal(str(percent)) * 10_000
    if value != value.to_integral_value():
        raise ValueError(f"percentage {percent!r} has more than 4 decimals")
    return int(value)


def apply_ppm(amount: int, ppm: int) -> int:
    """``amount`` times a percentage, rounded down to a whole unit."""
    return amount * ppm // PPM


def _group(whole: int) -> str:
    return f"{whole:,}".replace(",", ".")


@lru_cache(maxsize=4096)  # mostly limits from the rule data, formatted again and again
def format_euro(cents: int) -> str:
    """Dutch notation without the word: 4085700 -> '40.857', 136906 -> '1.369,06'."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    if rest == 0:
        return f"{sign}{_group(whole)}"
    return f"{sign}{_group(whole)},{rest:02d}"


def format_whole_euro(euros: int) -> str:
    return _group(euros) if euros >= 0 else "-" + _group(-euros)


@lru_cache(maxsize=256)
def format_percent(ppm: int) -> str:
    """137_300 -> '13,73'; 1_200_000 -> '120'."""
    text = f"{Decimal(ppm) / 10_000:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
