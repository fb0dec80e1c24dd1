"""Numbers named by what they are, and Dutch licence plates.

"klantnummer 40032177", "mijn dossiernummer bij de Kredietbank is 2024/88123", "CJIB-nummer
1234 5678 9012 3456", "kenteken 12-ABC-3": a customer, case, policy, invoice or decision number
leads straight to one person's file, so the value after such a label goes, whatever its form.
The labels are data (``identifiers`` in ``data/vocabulary.yaml``). A BSN label ("bsn",
"burgerservicenummer") also catches a BSN of eight digits or in an odd grouping.

Licence plates are found by their sidecode shape too: with dashes anywhere ("12-ABC-3",
"GH-123-J"), without dashes in capitals for the sidecodes with a group of three ("1ABC23"), and in
any form after a plate label ("kenteken 12abc3").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from ._model import PiiType, Span
from ._text import normalise
from ._vocabulary import Phrase, Vocabulary

# Sidecodes 1 to 14 of the RDW: L a letter, D a digit.
_SIDECODES: Final = (
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
)  # fmt: skip


def _sidecode_pattern(code: str, letters: str, dash: str) -> str:
    return dash.join(
        "".join(letters if c == "L" else r"\d" for c in group) for group in code.split("-")
    )


# With dashes any letters (a typo or an old plate is still a plate; a month such as "1-mei-25" is
# left out below); without dashes only the consonants Dutch plates use, so no word is taken.
_PLATE_LETTER: Final = "[B-DF-HJ-NP-TV-Z]"
_PLATE_DASHED_RE: Final = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_sidecode_pattern(code, "[A-Z]", "-") for code in _SIDECODES)
    + r")(?![\w-])",
    re.IGNORECASE,
)
_PLATE_COMPACT_RE: Final = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_sidecode_pattern(code, _PLATE_LETTER, "") for code in _SIDECODES[6:])
    + r")(?![\w-])"
)
_PLATE_AFTER_LABEL_RE: Final = re.compile(
    r"[A-Za-z0-9]{1,3}(?:[ -]?[A-Za-z0-9]{1,3}){1,2}(?![\w-])"
)
_PLATE_LENGTH: Final = 6

# A value: an optional letter prefix, then digits and letters, maybe grouped by "/", "-", "."
# or "_" ("2024/88123", "ABC-123.45"), or by spaces between digit groups ("1234 5678 9012").
_VALUE_RE: Final = re.compile(
    r"(?:[A-Za-z]{1,6}[-/.]?)?\d\w*(?:[-/._]\w+)*(?:[ ]\d+(?:[-/._]\w+)*)*(?![\w])"
)
_GAP_PUNCTUATION_RE: Final = re.compile(r"[\s.:#=(\"'-]*")
_WORD_RE: Final = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
_MAX_GAP_WORDS: Final = 5
_MIN_VALUE_DIGITS: Final = 2
_UNIT_AFTER_RE: Final = re.compile(r"\s*(?:€|%|,-|,\d|[^\W\d_]+)")


def find_references(text: str, vocabulary: Vocabulary) -> list[Span]:
    """Values after a number, BSN or plate label, and licence plates by their shape."""
    spans = [
        Span(m.start(), m.end(), PiiType.KENTEKEN)
        for pattern in (_PLATE_DASHED_RE, _PLATE_COMPACT_RE)
        for m in pattern.finditer(text)
        if not any(normalise(part) in vocabulary.months for part in m.group().split("-"))
    ]
    for kind, labels in (
        (PiiType.NUMMER, vocabulary.number_labels),
        (PiiType.BSN, vocabulary.bsn_labels),
        (PiiType.KENTEKEN, vocabulary.plate_labels),
    ):
        for match in _label_pattern(labels).finditer(text):
            span = _value_after(text, match.end(), kind, vocabulary)
            if span is not None:
                spans.append(span)
    return spans


def _value_after(text: str, pos: int, kind: PiiType, vocabulary: Vocabulary) -> Span | None:
    """The value after a label at ``pos``, skipping a few filler words ("is", "bij Essent")."""
    for _ in range(_MAX_GAP_WORDS + 1):
        pos = _GAP_PUNCTUATION_RE.match(text, pos).end()  # type: ignore[union-attr]
        value = _value_at(text, pos, kind, vocabulary)
        if value is not None:
            return value
        word = _WORD_RE.match(text, pos)
        if word is None or not _filler(word.group(), vocabulary):
            return None
        pos = word.end()
    return None


def _value_at(text: str, pos: int, kind: PiiType, vocabulary: Vocabulary) -> Span | None:
    if kind is PiiType.KENTEKEN:
        plate = _PLATE_AFTER_LABEL_RE.match(text, pos)
        if plate is None:
            return None
        compact = re.sub(r"[ -]", "", plate.group())
        has_both = any(c.isdigit() for c in compact) and any(c.isalpha() for c in compact)
        if len(compact) != _PLATE_LENGTH or not has_both:
            return None
        return Span(pos, plate.end(), kind)
    value = _VALUE_RE.match(text, pos)
    if value is None or sum(c.isdigit() for c in value.group()) < _MIN_VALUE_DIGITS:
        return None
    after = _UNIT_AFTER_RE.match(text, value.end())
    if after is not None and " " not in value.group():
        unit = normalise(after.group().strip())
        if unit in vocabulary.units or unit in vocabulary.months or unit[:1] in "€%,":
            return None  # "het CJIB stuurt 2 boetes van 95 euro": an amount, no number
    return Span(pos, value.end(), kind)


def _filler(word: str, vocabulary: Vocabulary) -> bool:
    """A word that may stand between a label and its value: "is", "van", "mijn", "nr.", or a
    capitalised name of an organisation ("bij Essent is")."""
    norm = normalise(word.rstrip("."))
    return norm in vocabulary.label_fillers or (word[:1].isupper() and len(word) > 1)


@lru_cache(maxsize=8)
def _label_pattern(labels: frozenset[Phrase]) -> re.Pattern[str]:
    """Labels as whole words; the words of a label may be written apart, joined or hyphenated
    ("klant nummer", "klantnummer", "CJIB-nummer")."""
    alternatives = sorted(
        (r"[\s-]?".join(re.escape(w) for w in _split(label)) for label in labels),
        key=len,
        reverse=True,
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def _split(label: Phrase) -> Iterable[str]:
    for word in label:
        yield from (part for part in word.split("-") if part)
