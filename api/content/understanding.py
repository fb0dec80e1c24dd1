"""Warnings on the example sentences: a sentence twice in one intent, or in two intents.

Both confuse the model; they are warnings, not refusals (a move can fix them).
"""

from __future__ import annotations

from dataclasses import dataclass

from api.content.catalog import Catalog

__all__ = ["ExampleWarnings", "example_warnings", "normalise"]


def normalise(sentence: str) -> str:
    return " ".join(sentence.lower().split()).strip(" .?!")


@dataclass(frozen=True)
class ExampleWarnings:
    # intent -> sentences it holds more than once
    duplicates: dict[str, list[str]]
    # sentence -> the intents that hold it
    in_two: dict[str, list[str]]

    def for_intent(self, intent: str) -> tuple[list[str], dict[str, list[str]]]:
        """This intent's repeated sentences, and its sentences other intents hold too."""
        shared = {
            sentence: [other for other in owners if other != intent]
            for sentence, owners in self.in_two.items()
            if intent in owners
        }
        return self.duplicates.get(intent, []), shared


def example_warnings(catalog: Catalog) -> ExampleWarnings:
    owners: dict[str, list[str]] = {}
    duplicates: dict[str, list[str]] = {}
    for intent in catalog.intents:
        seen: set[str] = set()
        for example in intent.examples:
            key = normalise(example)
            if key in seen:
                duplicates.setdefault(intent.name, []).append(example)
            seen.add(key)
            if intent.name not in owners.setdefault(key, []):
                owners[key].append(intent.name)
    return ExampleWarnings(duplicates, {s: o for s, o in owners.items() if len(o) > 1})
