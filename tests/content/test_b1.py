"""Every text the chat says to residents is Dutch at B1 level.

Per answer: Flesch-Douma at least 60, no sentence over 20 words, and rare words only from the
list in api/content/b1_words.yml; the words that must be explained are explained where they are
used. The checker is ``api.content.b1`` (the editors' pages and publishing use it too).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.content import b1

ROOT = Path(__file__).resolve().parents[2]
TEXTS = b1.answer_texts(ROOT)


def test_there_are_answer_texts_to_check() -> None:
    assert len(TEXTS) > 60


@pytest.mark.parametrize(("where", "text"), TEXTS, ids=[w for w, _ in TEXTS])
def test_answer_is_b1(where: str, text: str) -> None:
    plain = b1.plain(text)
    if len(plain.split()) >= b1.MIN_WORDS_FOR_DOUMA:
        douma = b1.flesch_douma(plain)
        assert douma >= b1.MIN_DOUMA, f"{where}: Flesch-Douma {douma:.0f} < {b1.MIN_DOUMA}: {text}"
    for sentence in b1.sentences(plain):
        words = len(sentence.split())
        assert words <= b1.MAX_SENTENCE_WORDS, f"{where}: {words} words in: {sentence}"
    assert b1.rare_words(text) == [], f"{where}: rare words"


@pytest.mark.parametrize("term", b1.EXPLAIN)
def test_terms_are_explained_where_used(term: str) -> None:
    texts = [
        *b1.domain_texts(ROOT),
        *b1.yaml_texts(ROOT / "actions" / "texts.nl.yml", "texts", ("text",)),
    ]
    users = [(w, t) for w, t in texts if b1.uses_term(term, t)]
    assert users, f"no answer uses {term!r}"
    unexplained = [w for w, t in users if not b1.explained(term, t)]
    assert unexplained == [], f"{term!r} used without explanation"


def test_check_passes_every_answer_text() -> None:
    """The editors' check agrees with the tests above on every text of the repository."""
    assert {w: b1.check(t) for w, t in TEXTS if b1.check(t)} == {}


def test_check_names_the_offending_sentence() -> None:
    long = " ".join(["Dit is een heel lange zin"] * 5) + "."
    problems = b1.check(f"Bel de gemeente. {long}")
    assert [p.kind for p in problems if p.kind == "sentence_length"] == ["sentence_length"]
    assert next(p for p in problems if p.kind == "sentence_length").sentence == long
    rare = b1.check("U krijgt een subsidiabele tegemoetkomingsbeschikking.")
    assert rare[-1].kind == "rare_words"
    assert rare[-1].words == ("subsidiabele",)
    assert [p.kind for p in b1.check("Dit is een toeslag.", terms_must_be_explained=True)] == [
        "unexplained"
    ]
    assert b1.check("Een toeslag is geld van de overheid.", terms_must_be_explained=True) == []
