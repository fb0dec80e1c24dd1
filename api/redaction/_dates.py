"""Dates of birth: "12-03-1985", "12 maart 1985", "geboren op 12 maart", "twaalf maart
negentienzevenentachtig".

Dates matter to the money questions too ("de deurwaarder komt op 12 maart", "betalen voor
31-12-2025"), so not every date goes. A date is removed when a birth cue stands in the same
sentence ("geboren", "geboortedatum", "jarig"), or when it is a full date at least
:data:`MIN_AGE_YEARS` years back: such a date in a chat about money is nearly always a birth date.
A year on its own ("geboren in 1985") stays: it gives the age the benefits check needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from functools import lru_cache
from typing import Final

from ._model import PiiType, Span
from ._number_words import DAY_WORDS_PATTERN, day_number, year_number
from ._text import normalise_phrase
from ._vocabulary import Phrase, Vocabulary

MIN_AGE_YEARS: Final = 16
_WINDOW: Final = 60
# At most this many words between the cue and the date: "geboren op", "geboortedatum is".
_CUE_DISTANCE: Final = 3

_NUMERIC_RE: Final = re.compile(
    r"(?<![\w.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\w|[.,/-]\d)"
)
_ISO_RE: Final = re.compile(r"(?<![\w.,/-])(\d{4})-(\d{1,2})-(\d{1,2})(?!\w|[.,/-]\d)")


def find_birth_dates(text: str, vocabulary: Vocabulary, today: date) -> list[Span]:
    """Dates in ``text`` that are (very likely) a date of birth."""
    spans = []
    for start, end, day, month, year in _dates(text, vocabulary.months, today):
        if year is not None:
            try:
                date(year, month, day if day is not None else 1)
            except ValueError:
                continue
        cue = _has_birth_cue(text, start, end, vocabulary.birth_cues)
        long_ago = day is not None and year is not None and year <= today.year - MIN_AGE_YEARS
        if cue or long_ago:
            spans.append(Span(start, end, PiiType.DATUM))
    return spans


def _dates(
    text: str, months: Mapping[str, int], today: date
) -> Iterator[tuple[int, int, int | None, int, int | None]]:
    """(start, end, day, month, year) of each written date; day or year may be missing."""
    for m in _NUMERIC_RE.finditer(text):
        yield m.start(), m.end(), int(m.group(1)), int(m.group(3)), _year(m.group(4), today)
    for m in _ISO_RE.finditer(text):
        yield m.start(), m.end(), int(m.group(3)), int(m.group(2)), int(m.group(1))
    for m in _textual_date_pattern(frozenset(months)).finditer(text):
        written_day = m.group(1)
        day = None
        if written_day:
            day = int(written_day) if written_day.isdigit() else day_number(written_day)
        end = m.end()
        year = _year(m.group(3), today) if m.group(3) else None
        if year is None:
            year, end = _year_in_words(text, end)
        if day is None and year is None:
            continue  # a month on its own ("in maart") is no date
        yield m.start(), end, day, months[m.group(2).casefold()], year


@lru_cache(maxsize=4)
def _textual_date_pattern(month_names: frozenset[str]) -> re.Pattern[str]:
    """ "12 maart 1985", "3 mei", "maart 1985" (keyed by the vocabulary's month names only)."""
    names = "|".join(sorted((re.escape(name) for name in month_names), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.,])(?:(\d{{1,2}}|{DAY_WORDS_PATTERN})(?:e|ste|de)?[\s-]+)?"
        rf"({names})\.?(?:\s+(\d{{4}}|'\d{{2}}))?(?!\w)",
        re.IGNORECASE,
    )


_WORD_AFTER_RE: Final = re.compile(r"[\s-]+([^\W\d_]+)")
_YEAR_WORDS_MAX: Final = 4


def _year_in_words(text: str, pos: int) -> tuple[int | None, int]:
    """A year in words right after ``pos`` ("negentien zevenentachtig") and where it ends."""
    ends: list[int] = []
    end = pos
    while len(ends) < _YEAR_WORDS_MAX and (word := _WORD_AFTER_RE.match(text, end)) is not None:
        end = word.end()
        ends.append(end)
    for stop in reversed(ends):
        year = year_number(text[pos:stop])
        if year is not None:
            return year, stop
    return None, pos


def _year(written: str, today: date) -> int:
    digits = written.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    two = int(digits)
    return 2000 + two if two <= today.year % 100 else 1900 + two


def _has_birth_cue(text: str, start: int, end: int, cues: frozenset[Phrase]) -> bool:
    """A birth cue at most a few words before or after the date, on the same line."""
    before = normalise_phrase(text[max(0, start - _WINDOW) : start].split("\n")[-1]).split()
    after = normalise_phrase(text[end : end + _WINDOW].split("\n")[0]).split()
    for cue in cues:
        n = len(cue)
        near_before = before[-(_CUE_DISTANCE + n) :]
        near_after = after[: _CUE_DISTANCE + n]
        for words in (near_before, near_after):
            if any(tuple(words[i : i + n]) == cue for i in range(len(words) - n + 1)):
                return True
    return False
