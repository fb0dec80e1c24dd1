"""One spelling for the detectors, with a map back to what the resident typed.

Residents (and people testing us) write digits and "@" in many forms: full-width "０６" or "＠",
Arabic-Indic "٠٦", with zero-width spaces, soft hyphens or combining marks between them, or with
a Unicode dash. The detectors see one form: NFKC, every Unicode decimal digit as its ASCII digit,
every dash as "-", and no invisible format characters or combining marks. Each character of that
form remembers which characters of the original it came from, so a placeholder replaces exactly
the span the resident typed, invisible characters inside it included.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final

# Invisible: format characters (zero-width space/joiners, soft hyphen, word joiner, BOM, bidi
# marks: category Cf) and marks drawn on the previous character (Mn, Me: combining accents,
# variation selectors, the combining grapheme joiner). Names lose their accents in lookups anyway.
_DROPPED_CATEGORIES: Final = frozenset({"Cf", "Mn", "Me"})


@dataclass(frozen=True, slots=True)
class Normalised:
    """``text`` as the detectors see it; character ``i`` of it came from
    ``original[starts[i]:ends[i]]``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if start >= end:
            start = self.starts[start] if start < len(self.starts) else self.original_length
            return start, start
        return self.starts[start], self.ends[end - 1]


def normalise_text(text: str) -> Normalised:
    """The detectors' form of ``text`` (see the module docstring)."""
    if text.isascii():
        # Nothing to unify; the identity map keeps the common case fast.
        positions = tuple(range(len(text)))
        return Normalised(text, positions, tuple(range(1, len(text) + 1)), len(text))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        for out in _normalise_char(char):
            chars.append(out)
            starts.append(index)
            ends.append(index + 1)
    return Normalised("".join(chars), tuple(starts), tuple(ends), len(text))


def _normalise_char(char: str) -> str:
    if char.isascii():
        return char
    if unicodedata.category(char) in _DROPPED_CATEGORIES:
        return ""
    result = []
    for out in unicodedata.normalize("NFKC", char):
        if out.isascii():
            result.append(out)
            continue
        category = unicodedata.category(out)
        if category in _DROPPED_CATEGORIES:
            continue
        digit = unicodedata.decimal(out, None)
        if digit is not None:
            result.append(str(digit))
        elif category == "Pd" or out == "\u2212":  # dashes and the minus sign
            result.append("-")
        elif category == "Zs":
            result.append(" ")
        else:
            result.append(out)
    return "".join(result)
