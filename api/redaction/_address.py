"""Addresses: a postcode with or without house number, and a street with a house number.

A street is recognised from the BAG street list (via deduce) or from its ending ("-straat",
"-laan"), and counts as an address when a house number follows ("Akerstraat 12", "Op de Nobel 3a")
or when the resident says they live there ("ik woon in de Kissel"). The street and the number are
removed, the place is kept: the benefits check may need the municipality.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from stdnum.nl import postcode as nl_postcode

from ._lexicon import STREET_MAX_WORDS, Lexicon, Protected
from ._model import PiiType, Span
from ._text import Token, normalise
from ._vocabulary import Vocabulary

_POSTCODE_RE: Final = re.compile(r"(?<![\w€$£.,])([1-9]\d{3})(\s?)([A-Za-z]{2})(?![\w-])")
_HOUSE_NUMBER_RE: Final = re.compile(
    r"(?P<lead>[ \t]*,?[ \t]*(?:(?P<word>[A-Za-z]+)\.?[ \t]*)?)"
    r"(?P<number>[1-9]\d{0,4})"
    r"(?P<addition>-?[A-Za-z](?!\w)|[ \t][A-Z](?!\w)|[ \t]?[-/][ \t]?\d{1,4}[A-Za-z]?(?!\w))?"
    r"(?!\w|[.,]\d)"
)
_POSTCODE_AFTER_RE: Final = re.compile(r"[ \t]*,?[ \t]*[1-9]\d{3}[ \t]?[A-Za-z]{2}(?![\w-])")
_AMOUNT_AFTER_RE: Final = re.compile(r"\s*(?:%|,-|,\d|:\d)")
_CURRENCY_BEFORE_RE: Final = re.compile(r"(?:€|\beur|\beuro|\$|£)\s*$", re.IGNORECASE)


def find_postcodes(
    text: str, vocabulary: Vocabulary, public: frozenset[str] = frozenset()
) -> list[Span]:
    """ "6411 AB", "6411AB 12", "6411 ab, nr 12": a valid Dutch postcode, with its house number.

    Postcodes in ``public`` ("6411NE": those of public offices the bot names) are kept.
    """
    spans = []
    for match in _POSTCODE_RE.finditer(text):
        digits, space, letters = match.groups()
        if not nl_postcode.is_valid(digits + letters) or digits + letters.upper() in public:
            continue
        if _currency_before(text, match.start()):
            continue
        end, has_number = _house_number_after(text, match.end(), vocabulary)
        if letters.casefold() in vocabulary.postcode_letter_stoplist:
            # "1200 en 300": a word, unless written as a postcode in capitals with a number
            if not (letters.isupper() and has_number):
                continue
        elif space and not letters.isupper() and not has_number:
            continue  # "6411 ab" alone may be anything; "6411AB" or "6411 AB" is a postcode
        spans.append(Span(match.start(), end, PiiType.ADRES))
    return spans


def find_streets(
    text: str, tokens: Sequence[Token], protected: Sequence[Protected | None], lex: Lexicon
) -> list[Span]:
    """Streets followed by a house number, and streets named as where the resident lives.

    ``protected`` comes from :meth:`Lexicon.protected_kinds` for ``tokens``.
    """
    spans: list[Span] = []
    for k, token in enumerate(tokens):
        if not token.is_number or k == 0:
            continue
        end, has_number = _house_number_after(text, tokens[k - 1].end, lex.vocabulary)
        if not has_number or _currency_before(text, token.start):
            continue
        last = k - 1
        if tokens[last].norm in lex.vocabulary.house_number_words and last > 0:
            last -= 1
        if tokens[last].is_number or (last < k - 1 and tokens[last + 1].break_before):
            continue
        if tokens[k].break_before and _gap(text, tokens[k - 1], tokens[k]) not in ("", ","):
            continue
        start = _street_ending_at(tokens, protected, last, lex, with_number=True)
        if start is None:
            start = _unlisted_street(text, tokens, protected, last, end, lex)
        if start is not None:
            spans.append(Span(tokens[start].start, end, PiiType.ADRES))
    spans.extend(_streets_after_residence_cue(text, tokens, protected, lex))
    return spans


def _unlisted_street(
    text: str,
    tokens: Sequence[Token],
    protected: Sequence[Protected | None],
    last: int,
    end: int,
    lex: Lexicon,
) -> int | None:
    """ "aan de Nieuw Eyckholt 145", "Nieuw Eyckholt 75, 6443 QI": capitalised words that are no
    Dutch word, no name and no place, before a house number, count as a street the lists lack
    when an article stands before them or a postcode follows (issue 12: fails closed). Without
    such a sign "Klarna 300" stays."""
    first = last
    while (
        first >= 0
        and tokens[first].is_word
        # as written: in a message in capitals or Title Case the token says "not informative"
        and text[tokens[first].start].isupper()
        and protected[first] is None
        and not lex.is_function_word(tokens[first].norm)
        and last - first < STREET_MAX_WORDS
        and (first == last or not tokens[first + 1].break_before)
    ):
        first -= 1
    first += 1
    if first > last or lex.is_dutch_word(tokens[last].norm) or lex.is_name(tokens[last].norm):
        return None
    article_before = (
        first > 0
        and not tokens[first].break_before
        and tokens[first - 1].norm in lex.vocabulary.articles
    )
    if article_before or _POSTCODE_AFTER_RE.match(text, end):
        return first
    return None


def _gap(text: str, before: Token, after: Token) -> str:
    return text[before.end : after.start].strip()


def _streets_after_residence_cue(
    text: str, tokens: Sequence[Token], protected: Sequence[Protected | None], lex: Lexicon
) -> list[Span]:
    """ "ik woon op de Kissel", "ik woon nu in de Akerstraat": no number needed."""
    vocabulary = lex.vocabulary
    spans = []
    for i in range(len(tokens)):
        length = next(
            (
                len(cue)
                for cue, _ in vocabulary.residence_cue_index.starting_with(tokens[i].norm)
                if tuple(t.norm for t in tokens[i : i + len(cue)]) == cue
            ),
            0,
        )
        if not length:
            continue
        j = i + length
        prepositions = vocabulary.residence_prepositions
        # up to two small words ("nu", "al", "sinds kort") before the preposition
        while j < len(tokens) and j < i + length + 2 and lex.is_function_word(tokens[j].norm):
            if tokens[j].norm in prepositions:
                break
            j += 1
        if j < len(tokens) and tokens[j].norm in prepositions:
            j += 1
        if j < len(tokens) and tokens[j].norm in vocabulary.articles:
            j += 1
        if j >= len(tokens):
            continue
        for last in range(min(len(tokens), j + STREET_MAX_WORDS) - 1, j - 1, -1):
            start = _street_ending_at(tokens, protected, last, lex, with_number=False)
            if start != j:
                continue
            end = tokens[last].end
            if last + 1 < len(tokens) and tokens[last + 1].is_number:
                end, _ = _house_number_after(text, end, vocabulary)
            spans.append(Span(tokens[j].start, end, PiiType.ADRES))
            break
    return spans


def _street_ending_at(
    tokens: Sequence[Token],
    protected: Sequence[Protected | None],
    last: int,
    lex: Lexicon,
    *,
    with_number: bool,
) -> int | None:
    """First token of a street name whose last word is ``tokens[last]``, or None.

    ``with_number`` tells whether a house number follows; without one the street comes after a
    residence cue ("ik woon op de ...").
    """
    vocabulary = lex.vocabulary
    end_token = tokens[last]
    if not end_token.is_word or end_token.norm in vocabulary.not_streets:
        return None
    if lex.is_function_word(end_token.norm):
        return None
    if protected[last] is not None and not _street_named_like_place(
        tokens, protected, last, vocabulary, with_number=with_number
    ):
        return None
    # The longest street from the list that ends here. Places may be part of a street name
    # ("Oranje Nassaustraat"), organisations and money words may not.
    for length in range(min(STREET_MAX_WORDS, last + 1), 0, -1):
        first = last - length + 1
        part = tokens[first : last + 1]
        if any(t.break_before for t in part[1:]):
            continue
        if any(protected[k] not in (None, Protected.PLACE) for k in range(first, last + 1)):
            continue
        if part[0].norm in vocabulary.determiners and not part[0].capitalised:
            continue  # the list also has "de Nobelstraat"; the article is no part of the address
        if " ".join(t.norm for t in part) not in lex.streets:
            continue
        if length == 1 and not _plausible_single_word_street(end_token, lex, not with_number):
            continue
        if length > 1 and not (
            any(t.capitalised for t in part)
            or _has_street_suffix(end_token.norm, vocabulary)
            or not lex.is_dutch_word(end_token.norm)
        ):
            continue
        return first
    # Not in the list (a new street, a typo): go by the ending, with capitalised words before it.
    if not _has_street_suffix(end_token.norm, vocabulary):
        return None
    if not end_token.capitalised and lex.is_dutch_word(end_token.norm):
        return None  # "snelweg", "hoofdstraat" written as ordinary words
    first = last
    while first > 0 and last - first < STREET_MAX_WORDS - 1 and not tokens[first].break_before:
        before = tokens[first - 1]
        if not before.capitalised or protected[first - 1] is not None:
            break
        if lex.is_function_word(before.norm) or before.sentence_start:
            break
        first -= 1
    return first


def _street_named_like_place(
    tokens: Sequence[Token],
    protected: Sequence[Protected | None],
    last: int,
    vocabulary: Vocabulary,
    *,
    with_number: bool,
) -> bool:
    """ "de Heerlerbaan 22" is a street, "Heerlen 12" and "in Simpelveld" are not: a place name
    counts as a street after an article, or with a street ending and a house number."""
    if protected[last] is not Protected.PLACE:
        return False
    if last > 0 and tokens[last - 1].norm in vocabulary.articles:
        return True
    return with_number and _has_street_suffix(tokens[last].norm, vocabulary)


def _plausible_single_word_street(token: Token, lex: Lexicon, after_residence_cue: bool) -> bool:
    """A one-word street that is also a Dutch word ("Markt", "Bongerd") must be capitalised."""
    if _has_street_suffix(token.norm, lex.vocabulary) and not lex.is_dutch_word(token.norm):
        return True
    if not lex.is_dutch_word(token.norm):
        return token.capitalised or after_residence_cue or len(token.norm) >= 5
    return token.capitalised and (not token.sentence_start or after_residence_cue)


def _has_street_suffix(norm: str, vocabulary: Vocabulary) -> bool:
    return any(
        norm.endswith(suffix) and len(norm) >= len(suffix) + 3
        for suffix in vocabulary.street_suffixes
    )


def _house_number_after(text: str, pos: int, vocabulary: Vocabulary) -> tuple[int, bool]:
    """End of a house number starting at ``pos`` (after a street or postcode), if there is one.

    A number followed by a unit ("12 maanden", "12 euro") is a count or an amount, not a house
    number.
    """
    match = _HOUSE_NUMBER_RE.match(text, pos)
    if match is None:
        return pos, False
    word = match.group("word")
    if word is not None and normalise(word) not in vocabulary.house_number_words:
        return pos, False
    end = match.end()
    if _AMOUNT_AFTER_RE.match(text, end):
        return pos, False
    following = re.match(r"\s*([^\W\d_]+|€|%)", text[end:])
    if following is not None and normalise(following.group(1)) in vocabulary.units:
        return pos, False
    return end, True


def _currency_before(text: str, pos: int) -> bool:
    return bool(_CURRENCY_BEFORE_RE.search(text[max(0, pos - 6) : pos]))
