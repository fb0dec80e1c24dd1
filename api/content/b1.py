"""Every text the chat says to residents is Dutch at B1 level: the one checker.

Per answer: Flesch-Douma at least 60 (for texts of 12 words or more), no sentence over 20
words, and rare words only from the list in ``b1_words.yml``; the words that must be explained
are explained where they are used. ``tests/content/test_b1.py`` runs it over every text, the
editors' pages run it on each edit, and publishing runs it on the whole draft.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import textstat
import yaml
from wordfreq import zipf_frequency

__all__ = [
    "ALLOWED",
    "EXPLAIN",
    "MAX_SENTENCE_WORDS",
    "MIN_DOUMA",
    "MIN_WORDS_FOR_DOUMA",
    "Problem",
    "answer_texts",
    "check",
    "domain_texts",
    "explained",
    "flesch_douma",
    "plain",
    "rare_words",
    "sentences",
    "uses_term",
    "yaml_texts",
]

WORDS = yaml.safe_load(Path(__file__).with_name("b1_words.yml").read_text(encoding="utf-8"))
EXPLAIN: list[str] = list(WORDS["explain"])
ALLOWED = {w.lower() for w in WORDS["allowed"]} | {w.lower() for w in EXPLAIN}
RARE_BELOW = 3.0  # Zipf frequency: about one in a million words
MIN_DOUMA = 60
# Reading-ease formulas say nothing about a label or a one-line question ("Heeft u een
# Nederlandse zorgverzekering?"); shorter texts are checked for sentence length and words only.
MIN_WORDS_FOR_DOUMA = 12
MAX_SENTENCE_WORDS = 20

textstat.set_lang("nl")


@dataclass(frozen=True)
class Problem:
    """One reason a text is not B1; ``sentence`` is the offending sentence when there is one."""

    kind: Literal["douma", "sentence_length", "rare_words", "unexplained"]
    sentence: str = ""
    words: tuple[str, ...] = ()
    number: float = 0


def _is_english(variant: dict[str, Any]) -> bool:
    conditions = variant.get("condition") or []
    return any(
        isinstance(c, dict) and c.get("name") == "language" and c.get("value") == "en"
        for c in conditions
    )


def domain_texts(root: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((root / "bot" / "domain").glob("*.yml")):
        domain = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, variants in (domain.get("responses") or {}).items():
            for variant in variants:
                if _is_english(variant):
                    continue  # English variants for residents who write English (issue 10)
                yield f"{path.name}:{name}", variant["text"]


def yaml_texts(path: Path, section: str, fields: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))[section]
    for key, entry in data.items():
        if isinstance(entry, str):
            yield f"{path.name}:{key}", entry
            continue
        for field in fields:
            if isinstance(entry.get(field), str):
                yield f"{path.name}:{key}.{field}", entry[field]


def answer_texts(root: Path) -> list[tuple[str, str]]:
    """Every resident-facing Dutch text under ``root``: (where, text)."""
    texts = list(domain_texts(root))
    texts += yaml_texts(root / "actions" / "texts.nl.yml", "texts", ("text",))
    texts += yaml_texts(root / "api" / "texts.nl.yml", "texts", ())
    texts += yaml_texts(root / "actions" / "terms.nl.yml", "terms", ("text",))
    texts += yaml_texts(root / "actions" / "rephrase.nl.yml", "texts", ("text",))
    texts += yaml_texts(
        root / "benefits_rules" / "data" / "questions.yaml", "questions", ("text", "why")
    )
    # The handoff summary's lines, as benefits_rules.describe words them.
    texts += [
        (where, text)
        for where, text in yaml_texts(root / "benefits_rules" / "data" / "common.yaml", "texts", ())
        if where.startswith(("common.yaml:describe_", "common.yaml:period_"))
    ]
    strings = json.loads((root / "web_widget" / "strings.nl.json").read_text(encoding="utf-8"))
    texts += [
        (f"strings.nl.json:{k}", v)
        for k, v in strings.items()
        if isinstance(v, str) and len(v.split()) >= 6
    ]
    return texts


def plain(text: str) -> str:
    """Text without placeholders, URLs, phone numbers and amounts (they are not words)."""
    text = re.sub(r"\{[a-z_]+\}|https?://\S+|\b[\d.,:-]+\b|€", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def flesch_douma(plain_text: str) -> float:
    return float(textstat.flesch_reading_ease(plain_text))


@cache
def _common(word: str) -> bool:
    return bool(zipf_frequency(word, "nl") >= RARE_BELOW)


def _is_common_compound(word: str) -> bool:
    """Dutch glues common words together: 'betaalregeling' = 'betaal' + 'regeling'."""
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        for joint in ("", "s", "e", "en"):
            if head.endswith(joint) and joint:
                stem = head[: -len(joint)]
            elif not joint:
                stem = head
            else:
                continue
            if len(stem) >= 3 and _common(stem) and (_common(tail) or _is_common_compound(tail)):
                return True
    return False


def rare_words(text: str) -> list[str]:
    rare = []
    for token in re.findall(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*", plain(text)):
        word = token.lower()
        if word in ALLOWED or len(word) <= 2:
            continue
        parts = word.split("-")
        if all(_common(p) or _is_common_compound(p) or p in ALLOWED for p in parts):
            continue
        rare.append(token)
    return rare


def uses_term(term: str, text: str) -> bool:
    return re.search(rf"\b{term}\b", text, re.IGNORECASE) is not None


def explained(term: str, text: str) -> bool:
    """'Dat heet toeslag', 'Een toeslag is ...' or 'toeslag. Dat is ...'."""
    pattern = re.compile(
        rf"(dat heet (de |een )?{term}\b|\b(een |de )?{term} is\b|\b{term}\. (dat|het) is\b)",
        re.IGNORECASE,
    )
    return pattern.search(text) is not None


def _original_sentence(text: str, plain_sentence: str) -> str:
    """The sentence of ``text`` (as written) whose plain form is ``plain_sentence``."""
    for sentence in sentences(text):
        if plain(sentence) == plain_sentence:
            return sentence.strip()
    return plain_sentence


def check(text: str, *, terms_must_be_explained: bool = False) -> list[Problem]:
    """Why ``text`` is not B1, with the offending sentences (empty: it is B1).

    The same checks and thresholds as the content tests; ``terms_must_be_explained`` adds the
    rule for bot responses and action texts that a word in ``explain`` is explained there.
    """
    problems: list[Problem] = []
    plain_text = plain(text)
    if len(plain_text.split()) >= MIN_WORDS_FOR_DOUMA:
        douma = flesch_douma(plain_text)
        if douma < MIN_DOUMA:
            problems.append(Problem("douma", number=round(douma)))
    for sentence in sentences(plain_text):
        words = len(sentence.split())
        if words > MAX_SENTENCE_WORDS:
            problems.append(
                Problem("sentence_length", _original_sentence(text, sentence), number=words)
            )
    rare = rare_words(text)
    if rare:
        marked = [s.strip() for s in sentences(text) if rare_words(s)]
        problems.append(Problem("rare_words", " ".join(marked), words=tuple(rare)))
    if terms_must_be_explained:
        missing = tuple(t for t in EXPLAIN if uses_term(t, text) and not explained(t, text))
        if missing:
            problems.append(Problem("unexplained", words=missing))
    return problems
