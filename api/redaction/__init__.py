"""Remove personal data from a resident's message before it reaches Rasa, a log or a table.

Usage::

    from api.redaction import redact

    result = redact("Ik ben Piet, mijn BSN is 111222333")
    result.text   # "Ik ben [NAAM], mijn BSN is [BSN]"
    result.found  # {PiiType.NAAM: 1, PiiType.BSN: 1}

Placeholders: [BSN], [IBAN], [TELEFOON], [EMAIL], [ADRES], [DATUM], [NAAM], [NUMMER] (a labelled
customer, case or invoice number) and [KENTEKEN]. Values go by their shape, not their checksum,
and in any Unicode spelling (issue 12: privacy fails closed); see docs/privacy.md.

Call :func:`warm_up` at start-up to load the word lists before the first message.
"""

from __future__ import annotations

from ._lexicon import LexiconError
from ._model import PiiType, Redaction
from ._redact import redact, warm_up
from ._vocabulary import VocabularyError

__all__ = ["LexiconError", "PiiType", "Redaction", "VocabularyError", "redact", "warm_up"]
