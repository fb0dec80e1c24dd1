"""Intents decided by patterns, not by the classifier: crisis, violence, English, term questions.

The patterns live in YAML next to this module (``overrides.yml``, ``english.yml``) and the terms
in ``actions/terms.nl.yml``; this module only loads and matches them. No Rasa imports: the
Rasa component in ``bot.safety.component`` and the unit tests both use these functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from benefits_rules.texts import live, load_terms

HERE = Path(__file__).resolve().parent
OVERRIDES_FILE = HERE / "overrides.yml"
ENGLISH_FILE = HERE / "english.yml"
# Relative to the content root: editors change it, and a publish makes it live (no restart).
TERMS_FILE = "actions/terms.nl.yml"


@dataclass(frozen=True)
class PatternGroup:
    intent: str
    patterns: tuple[re.Pattern[str], ...]

    def matches(self, normalised: str) -> bool:
        return any(p.search(normalised) for p in self.patterns)


def normalise(text: str) -> str:
    """Lower case, accents removed, curly quotes straight, whitespace collapsed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise ValueError(f"{path}: field 'schema_version' must be 1")
    return data


def _groups(path: Path, raw: Any) -> tuple[PatternGroup, ...]:
    if not isinstance(raw, list):
        raise ValueError(f"{path}: field 'groups' must be a list")
    groups = []
    for n, group in enumerate(raw):
        intent, patterns = group.get("intent"), group.get("patterns")
        if not isinstance(intent, str) or not isinstance(patterns, list) or not patterns:
            raise ValueError(f"{path}: groups[{n}] needs 'intent' and a list of 'patterns'")
        compiled = []
        for m, pattern in enumerate(patterns):
            try:
                compiled.append(re.compile(str(pattern)))
            except re.error as exc:
                raise ValueError(f"{path}: groups[{n}].patterns[{m}]: {exc}") from exc
        groups.append(PatternGroup(intent=intent, patterns=tuple(compiled)))
    return tuple(groups)


def _first(groups: Iterable[PatternGroup], text: str) -> str | None:
    normalised = normalise(text)
    return next((g.intent for g in groups if g.matches(normalised)), None)


@lru_cache(maxsize=1)
def override_groups() -> tuple[PatternGroup, ...]:
    return _groups(OVERRIDES_FILE, _load(OVERRIDES_FILE).get("groups"))


@lru_cache(maxsize=1)
def english_settings() -> dict[str, Any]:
    return _load(ENGLISH_FILE)


@lru_cache(maxsize=1)
def english_groups() -> tuple[PatternGroup, ...]:
    return _groups(ENGLISH_FILE, english_settings().get("groups"))


def override_intent(text: str) -> str | None:
    """The safety intent (crisis, violence, a bare request for help) of a message, if any."""
    return _first(override_groups(), text)


def english_intent(text: str) -> str | None:
    """What an English message is about, from english.yml; None when nothing matches."""
    return _first(english_groups(), text)


def is_english_word(text: str) -> bool:
    """A short message that is English for sure ("hello", "thank you")."""
    words = english_settings()["detection"]["english_words"]
    return normalise(text).strip(" .!?,") in {normalise(w) for w in words}


@dataclass(frozen=True)
class Term:
    key: str
    names: tuple[str, ...]
    text: str
    # The intent that checks whether the resident can get it (a scheme), if any.
    ask: str | None = None


Terms = tuple[tuple[Term, ...], tuple[re.Pattern[str], ...]]


def _read_terms(path: Path) -> Terms:
    entries, patterns = load_terms(path)
    found = tuple(
        Term(
            key=key,
            names=tuple(normalise(name) for name in entry["names"]),
            text=entry["text"],
            ask=entry["ask"],
        )
        for key, entry in entries.items()
    )
    return found, tuple(re.compile(pattern) for pattern in patterns)


def terms() -> Terms:
    """The terms the bot explains, and the patterns of a question about a term: those of the
    live content root, so a published change counts from the next message on."""
    return live(_read_terms, TERMS_FILE)


@lru_cache(maxsize=512)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"\b" + re.escape(name).replace(r"\ ", r"\s+") + r"\b")


def terms_in(text: str) -> list[Term]:
    """The known terms a text mentions, longest name first, each once, in order of mention."""
    normalised = normalise(text)
    hits: list[tuple[int, Term]] = []
    for term in terms()[0]:
        positions = [
            m.start() for name in term.names if (m := _name_pattern(name).search(normalised))
        ]
        if positions:
            hits.append((min(positions), term))
    return [term for _, term in sorted(hits, key=lambda hit: hit[0])]


def asked_term(text: str) -> Term | None:
    """The term a question like "wat is kale huur?" asks about, or None."""
    normalised = normalise(text)
    if not any(p.search(normalised) for p in terms()[1]):
        return None
    found = terms_in(text)
    return found[0] if found else None
