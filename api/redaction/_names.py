"""Person names: first names and surnames, after a cue ("ik heet", "mijn vriend") or on their own.

How sure a word is a name depends on the cue before it:

* introductions, honorifics, labels and signatures ("ik heet", "mevrouw", "Naam:", "groetjes"):
  what follows is a name, also in lower case and also when it is an ordinary word ("ik heet wil");
* "ik ben", "dit is", and relation words ("mijn vriend", "buurvrouw"): a listed name, or a
  capitalised word that is no Dutch word; not a state or role ("ik ben bang", "ik ben kok");
* no cue: a listed name that is no ordinary Dutch word ("sanne", "Jansen"), a capitalised listed
  name inside a sentence unless an article makes it a thing ("met Bos" but "de Bank"), a
  capitalised word inside a sentence that no list knows ("Kan Dmytro namens mij bellen?"), or a
  full name ("Mark de Vries", "J. Smeets").

Place names, organisations and money words are never names, nor are numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum, auto
from typing import Final

from ._lexicon import Lexicon, Protected
from ._model import PiiType, Span
from ._morphology import looks_like_participle
from ._name_parts import (
    NameContext,
    blocked,
    chat_word,
    extend,
    is_initial,
    styled_as_brand,
    surname_after_interfix,
    unknown_word,
)
from ._text import Token, mostly_capitals
from ._vocabulary import NAME_CUE_KINDS, Phrase

_ALLOWED_GAPS = frozenset({"", ",", ":", "-", "–", "—"})
# A capital after an opening quote starts a sentence of its own ('ze zei: "Betaal ..."'). A colon
# does not count: a word no list knows after it is mostly a value, a name ("Contact: Dmytro"); the
# Dutch words that start a sentence after a colon ("Vraag: Kan ik ...") are known words anyway.
_CLAUSE_OPENERS = frozenset("\"“”„«»'‘’")
_SHOUTED_MIN_LENGTH: Final = 4


class _Mode(Enum):
    STRONG = auto()
    SELF = auto()
    RELATION = auto()
    RELATION_CAPS = auto()


def find_names(
    text: str, tokens: Sequence[Token], protected: Sequence[Protected | None], lex: Lexicon
) -> list[Span]:
    """Spans of person names in ``text``; ``tokens`` come from :func:`tokenize` on ``text`` and
    ``protected`` from :meth:`Lexicon.protected_kinds`."""
    ctx = NameContext(text, tokens, lex, protected, shouting=mostly_capitals(text))
    taken = [False] * len(tokens)
    spans: list[Span] = []

    def add(start: int, end: int) -> None:
        spans.append(Span(tokens[start].start, tokens[end - 1].end, PiiType.NAAM))
        for k in range(start, end):
            taken[k] = True

    i = 0
    while i < len(tokens):
        found = _name_after_cue(ctx, i)
        if found is None:
            i += 1
            continue
        start, end = found
        add(start, end)
        i = end
    i = 0
    while i < len(tokens):
        stop = None if taken[i] else _name_without_cue(ctx, i)
        if stop is None:
            i += 1
            continue
        start = _with_leading_unknown(ctx, _with_leading_interfix(ctx, i, taken), taken)
        add(start, stop)
        i = stop
    return spans


# --- cues ----------------------------------------------------------------------------------------


_MODES = {
    "introductions": _Mode.STRONG,
    "honorifics": _Mode.STRONG,
    "signatures": _Mode.STRONG,
    "labels": _Mode.STRONG,
    "self_introductions": _Mode.SELF,
    "relations": _Mode.RELATION,
}


def _name_after_cue(ctx: NameContext, i: int) -> tuple[int, int] | None:
    vocabulary = ctx.lex.vocabulary
    tokens = ctx.tokens
    matches: dict[str, int] = {}
    for phrase, kind in vocabulary.name_cue_index.starting_with(tokens[i].norm):
        if kind not in matches and _phrase_matches(tokens, i, phrase):
            matches[kind] = len(phrase)  # the index lists the longest phrase first
    for kind in NAME_CUE_KINDS:
        if kind not in matches:
            continue
        j = i + matches[kind]
        if j >= len(tokens):
            return None
        gap = ctx.text[tokens[j - 1].end : tokens[j].start].strip()
        if gap not in _ALLOWED_GAPS or (kind == "labels" and gap != ":"):
            continue
        mode = _MODES[kind]
        if mode is _Mode.RELATION and not (
            i > 0 and not tokens[i].break_before and tokens[i - 1].norm in vocabulary.possessives
        ):
            mode = _Mode.RELATION_CAPS
        if mode is _Mode.STRONG:
            while j < len(tokens) - 1 and tokens[j].norm in vocabulary.fillers:
                j += 1
        end = _name_from(ctx, j, mode)
        if end is not None:
            return j, end
    return None


def _phrase_matches(tokens: Sequence[Token], i: int, phrase: Phrase) -> bool:
    part = tokens[i : i + len(phrase)]
    return (
        len(part) == len(phrase)
        and all(t.norm == w for t, w in zip(part, phrase, strict=True))
        and not any(t.break_before for t in part[1:])
    )


def _name_from(ctx: NameContext, j: int, mode: _Mode) -> int | None:
    """End (exclusive token index) of a name starting at ``j`` after a cue of kind ``mode``."""
    tokens = ctx.tokens
    k = j
    while k < len(tokens) and is_initial(tokens[k]) and (k == j or not tokens[k].break_before):
        k += 1  # "dhr. P.J. Smeets"
    bare_initials = k if k > j and mode is _Mode.STRONG else None
    if k >= len(tokens) or (k > j and tokens[k].break_before):
        return bare_initials
    interfix = ctx.lex.interfix_length(tokens, k)
    if interfix:  # "mevrouw van Dijk", "P. de Vries"
        s = k + interfix
        words = tuple(t.norm for t in tokens[k:s])
        if (
            mode is not _Mode.STRONG
            and k == j
            and not tokens[k].capitalised
            and words in ctx.lex.vocabulary.article_interfixes
        ):
            return None  # "ik ben bij de Bakker geweest"
        if s < len(tokens) and not tokens[s].break_before and surname_after_interfix(ctx, s):
            return extend(ctx, s + 1)
        if mode is _Mode.STRONG and k == j and _first_word_after_cue(ctx, k, mode):
            # "ik heet bin": a listed name that is also an interfix ("bin", "el"), with no
            # surname after it, is the name itself after an introduction (privacy fails closed)
            return extend(ctx, k + 1)
    elif _first_word_after_cue(ctx, k, _Mode.STRONG if k > j else mode):
        return extend(ctx, k + 1)
    return bare_initials


def _first_word_after_cue(ctx: NameContext, j: int, mode: _Mode) -> bool:
    token = ctx.tokens[j]
    lex = ctx.lex
    norm = token.norm
    if blocked(ctx, j, allow_places=mode is _Mode.STRONG):
        return False
    is_name = lex.is_name(norm)
    function = lex.is_function_word(norm) or norm in lex.vocabulary.determiners
    if mode is _Mode.STRONG:
        if is_name:
            return True
        if function:
            return False
        return token.capitalised or (len(norm) >= 2 and not lex.is_dutch_word(norm))
    predicate = norm in lex.vocabulary.predicates
    unknown = unknown_word(ctx, j)
    if token.capitalised:
        return is_name or unknown
    if mode is _Mode.RELATION_CAPS:
        return False
    if mode is _Mode.SELF and unknown:
        # "ik ben dmytro": after "ik ben" a word that is no Dutch word is a name, unless it is
        # shaped like a participle the word list lacks ("ik ben afgewezen")
        return not looks_like_participle(norm)
    if mode is _Mode.SELF and function and lex.is_first_name(norm):
        # "ik ben wil, 23 jaar": a function word cannot end the clause, a name can
        return j + 1 >= len(ctx.tokens) or ctx.tokens[j + 1].break_before
    if (
        mode is _Mode.RELATION
        and lex.is_first_name(norm)
        and (function or lex.is_verb_form(norm) or lex.is_finite_verb(norm))
    ):
        return _name_rather_than_verb(ctx, j)
    if function or predicate or not is_name:
        return False
    if not lex.is_dutch_word(norm):
        return True
    return lex.is_first_name(norm) and not lex.is_verb_form(norm)


def _name_rather_than_verb(ctx: NameContext, j: int) -> bool:
    """Whether ``tokens[j]`` after "mijn broer" is the brother's name although it also reads as
    the verb ("lotte", "kent", "wil").

    A Dutch main clause has one finite verb, right after the subject. So when that verb comes after
    the word, the word is the name ("mijn broer lotte wil ook hulp", "mijn vriendin wil heeft
    schulden"); when an object, adverb or infinitive follows, the word is the verb ("mijn broer
    kent de regels", "mijn vriend wil dat ik bel", "mijn vriend wil graag helpen").

    Where the sentence gives no such sign the name wins, because privacy errs on the safe side:
    at the end of a clause ("ik woon bij mijn zus lotte."), before "en" ("mijn broer lotte en
    ik") and before a surname ("mijn vriend wil Ramakers"). Removing the verb in "wat mijn vriend
    wil." costs the bot one word; keeping a name would put it in the tracker and the logs.
    """
    tokens = ctx.tokens
    k = extend(ctx, j + 1)
    if k > j + 1 or k >= len(tokens) or tokens[k].break_before:
        return True
    norm = tokens[k].norm
    return norm == "en" or ctx.lex.is_finite_verb(norm)


# --- names without a cue -------------------------------------------------------------------------


def _name_without_cue(ctx: NameContext, i: int) -> int | None:
    tokens = ctx.tokens
    lex = ctx.lex
    token = tokens[i]
    if blocked(ctx, i):
        return None
    if is_initial(token) and token.capitalised:
        return _name_from(ctx, i, _Mode.RELATION_CAPS)
    norm = token.norm
    if lex.is_function_word(norm) or not lex.is_name(norm):
        end = _surname_with_interfix(ctx, i)
        return end if end is not None else _unknown_capitalised(ctx, i)
    ambiguous = lex.is_dutch_word(norm)
    end = extend(ctx, i + 1)
    rest = tokens[i + 1 : end]
    rest_is_evidence = any(t.capitalised or not lex.is_dutch_word(t.norm) for t in rest)
    if token.capitalised and not token.sentence_start:
        previous = tokens[i - 1] if i > 0 and not token.break_before else None
        if ambiguous and previous is not None and previous.norm in lex.vocabulary.determiners:
            return end if rest_is_evidence else None
        return end
    if not ambiguous:
        return end
    if not token.capitalised and any(t.capitalised for t in tokens):
        # The writer uses capitals, so a lower-case Dutch word is a word, unless a capitalised
        # surname follows right away ("jan Jansen", not "vriend van de Boer").
        direct = end > i + 1 and tokens[i + 1].capitalised
        return end if direct and not lex.interfix_length(tokens, i + 1) else None
    return end if rest_is_evidence else None


def _unknown_capitalised(ctx: NameContext, i: int) -> int | None:
    """ "Kan Dmytro namens mij bellen?": a capitalised word inside a sentence that no list knows.

    Dutch capitalises inside a sentence only names: of people, places, organisations and brands.
    Places, organisations, streets and money words are in the lists, so a capitalised word that is
    none of those, no Dutch word and no acronym is taken for a person. Not after an article ("een
    Ooievaarspas") or a preposition of place ("ik kom uit Eritrea"), where it is a thing or a
    place.

    At the start of a sentence (also after an opening quote) any word is capitalised, chat words
    such as "Hoii" too; there the word is a name in the subject slot, right before the finite
    verb ("Dmytro belt morgen terug", 'zij zei: "Oksana betaalt"'), and when it stands on its own
    ("Dmytro, ik heb een vraag", "Groeten. Oksana"), unless it is a chat word (issue 12).

    In a message written in capitals ("IK HEB MET DMYTRO GEBELD") case says nothing, so there an
    unknown word of four letters or more counts as if it were capitalised (issue 12); shorter ones
    are mostly acronyms.
    """
    tokens = ctx.tokens
    token = tokens[i]
    shouted = (
        ctx.shouting
        and len(token.norm) >= _SHOUTED_MIN_LENGTH
        and ctx.text[token.start : token.end].isupper()
    )
    if not (token.capitalised or shouted) or not unknown_word(ctx, i, shouted=shouted):
        return None
    lex = ctx.lex
    if (not shouted and styled_as_brand(ctx, i)) or token.norm in lex.streets:
        return None
    end = extend(ctx, i + 1)
    if _opens_clause(ctx, i):
        if end < len(tokens) and not tokens[end].break_before:
            return end if lex.is_finite_verb(tokens[end].norm) else None
        if token.abbreviation or chat_word(ctx, token.norm):
            return None  # "Geb. 12-03-85", "Hoii, ik heb een vraag"
        return end
    if not token.break_before:
        previous = tokens[i - 1].norm
        vocabulary = lex.vocabulary
        if previous in vocabulary.determiners or previous in vocabulary.place_prepositions:
            return None
    return end


def _opens_clause(ctx: NameContext, i: int) -> bool:
    token = ctx.tokens[i]
    if token.sentence_start:
        return True
    gap = ctx.text[ctx.tokens[i - 1].end : token.start]
    return any(c in _CLAUSE_OPENERS for c in gap)


def _with_leading_unknown(ctx: NameContext, start: int, taken: Sequence[bool]) -> int:
    """ "Ngozi Okafor belde": a capitalised unknown word written right before a name is its first
    part, also at the start of a sentence."""
    tokens = ctx.tokens
    before = start - 1
    if (
        before < 0
        or taken[before]
        or tokens[start].break_before
        or not tokens[start].capitalised
        or not tokens[before].capitalised
        or blocked(ctx, before)
        or not unknown_word(ctx, before)
        or styled_as_brand(ctx, before)
    ):
        return start
    return before


def _surname_with_interfix(ctx: NameContext, i: int) -> int | None:
    """ "met De Vries gebeld", "van der Heijden": a capitalised surname after an interfix."""
    tokens = ctx.tokens
    interfix = ctx.lex.interfix_length(tokens, i)
    s = i + interfix
    if not interfix or s >= len(tokens) or tokens[s].break_before:
        return None
    surname = tokens[s]
    lex = ctx.lex
    if not surname.capitalised or not surname_after_interfix(ctx, s):
        return None
    interfix_words = tuple(t.norm for t in tokens[i:s])
    if interfix_words in lex.vocabulary.extra_interfixes and not tokens[i].capitalised:
        return None  # "al" and "el" start a surname only as "Al Hassan", "El Amrani"
    if lex.is_first_name(surname.norm) and not tokens[i].capitalised:
        return None  # "een brief van Mark": "van" is a preposition, the name stands alone
    # Dutch spelling capitalises the interfix when no first name precedes ("met De Vries");
    # a lower-case "de" or "van de" before a Dutch word is an article ("van de Post").
    if tokens[i].sentence_start and lex.is_dutch_word(surname.norm):
        return None  # "De Winkel is dicht"
    article = interfix_words in lex.vocabulary.article_interfixes and not tokens[i].capitalised
    if article and lex.is_listed_word(surname.norm):
        return None
    return extend(ctx, s + 1)


def _with_leading_interfix(ctx: NameContext, i: int, taken: Sequence[bool]) -> int:
    """Start of a surname including an interfix written before it ("de" in "met de Vries")."""
    tokens = ctx.tokens
    token = tokens[i]
    lex = ctx.lex
    if not token.capitalised or token.break_before or not lex.is_interfix_surname(token.norm):
        return i
    if lex.is_first_name(token.norm):
        return i  # "een brief van Mark"
    for length in (3, 2, 1):
        start = i - length
        if start < 0 or taken[start] or lex.interfix_length(tokens, start) != length:
            continue
        words = tuple(t.norm for t in tokens[start:i])
        if words in lex.vocabulary.extra_interfixes and not tokens[start].capitalised:
            return i  # "ik heb al Bakker gebeld"
        return start
    return i
