"""Is a message English or Dutch? lingua (restricted to the two) decides, not the classifier.

Short messages ("ok", "ja", "hoi") never change the language of the conversation: too few
words to tell, and Dutch residents type them all the time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from bot.safety.patterns import (
    Term,
    english_intent,
    english_settings,
    is_english_word,
    normalise,
    terms,
)

Detected = Literal["en", "nl"]


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(Language.DUTCH, Language.ENGLISH).build()


def _term_words() -> frozenset[str]:
    return _words_of(terms()[0])


@lru_cache(maxsize=2)
def _words_of(found: tuple[Term, ...]) -> frozenset[str]:
    schemes = (term for term in found if term.ask is not None)
    return frozenset(word for term in schemes for name in term.names for word in name.split())


def detect(text: str) -> Detected | None:
    """'en' or 'nl' when the message is clearly one of them; None when too short to tell."""
    if is_english_word(text):
        return "en"
    settings = english_settings()["detection"]
    # Dutch names of schemes ("what about zorgtoeslag?") say nothing about the language:
    # English speakers use them too.
    words = [
        w
        for w in normalise(text).split()
        if any(c.isalpha() for c in w) and w.strip("?!.,;:'\"") not in _term_words()
    ]
    if len(words) < int(settings["min_words"]):
        return None
    best = _detector().compute_language_confidence_values(" ".join(words))[0]
    english = best.language == Language.ENGLISH
    if best.value >= float(settings["min_confidence"]):
        return "en" if english else "nl"
    # Less sure, but it reads as English and says something the English patterns know.
    if english and best.value >= float(settings["min_confidence_known"]) and english_intent(text):
        return "en"
    return None
