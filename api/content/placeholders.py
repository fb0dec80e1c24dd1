"""The {placeholders} in a text: what the bot fills in, such as {municipality_phone}.

A changed text may use the placeholders its original had and, where the bot fills slots in (bot
responses and the actions' texts), the slots of the domain. Anything else would reach a
resident as "{municipality_phone" or an empty gap, so it is refused.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["PlaceholderProblem", "check", "names"]

_NAME = frozenset(string.ascii_lowercase + string.digits + "_")


@dataclass(frozen=True)
class PlaceholderProblem:
    kind: Literal["broken", "unknown"]
    # The placeholder as written ("{municipality_phone"), or its name when unknown.
    found: str


def names(text: str) -> tuple[str, ...]:
    """The well-formed placeholder names in ``text``, in order, each once."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field]
    except ValueError:
        return ()
    return tuple(dict.fromkeys(f for f in fields if set(f) <= _NAME))


def _broken(text: str) -> str | None:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        # "Bel {municipality_phone." or "Bel municipality_phone}": show where it goes wrong.
        opening, closing = text.find("{"), text.find("}")
        at = opening if opening >= 0 and (closing < 0 or opening < closing) else closing
        start = text.rfind(" ", 0, at) + 1
        end = text.find(" ", at)
        return text[start : end if end >= 0 else len(text)]
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field or not set(field) <= _NAME or spec or conversion:
            written = "{" + field + (f"!{conversion}" if conversion else "")
            return written + (f":{spec}" if spec else "") + "}"
    return None


def check(text: str, original: str, known: Iterable[str] = ()) -> list[PlaceholderProblem]:
    """Why the placeholders of ``text`` cannot stay (empty: they are fine)."""
    broken = _broken(text)
    if broken is not None:
        return [PlaceholderProblem("broken", broken)]
    allowed = set(names(original)) | set(known)
    return [PlaceholderProblem("unknown", name) for name in names(text) if name not in allowed]
