"""Tokens of a resident's message, with the facts about case and position the detectors need."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

_APOSTROPHES: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

# A word may carry apostrophes and hyphens inside ("m'n", "zzp'er", "Janssen-Smeets") and start
# with one ("'t"). A number keeps its Dutch separators ("1.850,50").
_TOKEN_RE: Final = re.compile(
    r"(?P<word>['’]?[^\W\d_]+(?:['’-][^\W\d_]+)*)(?P<dot>\.)?|(?P<number>\d+(?:[.,]\d+)*)"
)

# Words written with a full stop that does not end the sentence. Single letters (initials) are
# abbreviations too.
_ABBREVIATIONS: Final = frozenset(
    {
        "mevr",
        "mw",
        "dhr",
        "mnr",
        "mej",
        "fam",
        "nr",
        "no",
        "geb",
        "gr",
        "grt",
        "mvg",
        "st",
        "burg",
        "dr",
        "mr",
        "ir",
        "ing",
        "drs",
        "prof",
        "ds",
        "jr",
        "sr",
        "ca",
        "tel",
        "str",
        "evt",
        "bijv",
        "bv",
    }
)

_SENTENCE_END: Final = frozenset(".!?\n…")


def normalise(word: str) -> str:
    """Case-fold a word, unify apostrophes and drop accents: the form every lookup uses.

    Residents write "Ayse" for "Ayşe" and "Noel" for "Noël"; the word lists go through the same
    function, so both spellings meet.
    """
    folded = word.translate(_APOSTROPHES).casefold()
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def normalise_phrase(text: str) -> str:
    """Normalise a word or phrase the way :func:`tokenize` splits a message into words."""
    return " ".join(
        normalise(m.group("word") or m.group("number")) for m in _TOKEN_RE.finditer(text)
    )


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a number in a message.

    ``capitalised`` is only true when the message uses case on purpose (not all lower case words
    are written in capitals, not every word capitalised). ``break_before`` is true when punctuation
    or a removed piece of text separates this token from the previous one.
    """

    start: int
    end: int
    norm: str
    is_number: bool
    capitalised: bool
    sentence_start: bool
    break_before: bool
    abbreviation: bool

    @property
    def is_word(self) -> bool:
        return not self.is_number


def mostly_capitals(text: str) -> bool:
    """Whether ``text`` is written (nearly) ALL IN CAPITALS."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def case_is_informative(text: str) -> bool:
    """Whether capitals in ``text`` say something: not so in ALL CAPS or Title Case Everywhere."""
    if mostly_capitals(text):
        return False
    words = [m.group() for m in re.finditer(r"[^\W\d_]{3,}", text)]
    return not (len(words) >= 4 and sum(w[0].isupper() for w in words) > 0.7 * len(words))


def tokenize(
    text: str,
    *,
    case_informative: bool | None = None,
    blocked: Sequence[tuple[int, int]] = (),
) -> list[Token]:
    """Split ``text`` into tokens; tokens overlapping a ``blocked`` span are left out.

    A left-out span counts as a break, so a name is never assembled across a removed e-mail address
    or phone number.
    """
    informative = case_is_informative(text) if case_informative is None else case_informative
    spans = sorted(blocked)
    tokens: list[Token] = []
    previous_end = 0
    pending_break = False
    for match in _TOKEN_RE.finditer(text):
        word = match.group("word")
        start = match.start()
        if word is not None:
            norm = normalise(word)
            abbreviation = match.group("dot") is not None and (
                len(word) == 1 or norm in _ABBREVIATIONS
            )
            end = match.end() if abbreviation else match.end("word")
        else:
            norm = match.group("number")
            abbreviation = False
            end = match.end()
        if any(s < end and start < e for s, e in spans):
            pending_break = True
            continue
        gap = text[previous_end:start]
        blocked_in_gap = any(previous_end <= s < start for s, _ in spans)
        first = not tokens
        tokens.append(
            Token(
                start=start,
                end=end,
                norm=norm,
                is_number=word is None,
                capitalised=informative and word is not None and word.lstrip("'’")[:1].isupper(),
                sentence_start=first or any(c in _SENTENCE_END for c in gap),
                break_before=first or pending_break or blocked_in_gap or bool(gap.strip()),
                abbreviation=abbreviation,
            )
        )
        previous_end = end
        pending_break = False
    return tokens
