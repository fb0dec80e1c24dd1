"""The text checks of a publish: every text readable at B1, and no broken placeholders.

Each finding is one Dutch line naming the file, the key and the sentence, for the editor.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from benefits_rules.texts import TextFileError, load_plain_texts, load_text_entries

# Files the runtime reads with the texts loader (it checks their structure and placeholders).
ENTRY_FILES = ("actions/texts.nl.yml", "actions/texts.en.yml", "actions/rephrase.nl.yml")
PLAIN_FILES = ("api/texts.nl.yml",)
# The B1 checker also reads the benefits check's questions (not editable content).
QUESTIONS_FILE = "benefits_rules/data/questions.yaml"
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def b1_findings(root: Path, repository: Path) -> list[str]:
    """B1 findings for every resident-facing text under ``root``.

    ADAPTER: the B1 checker still lives in tests/content/test_b1.py; E1 moves it into
    api/content/b1.py. Only this function knows where it lives; repoint it then.
    """
    b1: Any = importlib.import_module("tests.content.test_b1")

    if not (root / QUESTIONS_FILE).exists():
        (root / QUESTIONS_FILE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repository / QUESTIONS_FILE, root / QUESTIONS_FILE)
    saved = b1.ROOT
    b1.ROOT = root  # the publish lock makes this the only reader at a time
    try:
        texts = b1.answer_texts()
    finally:
        b1.ROOT = saved
    findings = []
    for where, text in texts:
        plain = b1._plain(text)
        if len(plain.split()) >= b1.MIN_WORDS_FOR_DOUMA:
            douma = b1.textstat.flesch_reading_ease(plain)
            if douma < b1.MIN_DOUMA:
                findings.append(
                    f"{where}: te moeilijk om te lezen (Flesch-Douma {douma:.0f}, minimaal "
                    f"{b1.MIN_DOUMA}): “{text}”"
                )
        for sentence in b1._sentences(plain):
            words = len(sentence.split())
            if words > b1.MAX_SENTENCE_WORDS:
                findings.append(
                    f"{where}: zin van {words} woorden (maximaal {b1.MAX_SENTENCE_WORDS}): "
                    f"“{sentence}”"
                )
        rare = b1.rare_words(text)
        if rare:
            findings.append(f"{where}: moeilijke woorden {', '.join(rare)}: “{text}”")
    return findings


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")


def _texts_of(relative: str, text: str) -> dict[str, str]:
    """Every string in a content file, by its place (``texts.ask_rephrase.text``)."""
    try:
        data = json.loads(text) if relative.endswith(".json") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        return {}
    return dict(_strings(data, ""))


def _placeholders(text: str) -> set[str] | None:
    """The {names} in ``text``; None when a brace is broken."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return None


def placeholder_findings(tree: dict[str, str], live: dict[str, str]) -> list[str]:
    """Broken braces, and placeholders the live version does not have at that place or file."""
    findings = []
    for relative in sorted(tree):
        if tree[relative] == live.get(relative) or relative.startswith("nlu_data/"):
            continue
        before = _texts_of(relative, live.get(relative, ""))
        known = set().union(*(set(_PLACEHOLDER.findall(t)) for t in before.values()))
        for where, text in _texts_of(relative, tree[relative]).items():
            if text == before.get(where):
                continue
            names = _placeholders(text)
            if names is None:
                findings.append(f"{relative} {where}: een {{ of }} klopt niet: “{text}”")
                continue
            allowed = _placeholders(before[where]) if where in before else known
            for name in sorted(names - (allowed or set())):
                findings.append(
                    f"{relative} {where}: de plaatshouder {{{name}}} bestaat hier niet: “{text}”"
                )
    return findings


def structure_findings(root: Path) -> list[str]:
    """What the runtime's texts loader refuses (it names the file, line and field)."""
    findings = []
    for relative in (*ENTRY_FILES, *PLAIN_FILES):
        load = load_text_entries if relative in ENTRY_FILES else load_plain_texts
        try:
            load(root / relative)
        except TextFileError as exc:
            findings.append(f"{relative} regel {exc.line}, {exc.field}: {exc.problem}")
    return findings
