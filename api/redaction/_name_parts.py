"""The parts of a person's name: given names, initials, interfixes and surnames after a first
part has been found, and the words that can never be part of one."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from ._lexicon import Lexicon, Protected
from ._text import Token

# A word this long one typing error away from a Dutch word is a misspelt word, not a name.
TYPO_MIN_LENGTH: Final = 6


@dataclass(frozen=True, slots=True)
class NameContext:
    """A message being searched for names."""

    text: str
    tokens: Sequence[Token]
    lex: Lexicon
    protected: Sequence[Protected | None]
    # Written (nearly) all in capitals: case then tells nothing, and an acronym looks like a word.
    shouting: bool = False


def extend(ctx: NameContext, k: int) -> int:
    """Take further given names, initials and (interfix +) surnames after a name token."""
    tokens = ctx.tokens
    while k < len(tokens) and not tokens[k].break_before:
        interfix = ctx.lex.interfix_length(tokens, k)
        if interfix:
            s = k + interfix
            if s < len(tokens) and not tokens[s].break_before and surname_after_interfix(ctx, s):
                k = s + 1
                continue
            break
        if not continues(ctx, k):
            break
        k += 1
    return k


def continues(ctx: NameContext, k: int) -> bool:
    """Whether token ``k`` right after a name is a further part of it."""
    token = ctx.tokens[k]
    lex = ctx.lex
    norm = token.norm
    if blocked(ctx, k) or lex.is_function_word(norm):
        return False
    if is_initial(token):
        return True
    if token.capitalised:
        return lex.is_name(norm) or not (lex.is_dutch_word(norm) or lex.is_place_derived(norm))
    if not lex.is_name(norm):
        return False
    return not lex.is_dutch_word(norm) or (lex.is_surname(norm) and not lex.is_verb_form(norm))


def surname_after_interfix(ctx: NameContext, s: int) -> bool:
    token = ctx.tokens[s]
    lex = ctx.lex
    if lex.is_function_word(token.norm):
        return False
    listed = lex.is_interfix_surname(token.norm) or lex.is_surname(token.norm)
    if blocked(ctx, s, allow_places=listed):  # "van den Berg", "de Vries": also places
        return False
    if listed:
        return True
    return token.capitalised and not (
        lex.is_dutch_word(token.norm) or lex.is_place_derived(token.norm)
    )


def blocked(ctx: NameContext, i: int, *, allow_places: bool = False) -> bool:
    token = ctx.tokens[i]
    if token.is_number:
        return True
    kind = ctx.protected[i]
    if kind is Protected.PLACE:
        return not (allow_places and (ctx.lex.is_name(token.norm) or token.capitalised))
    if kind is not None:
        return True
    vocabulary = ctx.lex.vocabulary
    if looks_like_street(ctx, token):
        return True
    # "Jan" and "Dec" are names as well as month abbreviations; only full month names are blocked
    full_month = token.norm in vocabulary.months and len(token.norm) > 4
    return full_month or token.norm in vocabulary.units


def looks_like_street(ctx: NameContext, token: Token) -> bool:
    """ "op de Nobelstraat" is no surname with interfix."""
    lex = ctx.lex
    return (
        token.norm.endswith(lex.vocabulary.street_suffixes)
        and token.norm in lex.streets
        and not lex.is_name(token.norm)
    )


def unknown_word(ctx: NameContext, j: int, *, shouted: bool = False) -> bool:
    """Whether token ``j`` is a word no list knows: no listed name, no (inflected) Dutch word, no
    function word or determiner, no word made from a place name ("Heerlenaar"), no compound of
    known words and no acronym ("AOW-er", "CJIB"). Unknown words are mostly names the lists lack
    ("Dmytro", "Ngozi"); brands and foreign places are kept by the vocabulary's keep lists.

    In a message written in capitals (``shouted``) every word starts like an acronym, so that
    sign does not count there.
    """
    lex = ctx.lex
    norm = ctx.tokens[j].norm
    vocabulary = lex.vocabulary
    return (
        len(norm) >= 3
        and not lex.is_name(norm)
        and not lex.is_function_word(norm)
        and norm not in vocabulary.determiners
        and norm not in vocabulary.predicates
        and not lex.is_dutch_word(norm)
        and not lex.is_place_derived(norm)
        and not made_of_known_words(ctx, j, shouted=shouted)
    )


def styled_as_brand(ctx: NameContext, j: int) -> bool:
    """ "DigiD", "PayPal", "HEEMwonen": a capital after the first letter of a word part is how
    brands and acronyms are written, not person names (Mc- and Mac- names are the rare loss)."""
    token = ctx.tokens[j]
    written = ctx.text[token.start : token.end].rstrip(".")
    return any(any(c.isupper() for c in part[1:]) for part in re.split(r"['’-]", written) if part)


def made_of_known_words(ctx: NameContext, j: int, *, shouted: bool = False) -> bool:
    """ "AOW-er", "ZZP'er", "WW-uitkering": a compound of an acronym or a known word."""
    token = ctx.tokens[j]
    written = ctx.text[token.start : token.end]
    if not shouted and len(written) >= 2 and written[:2].isupper():
        return True  # starts with an acronym
    parts = [p for p in re.split(r"['-]", token.norm) if p]
    lex = ctx.lex
    return len(parts) > 1 and any(
        lex.is_dutch_word(p) or (p,) in lex.protected or lex.is_function_word(p) for p in parts
    )


def is_initial(token: Token) -> bool:
    return token.abbreviation and len(token.norm) == 1


def chat_word(ctx: NameContext, norm: str) -> bool:
    """ "hoii", "heyyy", "doeiii": a chat word, also with letters repeated for emphasis; or a
    long word one typing error away from a Dutch word ("Zorgtoeslg?"), which is a question's
    keyword rather than a name."""
    lex = ctx.lex
    chat_words = lex.vocabulary.chat_words
    folded = re.sub(r"(.)\1+", r"\1", norm)
    if norm in chat_words or folded in chat_words or lex.is_dutch_word(folded):
        return True
    return len(norm) >= TYPO_MIN_LENGTH and any(
        variant in lex.lemmas or variant in lex.plurals for variant in _one_edit_away(norm)
    )


def _one_edit_away(word: str) -> Iterator[str]:
    """Words one deletion, transposition, substitution or insertion of a letter from ``word``."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            yield head + tail[1:]
        if len(tail) > 1:
            yield head + tail[1] + tail[0] + tail[2:]
        for letter in letters:
            if tail:
                yield head + letter + tail[1:]
            yield head + letter + tail
