"""The project's own word lists for redaction, read from ``data/vocabulary.yaml``.

The file is data that editors maintain, so a mistake in it is reported with the file, the line and
the field, not as a stack trace from deep inside the detectors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import yaml

from ._text import normalise_phrase

_FILE: Final = "vocabulary.yaml"

# section -> field -> kind of value ("words" = list of words or phrases, "months" = name -> 1..12)
_SCHEMA: Final[Mapping[str, Mapping[str, str]]] = {
    "name_cues": {
        "introductions": "words",
        "labels": "words",
        "honorifics": "words",
        "signatures": "words",
        "self_introductions": "words",
        "relations": "words",
        "possessives": "words",
        "fillers": "words",
        "finite_verbs": "words",
    },
    "name_parts": {"extra_interfixes": "words", "demonym_endings": "words"},
    "not_names": {
        "function_words": "words",
        "determiners": "words",
        "article_interfixes": "words",
        "predicates": "words",
        "place_prepositions": "words",
        "chat_words": "words",
    },
    "keep": {"places": "words", "organisations": "words", "money_words": "words"},
    "addresses": {
        "street_suffixes": "words",
        "not_streets": "words",
        "house_number_words": "words",
        "residence_cues": "words",
        "residence_prepositions": "words",
        "articles": "words",
        "postcode_letter_stoplist": "words",
    },
    "numbers": {"units": "words"},
    "dates": {"birth_cues": "words", "months": "months"},
    "identifiers": {
        "number_labels": "words",
        "bsn_labels": "words",
        "plate_labels": "words",
        "label_fillers": "words",
    },
}


# The kinds of name cue, strongest first (see _names.py).
NAME_CUE_KINDS: Final = (
    "introductions",
    "honorifics",
    "signatures",
    "labels",
    "self_introductions",
    "relations",
)


class VocabularyError(ValueError):
    """The vocabulary file does not have the expected shape."""


Phrase = tuple[str, ...]


class PhraseIndex:
    """Phrases grouped by their first word, longest first, each with a label.

    Matching at a token position then looks at the few phrases that start with that word instead
    of all of them.
    """

    __slots__ = ("_by_first",)

    def __init__(self, labelled: Mapping[str, frozenset[Phrase]]) -> None:
        by_first: dict[str, list[tuple[Phrase, str]]] = {}
        for label, phrases in labelled.items():
            for phrase in phrases:
                by_first.setdefault(phrase[0], []).append((phrase, label))
        self._by_first = {
            first: tuple(sorted(entries, key=lambda e: -len(e[0])))
            for first, entries in by_first.items()
        }

    def starting_with(self, word: str) -> tuple[tuple[Phrase, str], ...]:
        """(phrase, label) pairs whose first word is ``word``, longest first."""
        return self._by_first.get(word, ())


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Normalised (case-folded) words and phrases; phrases are tuples of words."""

    introductions: frozenset[Phrase]
    labels: frozenset[Phrase]
    honorifics: frozenset[Phrase]
    signatures: frozenset[Phrase]
    self_introductions: frozenset[Phrase]
    relations: frozenset[Phrase]
    possessives: frozenset[str]
    fillers: frozenset[str]
    finite_verbs: frozenset[str]
    extra_interfixes: frozenset[Phrase]
    demonym_endings: frozenset[str]
    function_words: frozenset[str]
    determiners: frozenset[str]
    article_interfixes: frozenset[Phrase]
    predicates: frozenset[str]
    place_prepositions: frozenset[str]
    places: frozenset[Phrase]
    organisations: frozenset[Phrase]
    money_words: frozenset[Phrase]
    street_suffixes: tuple[str, ...]
    not_streets: frozenset[str]
    house_number_words: frozenset[str]
    residence_cues: frozenset[Phrase]
    residence_prepositions: frozenset[str]
    articles: frozenset[str]
    postcode_letter_stoplist: frozenset[str]
    units: frozenset[str]
    birth_cues: frozenset[Phrase]
    months: Mapping[str, int]
    number_labels: frozenset[Phrase]
    bsn_labels: frozenset[Phrase]
    plate_labels: frozenset[Phrase]
    label_fillers: frozenset[str]
    chat_words: frozenset[str]
    name_cue_index: PhraseIndex
    residence_cue_index: PhraseIndex


def load_vocabulary() -> Vocabulary:
    """Read and check ``data/vocabulary.yaml`` shipped inside this package."""
    text = (Path(__file__).parent / "data" / _FILE).read_text(encoding="utf-8")
    return parse_vocabulary(text, source=f"api/redaction/data/{_FILE}")


def parse_vocabulary(text: str, *, source: str) -> Vocabulary:
    """Parse vocabulary YAML; raise :class:`VocabularyError` naming ``source``, line and field."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{source}: not valid YAML: {exc}") from exc
    if not isinstance(root, yaml.MappingNode):
        raise VocabularyError(f"{source}:1: expected a mapping of sections")
    sections = _mapping(root, source, "")
    _no_unknown_keys(sections, _SCHEMA, source, "")
    words: dict[str, frozenset[Phrase]] = {}
    months: dict[str, int] = {}
    for section, fields in _SCHEMA.items():
        node = _require(sections, section, root, source, "")
        if not isinstance(node, yaml.MappingNode):
            raise VocabularyError(f"{source}:{_line(node)}: {section}: expected a mapping")
        children = _mapping(node, source, section)
        _no_unknown_keys(children, fields, source, section)
        for field, kind in fields.items():
            child = _require(children, field, node, source, section)
            where = f"{section}.{field}"
            if kind == "months":
                months = _months(child, source, where)
            else:
                words[field] = _words(child, source, where)
    return Vocabulary(
        introductions=words["introductions"],
        labels=words["labels"],
        honorifics=words["honorifics"],
        signatures=words["signatures"],
        self_introductions=words["self_introductions"],
        relations=words["relations"],
        possessives=_single_words(words["possessives"]),
        fillers=_single_words(words["fillers"]),
        finite_verbs=_single_words(words["finite_verbs"]),
        extra_interfixes=words["extra_interfixes"],
        demonym_endings=_single_words(words["demonym_endings"]),
        function_words=_single_words(words["function_words"]),
        determiners=_single_words(words["determiners"]),
        article_interfixes=words["article_interfixes"],
        predicates=_single_words(words["predicates"]),
        place_prepositions=_single_words(words["place_prepositions"]),
        places=words["places"],
        organisations=words["organisations"],
        money_words=words["money_words"],
        # Longest first, so "straatje" is tried before "straat".
        street_suffixes=tuple(
            sorted(_single_words(words["street_suffixes"]), key=lambda s: (-len(s), s))
        ),
        not_streets=_single_words(words["not_streets"]),
        house_number_words=_single_words(words["house_number_words"]),
        residence_cues=words["residence_cues"],
        residence_prepositions=_single_words(words["residence_prepositions"]),
        articles=_single_words(words["articles"]),
        postcode_letter_stoplist=_single_words(words["postcode_letter_stoplist"]),
        units=_single_words(words["units"]),
        birth_cues=words["birth_cues"],
        months=months,
        number_labels=words["number_labels"],
        bsn_labels=words["bsn_labels"],
        plate_labels=words["plate_labels"],
        label_fillers=_single_words(words["label_fillers"]),
        chat_words=_single_words(words["chat_words"]),
        name_cue_index=PhraseIndex({field: words[field] for field in NAME_CUE_KINDS}),
        residence_cue_index=PhraseIndex({"residence": words["residence_cues"]}),
    )


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _mapping(node: yaml.MappingNode, source: str, where: str) -> dict[str, yaml.Node]:
    result: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or not isinstance(key.value, str):
            raise VocabularyError(f"{source}:{_line(key)}: {where or 'top'}: keys must be text")
        if key.value in result:
            raise VocabularyError(
                f"{source}:{_line(key)}: {_join(where, key.value)}: appears twice"
            )
        result[key.value] = value
    return result


def _no_unknown_keys(
    found: Mapping[str, yaml.Node], expected: Mapping[str, object], source: str, where: str
) -> None:
    for key, node in found.items():
        if key not in expected:
            known = ", ".join(expected)
            raise VocabularyError(
                f"{source}:{_line(node)}: {_join(where, key)}: unknown field (expected: {known})"
            )


def _require(
    found: Mapping[str, yaml.Node], key: str, parent: yaml.Node, source: str, where: str
) -> yaml.Node:
    if key not in found:
        raise VocabularyError(f"{source}:{_line(parent)}: {_join(where, key)}: missing")
    return found[key]


def _words(node: yaml.Node, source: str, where: str) -> frozenset[Phrase]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise VocabularyError(f"{source}:{_line(node)}: {where}: expected a non-empty list")
    result: set[Phrase] = set()
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag != "tag:yaml.org,2002:str":
            raise VocabularyError(f"{source}:{_line(item)}: {where}: every entry must be text")
        phrase = tuple(normalise_phrase(item.value).split())
        if not phrase:
            raise VocabularyError(f"{source}:{_line(item)}: {where}: empty entry")
        result.add(phrase)
    return frozenset(result)


def _months(node: yaml.Node, source: str, where: str) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode) or not node.value:
        raise VocabularyError(f"{source}:{_line(node)}: {where}: expected month name: number")
    result: dict[str, int] = {}
    for key, value in node.value:
        number = value.value if isinstance(value, yaml.ScalarNode) else None
        if (
            not isinstance(key, yaml.ScalarNode)
            or value.tag != "tag:yaml.org,2002:int"
            or not isinstance(number, str)
            or not 1 <= int(number) <= 12
        ):
            raise VocabularyError(
                f"{source}:{_line(key)}: {where}: expected month name: number from 1 to 12"
            )
        result[normalise_phrase(str(key.value))] = int(number)
    return result


def _single_words(phrases: frozenset[Phrase]) -> frozenset[str]:
    return frozenset(" ".join(p) for p in phrases)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
