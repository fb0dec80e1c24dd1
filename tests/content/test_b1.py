"""Every text the chat says to residents is Dutch at B1 level.

Per answer: Flesch-Douma at least 60, no sentence over 20 words, and rare words only from the
list in b1_words.yml; the words that must be explained are explained where they are used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import textstat
import yaml
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[2]
WORDS = yaml.safe_load((Path(__file__).with_name("b1_words.yml")).read_text(encoding="utf-8"))
ALLOWED = {w.lower() for w in WORDS["allowed"]} | {w.lower() for w in WORDS["explain"]}
RARE_BELOW = 3.0  # Zipf frequency: about one in a million words
MIN_DOUMA = 60
# Reading-ease formulas say nothing about a label or a one-line question ("Heeft u een
# Nederlandse zorgverzekering?"); shorter texts are checked for sentence length and words only.
MIN_WORDS_FOR_DOUMA = 12
MAX_SENTENCE_WORDS = 20

textstat.set_lang("nl")


def _is_english(variant: dict[str, object]) -> bool:
    conditions = variant.get("condition") or []
    return any(
        isinstance(c, dict) and c.get("name") == "language" and c.get("value") == "en"
        for c in conditions  # type: ignore[union-attr]
    )


def _domain_texts() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        domain = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, variants in (domain.get("responses") or {}).items():
            for variant in variants:
                if _is_english(variant):
                    continue  # English variants for residents who write English (issue 10)
                yield f"{path.name}:{name}", variant["text"]


def _yaml_texts(path: Path, section: str, fields: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))[section]
    for key, entry in data.items():
        if isinstance(entry, str):
            yield f"{path.name}:{key}", entry
            continue
        for field in fields:
            if isinstance(entry.get(field), str):
                yield f"{path.name}:{key}.{field}", entry[field]


def answer_texts() -> list[tuple[str, str]]:
    texts = list(_domain_texts())
    texts += _yaml_texts(ROOT / "actions" / "texts.nl.yml", "texts", ("text",))
    texts += _yaml_texts(ROOT / "api" / "texts.nl.yml", "texts", ())
    texts += _yaml_texts(ROOT / "actions" / "terms.nl.yml", "terms", ("text",))
    texts += _yaml_texts(ROOT / "actions" / "rephrase.nl.yml", "texts", ("text",))
    texts += _yaml_texts(
        ROOT / "benefits_rules" / "data" / "questions.yaml", "questions", ("text", "why")
    )
    # The handoff summary's lines, as benefits_rules.describe words them.
    texts += [
        (where, text)
        for where, text in _yaml_texts(
            ROOT / "benefits_rules" / "data" / "common.yaml", "texts", ()
        )
        if where.startswith(("common.yaml:describe_", "common.yaml:period_"))
    ]
    strings = json.loads((ROOT / "web_widget" / "strings.nl.json").read_text(encoding="utf-8"))
    texts += [
        (f"strings.nl.json:{k}", v)
        for k, v in strings.items()
        if isinstance(v, str) and len(v.split()) >= 6
    ]
    return texts


def _plain(text: str) -> str:
    """Text without placeholders, URLs, phone numbers and amounts (they are not words)."""
    text = re.sub(r"\{[a-z_]+\}|https?://\S+|\b[\d.,:-]+\b|€", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


@cache
def _common(word: str) -> bool:
    return zipf_frequency(word, "nl") >= RARE_BELOW


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
    for token in re.findall(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*", _plain(text)):
        word = token.lower()
        if word in ALLOWED or len(word) <= 2:
            continue
        parts = word.split("-")
        if all(_common(p) or _is_common_compound(p) or p in ALLOWED for p in parts):
            continue
        rare.append(token)
    return rare


TEXTS = answer_texts()


def test_there_are_answer_texts_to_check() -> None:
    assert len(TEXTS) > 60


@pytest.mark.parametrize(("where", "text"), TEXTS, ids=[w for w, _ in TEXTS])
def test_answer_is_b1(where: str, text: str) -> None:
    plain = _plain(text)
    if len(plain.split()) >= MIN_WORDS_FOR_DOUMA:
        douma = textstat.flesch_reading_ease(plain)
        assert douma >= MIN_DOUMA, f"{where}: Flesch-Douma {douma:.0f} < {MIN_DOUMA}: {text}"
    for sentence in _sentences(plain):
        words = len(sentence.split())
        assert words <= MAX_SENTENCE_WORDS, f"{where}: {words} words in: {sentence}"
    assert rare_words(text) == [], f"{where}: rare words"


@pytest.mark.parametrize("term", WORDS["explain"])
def test_terms_are_explained_where_used(term: str) -> None:
    pattern = re.compile(rf"\b{term}\b", re.IGNORECASE)
    explained = re.compile(
        rf"(dat heet (de |een )?{term}\b|\b(een |de )?{term} is\b|\b{term}\. (dat|het) is\b)",
        re.IGNORECASE,
    )
    texts = [*_domain_texts(), *_yaml_texts(ROOT / "actions" / "texts.nl.yml", "texts", ("text",))]
    users = [(w, t) for w, t in texts if pattern.search(t)]
    assert users, f"no answer uses {term!r}"
    unexplained = [w for w, t in users if not explained.search(t)]
    assert unexplained == [], f"{term!r} used without explanation"
