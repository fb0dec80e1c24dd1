"""Guess the dictionary forms of an inflected Dutch word.

The OpenTaal word list holds lemmas ("kennen", "verhogen", "alleenstaand") and noun plurals, not
every inflected form. The name lists, on the other hand, contain words such as "Kent",
"Verhoogt" or "Duurt". To see that "kent" is a Dutch word we generate the forms it may come from
and look those up. Over-generation is harmless: a candidate only counts when the word list has it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

_VOWELS: Final = frozenset("aeiouy")
# Endings of verb forms, plurals, and inflected or compared adjectives, longest first.
_ENDINGS: Final = (
    "ende", "ten", "den", "ste", "ere", "'s", "te", "de", "en", "er", "st", "s", "t", "d", "e",
)  # fmt: skip
_VERB_PREFIXES: Final = ("be", "ge", "ver", "ont", "her", "er")


def lemma_candidates(word: str) -> Iterator[str]:
    """Yield ``word`` and the lemmas it may be an inflected form of."""
    yield word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)]
            yield stem
            yield from _singular_from_plural_stem(stem)
            yield from infinitives_from_stem(stem)
    if word.startswith("ge") and len(word) > 5:
        if word[-1] in "dt":
            yield from infinitives_from_stem(word[2:-1])
        elif word.endswith("en"):
            yield word[2:]
    yield from infinitives_from_stem(word)


def looks_like_participle(word: str) -> bool:
    """ "verhuisd", "ontslagen", "afgewezen": shaped like a past participle (ge-/ver-/be- ... -d,
    -t, -en), also when the word list lacks it."""
    if not word.endswith(("d", "t", "en")) or len(word) < 6:
        return False
    return word.startswith(_VERB_PREFIXES) or "ge" in word[1:6]


def infinitives_from_stem(stem: str) -> Iterator[str]:
    """Yield infinitives a verb stem may belong to ("hoop" -> "hopen", "ken" -> "kennen")."""
    if len(stem) < 2:
        return
    yield stem + "en"
    yield stem + "n"  # "ga" -> "gaan"
    last = stem[-1]
    voiced = stem[:-1] + {"s": "z", "f": "v"}.get(last, last)
    if voiced != stem:
        yield voiced + "en"  # "verwijs" -> "verwijzen"
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in _VOWELS and last not in _VOWELS:
        yield voiced[:-2] + voiced[-1] + "en"  # "verhoog" -> "verhogen", "leef" -> "leven"
    if last not in _VOWELS and stem[-2] in _VOWELS and (len(stem) < 3 or stem[-3] not in _VOWELS):
        yield stem + last + "en"  # "ken" -> "kennen"


def _singular_from_plural_stem(stem: str) -> Iterator[str]:
    # "rozen" -> "roz" -> "roos"; "bussen" -> "buss" -> "bus"
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        yield stem[:-1]
    if len(stem) >= 2 and stem[-2] in _VOWELS and stem[-1] not in _VOWELS:
        last = {"z": "s", "v": "f"}.get(stem[-1], stem[-1])
        yield stem[:-2] + stem[-2] * 2 + last
