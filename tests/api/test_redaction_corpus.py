"""Recall per kind and false positives of the redaction step on the Dutch test corpus.

Aims from issue 7: 100% recall for BSN, IBAN, e-mail, phone and postcode with house number; at
least 95% for names and street addresses; no false positives on amounts, ages, places and the
words of money questions. Issue 12 adds values that do not validate, labelled numbers and licence
plates (100% recall too), dates of birth in words and adversarial Unicode (recall per disguise).
Run with ``-s`` to see the table; ``benchmarks/bench_redaction.py`` prints it too.
"""

from __future__ import annotations

import re

import pytest
import yaml

from api.redaction import PiiType, redact
from tests.api.pii_corpus import CORPUS_FILE, load_corpus
from tests.api.pii_recall import measure

FULL_RECALL = ("bsn", "iban", "email", "phone", "postcode", "number", "plate")
HIGH_RECALL = {"name": 0.95, "street": 0.95, "date": 0.95}


def test_the_corpus_is_big_enough_and_covers_every_kind() -> None:
    corpus = load_corpus()
    assert len(corpus.personal) >= 300
    assert len(corpus.normal) >= 100
    assert len({m.text for m in corpus.personal}) == len(corpus.personal)
    counts = measure().planted
    assert set(counts) == {*FULL_RECALL, *HIGH_RECALL}
    assert all(n >= 10 for n in counts.values()), counts
    kinds = {p.kind for m in corpus.personal for p in m.planted}
    assert kinds == set(PiiType)
    disguises = {p.disguise for m in corpus.personal for p in m.planted} - {""}
    assert disguises == {"zw", "fullwidth", "arabic", "persian", "devanagari", "separators"}


def test_the_recall_table_is_printed_in_the_test_output(capsys: pytest.CaptureFixture[str]) -> None:
    """The table (recall per kind and per disguise, false positives) shows in every run, also
    without ``-s``."""
    table = measure().table()
    with capsys.disabled():
        print(f"\nredaction corpus:\n{table}")
    assert all(label in table for label in (*FULL_RECALL, *HIGH_RECALL))


def test_every_disguised_value_is_caught() -> None:
    """Issue 12: zero-width characters, full-width forms and other digits hide nothing."""
    result = measure()
    print(f"\n{result.table()}")
    assert result.disguised_caught == result.disguised, result.table()


def test_the_corpus_is_the_same_every_run() -> None:
    load_corpus.cache_clear()
    first = load_corpus()
    load_corpus.cache_clear()
    assert load_corpus() == first


def test_no_one_word_name_is_also_a_word_of_the_templates() -> None:
    """The leak test searches the stores for each planted value as a whole word, so a planted name
    must not also be an ordinary word of the corpus ("wil" in "De deurwaarder wil dat ik ...")."""
    data = yaml.safe_load(CORPUS_FILE.read_text(encoding="utf-8"))
    fixed = {
        word
        for template in data["personal"]
        for word in re.findall(r"[^\W\d_]+", re.sub(r"\{\w+\}", " ", template))
    }
    clashes = [
        (p.value, m.text)
        for m in load_corpus().personal
        for p in m.planted
        if p.kind is PiiType.NAAM and p.value in fixed
    ]
    assert clashes == []


def test_planted_values_are_recorded_where_they_stand() -> None:
    for message in load_corpus().personal:
        for planted in message.planted:
            assert message.text[planted.start : planted.end] == planted.value


@pytest.mark.parametrize("label", FULL_RECALL)
def test_recall_is_complete_for_numbers_and_contact_data(label: str) -> None:
    result = measure()
    print(f"\n{result.table()}")
    assert result.recall(label) == 1.0, result.table()


@pytest.mark.parametrize(("label", "aim"), sorted(HIGH_RECALL.items()))
def test_recall_of_names_streets_and_birth_dates_meets_the_aim(label: str, aim: float) -> None:
    result = measure()
    assert result.recall(label) >= aim, result.table()


def test_no_false_positives_on_amounts_ages_places_and_money_words() -> None:
    result = measure()
    assert result.false_positives == [], result.table()


def test_a_caught_value_does_not_survive_anywhere_in_the_redacted_text() -> None:
    leaks = measure().leaks
    assert leaks == [], "\n".join(f"{p.value!r} in {text!r}" for p, text in leaks)


def test_counts_match_the_placeholders_in_the_text() -> None:
    for message in load_corpus().personal:
        result = redact(message.text)
        for kind, count in result.found.items():
            assert result.text.count(kind.placeholder) == count
