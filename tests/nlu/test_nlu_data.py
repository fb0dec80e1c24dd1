"""Checks of the Dutch NLU training data (`nlu_data/`) and the held-out split (`heldout.yml`).

Issue 4 asks for at least 25 varied examples per intent (we require 30) and a held-out split
that is never trained on. These tests guard the data itself: Rasa 3.x NLU structure, counts,
no duplicates, no leak from held-out into training, and no personal data. They need PyYAML
only, so they run in the API environment without Rasa.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TRAINING_DIR = ROOT / "nlu_data"
HELDOUT_FILE = Path(__file__).with_name("heldout.yml")

INTENTS = frozenset(
    {
        # conversation
        "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "out_of_scope",
        "ask_human", "privacy_question", "delete_my_data",
        # money topics
        "debt_worries", "cannot_pay_rent", "cannot_pay_energy", "bailiff_or_garnishment",
        "eviction_threat", "income_loss", "food_emergency", "budgeting_help", "repay_toeslag",
        # benefits
        "check_benefits", "ask_zorgtoeslag", "ask_huurtoeslag", "ask_kindgebonden_budget",
        "ask_kinderopvangtoeslag", "ask_bijzondere_bijstand", "ask_kwijtschelding",
        "ask_minimaregelingen",
        # benefits-check dialogue
        "inform", "dont_know", "stop_check", "restart_check", "save_result",
        # safety, steering and explanations (issue 10)
        "crisis_suicide", "domestic_violence", "ask_help", "explain_term", "explain_last",
        "resume_check", "check_more_info", "check_not_checked",
    }
)  # fmt: skip
MIN_TRAINING = 30  # the minimum is 25
MIN_HELDOUT = 8
# The API replaces personal data with these tokens before a message reaches the bot.
PLACEHOLDERS = frozenset({"[NAAM]", "[TELEFOON]", "[ADRES]", "[BSN]", "[IBAN]"})
# A held-out example of 3 or more words this similar to a training example is a copy, not a
# paraphrase. Single words are exempt: a misspelt keyword ("zorgtoeslg") is a fair test.
NEAR_COPY_RATIO = 0.95

# Personal data that must never be in the data (placeholders stand in for it).
_POSTCODE_EXCEPTIONS = "en|in|op|of|is|al|nu|te|om|na|ca|zo|ik|je|we|ze|de|het"
PERSONAL_DATA = {
    "9 or more digits (BSN, account or phone number)": re.compile(
        r"(?<!\d)\d(?:[ .\-]?\d){8,}(?!\d)"
    ),
    "e-mail address": re.compile(r"@"),
    "phone number": re.compile(r"(?:\+|\b00)\s?31|(?<![\d.,])0(?:[\s\-]?\d){8,}"),
    "IBAN": re.compile(r"\b[a-z]{2}\d{2}\s?[a-z]{4}(?:\s?\d){6,}", re.IGNORECASE),
    "postcode": re.compile(
        rf"\b[1-9]\d{{3}}\s?(?!(?:{_POSTCODE_EXCEPTIONS})\b)[a-z]{{2}}\b", re.IGNORECASE
    ),
    "date of birth": re.compile(r"\b\d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b"),
    "street and house number": re.compile(
        r"\b\w+(?:straat|weg|laan|plein|singel|steeg|hof)\s+\d+", re.IGNORECASE
    ),
    "a name after 'ik heet' or 'mijn naam is'": re.compile(
        r"\b(?:ik heet|mijn naam is)\s+(?!\[NAAM\])\w", re.IGNORECASE
    ),
}
# Rasa reads "[text](entity)", "[text]{...}" and "[text][...]" as entity annotations; the
# action server parses facts from the raw text, so the data has none.
ENTITY_ANNOTATION = re.compile(r"\][({\[]")
BRACKET_TOKEN = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class Example:
    path: Path
    line: int
    intent: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line} ({self.intent})"


def training_files() -> list[Path]:
    return sorted(p for p in TRAINING_DIR.rglob("*") if p.suffix in {".yml", ".yaml"})


def all_files() -> list[Path]:
    return [*training_files(), HELDOUT_FILE]


def load_examples(path: Path) -> list[Example]:
    """Examples with their line numbers, read from the YAML node tree."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    assert isinstance(root, yaml.MappingNode), f"{path}: top level must be a mapping"
    examples: list[Example] = []
    for key, value in root.value:
        if key.value != "nlu":
            continue
        for item in value.value:
            fields = {k.value: v for k, v in item.value}
            intent = fields["intent"].value
            block = fields["examples"]
            # A literal block scalar starts on the line after its "|" indicator.
            for offset, raw in enumerate(block.value.splitlines(), start=1):
                if raw.strip():
                    text = raw.strip().removeprefix("- ").strip()
                    examples.append(Example(path, block.start_mark.line + 1 + offset, intent, text))
    return examples


def training_examples() -> list[Example]:
    return [ex for path in training_files() for ex in load_examples(path)]


def normalise(text: str) -> str:
    """Lower case, whitespace collapsed: two examples that only differ in this are the same."""
    return " ".join(text.lower().split())


def strict_normalise(text: str) -> str:
    """Also without accents, punctuation and the values of numbers ("ik ben 34" ~ "ik ben 41")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"\d+", "0", plain)
    return " ".join(re.sub(r"[^\w\s\[\]]", " ", plain).split())


@pytest.mark.parametrize("path", all_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_file_is_rasa_nlu_yaml(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: top level must be a mapping"
    assert set(data) == {"version", "nlu"}, f"{path}: top-level keys must be version and nlu"
    assert data["version"] == "3.1", f'{path}: version must be the string "3.1"'
    assert isinstance(data["nlu"], list), f"{path}: nlu must be a list"
    assert data["nlu"], f"{path}: nlu is empty"
    for index, item in enumerate(data["nlu"]):
        where = f"{path}: nlu[{index}]"
        assert isinstance(item, dict), f"{where} must be a mapping"
        assert set(item) == {"intent", "examples"}, f"{where}: keys must be intent and examples"
        assert item["intent"] in INTENTS, f"{where}: unknown intent {item['intent']!r}"
        assert isinstance(item["examples"], str), f"{where}: examples must be a block string"
        lines = [line for line in item["examples"].splitlines() if line.strip()]
        assert lines, f"{where}: no examples"
        for line in lines:
            assert line.startswith("- "), f"{where}: a line must start with '- ': {line!r}"
            assert line[2:].strip(), f"{where}: empty example"


@pytest.mark.parametrize("path", all_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_intent_has_one_block_per_file(path: Path) -> None:
    counts = Counter(item["intent"] for item in yaml.safe_load(path.read_text())["nlu"])
    assert [i for i, n in counts.items() if n > 1] == [], f"{path}: intent listed twice"


def test_each_intent_is_trained_in_one_file() -> None:
    files: dict[str, set[Path]] = defaultdict(set)
    for ex in training_examples():
        files[ex.intent].add(ex.path)
    spread = {intent: sorted(map(str, paths)) for intent, paths in files.items() if len(paths) > 1}
    assert spread == {}, "keep each intent in one training file so editors find it"


def test_training_has_every_intent_with_enough_examples() -> None:
    counts = Counter(ex.intent for ex in training_examples())
    assert set(counts) == INTENTS, f"missing: {sorted(INTENTS - set(counts))}"
    too_few = {intent: n for intent, n in counts.items() if n < MIN_TRAINING}
    assert too_few == {}, f"intents with fewer than {MIN_TRAINING} training examples"


def test_heldout_has_every_intent_with_enough_examples() -> None:
    counts = Counter(ex.intent for ex in load_examples(HELDOUT_FILE))
    assert set(counts) == INTENTS, f"missing: {sorted(INTENTS - set(counts))}"
    too_few = {intent: n for intent, n in counts.items() if n < MIN_HELDOUT}
    assert too_few == {}, f"intents with fewer than {MIN_HELDOUT} held-out examples"


@pytest.mark.parametrize(
    "examples",
    [pytest.param(training_examples, id="training"), pytest.param(
        lambda: load_examples(HELDOUT_FILE), id="heldout")],
)  # fmt: skip
def test_no_duplicate_examples(examples: object) -> None:
    """A duplicate under two intents is a contradiction; under one it only adds weight."""
    seen: dict[str, Example] = {}
    duplicates = []
    assert callable(examples)
    for ex in examples():
        key = normalise(ex.text)
        if key in seen:
            duplicates.append(f"{ex.where} repeats {seen[key].where}: {ex.text!r}")
        seen.setdefault(key, ex)
    assert duplicates == []


def test_heldout_examples_are_not_in_training() -> None:
    training = {normalise(ex.text): ex for ex in training_examples()}
    leaked = [
        f"{ex.where} is {training[normalise(ex.text)].where}: {ex.text!r}"
        for ex in load_examples(HELDOUT_FILE)
        if normalise(ex.text) in training
    ]
    assert leaked == []


def test_heldout_examples_are_not_near_copies() -> None:
    """Held-out measures generalisation: a changed number, accent or comma is not a paraphrase."""
    training = [(strict_normalise(ex.text), ex) for ex in training_examples()]
    copies = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    for ex in load_examples(HELDOUT_FILE):
        held = strict_normalise(ex.text)
        matcher.set_seq2(held)
        for text, original in training:
            matcher.set_seq1(text)
            if text == held or (
                len(held.split()) >= 3
                and matcher.real_quick_ratio() >= NEAR_COPY_RATIO
                and matcher.quick_ratio() >= NEAR_COPY_RATIO
                and matcher.ratio() >= NEAR_COPY_RATIO
            ):
                copies.append(f"{ex.where} {ex.text!r} ~ {original.where} {original.text!r}")
                break
    assert copies == []


@pytest.mark.parametrize("path", all_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_personal_data(path: Path) -> None:
    found = [
        f"{ex.where}: {kind}: {ex.text!r}"
        for ex in load_examples(path)
        for kind, pattern in PERSONAL_DATA.items()
        if pattern.search(ex.text)
    ]
    assert found == []


@pytest.mark.parametrize("path", all_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_entity_annotations_and_only_known_placeholders(path: Path) -> None:
    problems = []
    for ex in load_examples(path):
        if ENTITY_ANNOTATION.search(ex.text):
            problems.append(f"{ex.where}: entity annotation: {ex.text!r}")
        unknown = set(BRACKET_TOKEN.findall(ex.text)) - PLACEHOLDERS
        if unknown:
            problems.append(f"{ex.where}: unknown placeholder {sorted(unknown)}: {ex.text!r}")
    assert problems == []


def test_training_uses_every_placeholder() -> None:
    """The model must have seen each redaction token in natural places."""
    text = "\n".join(ex.text for ex in training_examples())
    assert {p for p in PLACEHOLDERS if p not in text} == set()
