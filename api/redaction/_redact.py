"""Run the detectors over a message and put typed placeholders where they found personal data.

The detectors see the message in one spelling (:mod:`._normalise`: NFKC, ASCII digits, no
invisible characters); the placeholders replace the matching spans of the message as typed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from types import MappingProxyType

from ._address import find_postcodes, find_streets
from ._contact import find_emails, find_phones
from ._dates import find_birth_dates
from ._identifiers import bban_lengths, find_bsns, find_ibans
from ._lexicon import get_lexicon
from ._model import PiiType, Redaction, Span
from ._names import find_names
from ._normalise import normalise_text
from ._public import public_numbers
from ._references import find_references
from ._text import tokenize

# When two findings overlap, the earlier kind wins: a fixed format is surer than a street or a
# name guessed from word lists, and a labelled number ("klantnummer 123456789") is what its label
# says rather than what its shape suggests.
_PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        (
            PiiType.EMAIL,
            PiiType.IBAN,
            PiiType.NUMMER,
            PiiType.BSN,
            PiiType.TELEFOON,
            PiiType.KENTEKEN,
            PiiType.DATUM,
            PiiType.ADRES,
            PiiType.NAAM,
        )
    )
}


def warm_up() -> None:
    """Load the word lists and the service's own numbers now (about 0.8 s) instead of on the
    first message."""
    get_lexicon()
    public_numbers()
    bban_lengths()


def find_personal_data(text: str, *, today: date | None = None) -> list[Span]:
    """All pieces of personal data in ``text``, without overlaps, in text order.

    Spans are positions in ``text`` as given, also when a detector matched its normalised form.
    """
    normalised = normalise_text(text)
    spans = _find_in_normalised(normalised.text, today=today)
    if normalised.text is text:
        return spans
    return [Span(*normalised.original_span(s.start, s.end), s.kind) for s in spans]


def _find_in_normalised(text: str, *, today: date | None) -> list[Span]:
    lex = get_lexicon()
    public = public_numbers()
    day = date.today() if today is None else today
    phones = find_phones(text, public.phones)
    # Nine digits after "+31 6" are the rest of a phone number, not a BSN of their own.
    bsns = [b for b in find_bsns(text) if not any(_inside(b, p) for p in phones)]
    fixed = _without_overlaps(
        [
            *find_emails(text),
            *find_ibans(text),
            *find_references(text, lex.vocabulary),
            *bsns,
            *phones,
            *find_birth_dates(text, lex.vocabulary, day),
            *find_postcodes(text, lex.vocabulary, public.postcodes),
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


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _without_overlaps(spans: Iterable[Span]) -> list[Span]:
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (_PRIORITY[s.kind], -(s.end - s.start), s.start)):
        if not any(span.overlaps(other) for other in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)
