"""Run the detectors over a message and put typed placeholders where they found personal data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from types import MappingProxyType

from ._address import find_postcodes, find_streets
from ._contact import find_emails, find_phones
from ._dates import find_birth_dates
from ._identifiers import find_bsns, find_ibans
from ._lexicon import get_lexicon
from ._model import PiiType, Redaction, Span
from ._names import find_names
from ._text import tokenize

# When two findings overlap, the earlier kind wins: a checksum or a fixed format is surer than a
# street or a name guessed from word lists.
_PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        (
            PiiType.EMAIL,
            PiiType.IBAN,
            PiiType.BSN,
            PiiType.TELEFOON,
            PiiType.DATUM,
            PiiType.ADRES,
            PiiType.NAAM,
        )
    )
}


def warm_up() -> None:
    """Load the word lists now (about 0.8 s) instead of on the first message."""
    get_lexicon()


def find_personal_data(text: str, *, today: date | None = None) -> list[Span]:
    """All pieces of personal data in ``text``, without overlaps, in text order."""
    lex = get_lexicon()
    day = date.today() if today is None else today
    fixed = _without_overlaps(
        [
            *find_emails(text),
            *find_ibans(text),
            *find_bsns(text),
            *find_phones(text),
            *find_birth_dates(text, lex.vocabulary, day),
            *find_postcodes(text, lex.vocabulary),
        ]
    )
    tokens = tokenize(text, blocked=[(s.start, s.end) for s in fixed])
    protected = lex.protected_kinds(tokens)
    streets = find_streets(text, tokens, protected, lex)
    names = find_names(text, tokens, protected, lex)
    return _without_overlaps([*fixed, *streets, *names])


def redact(text: str) -> Redaction:
    """Replace personal data in a resident's message by typed placeholders.

    The result holds the redacted text and a count per kind, never the removed values. Nothing
    of ``text`` is logged, cached or kept.
    """
    spans = find_personal_data(text)
    parts: list[str] = []
    position = 0
    for span in spans:
        parts.append(text[position : span.start])
        parts.append(span.kind.placeholder)
        position = span.end
    parts.append(text[position:])
    counts = Counter(span.kind for span in spans)
    return Redaction(text="".join(parts), found=MappingProxyType(dict(counts)))


def _without_overlaps(spans: Iterable[Span]) -> list[Span]:
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (_PRIORITY[s.kind], -(s.end - s.start), s.start)):
        if not any(span.overlaps(other) for other in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)
