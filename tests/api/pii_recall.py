"""Recall per kind, recall per Unicode disguise and false positives of the redaction step on the
test corpus (tests/data/pii_corpus.yaml), for the corpus test and the benchmark."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from api.redaction import PiiType, redact, warm_up
from api.redaction._model import Span
from api.redaction._normalise import normalise_text
from api.redaction._redact import find_personal_data
from tests.api.pii_corpus import Message, Planted, load_corpus


@dataclass
class Measurement:
    planted: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    disguised: Counter[str] = field(default_factory=Counter)
    disguised_caught: Counter[str] = field(default_factory=Counter)
    normal_messages: int = 0
    missed: list[tuple[Planted, str]] = field(default_factory=list)
    false_positives: list[tuple[str, PiiType, str]] = field(default_factory=list)
    leaks: list[tuple[Planted, str]] = field(default_factory=list)

    @property
    def normal_hits(self) -> int:
        return sum(1 for _, _, text in self.false_positives if text in load_corpus().normal)

    def recall(self, label: str) -> float:
        return self.caught[label] / self.planted[label]

    def table(self) -> str:
        lines = [f"{'kind':<10}{'caught':>8}{'planted':>9}{'recall':>9}"]
        for label in sorted(self.planted):
            lines.append(
                f"{label:<10}{self.caught[label]:>8}{self.planted[label]:>9}"
                f"{self.recall(label):>9.1%}"
            )
        for disguise in sorted(self.disguised):
            caught, planted = self.disguised_caught[disguise], self.disguised[disguise]
            lines.append(f"{'~' + disguise:<10}{caught:>8}{planted:>9}{caught / planted:>9.1%}")
        lines.append(
            f"false positives: {len(self.false_positives)} "
            f"(of which in {self.normal_messages} ordinary money messages: {self.normal_hits})"
        )
        lines += [f"  missed {p.label}: {p.value!r} in {text!r}" for p, text in self.missed]
        lines += [f"  false positive {k.value}: {v!r} in {t!r}" for v, k, t in self.false_positives]
        return "\n".join(lines)


def _covered(planted: Planted, spans: list[Span]) -> bool:
    return any(
        s.kind is planted.kind and s.start <= planted.start and planted.end <= s.end for s in spans
    )


def _survives(planted: Planted, redacted: str) -> bool:
    """Whether the value (or, for numbers, its digits) can still be found in the output."""
    if planted.kind is PiiType.NAAM:
        redacted = normalise_text(redacted).text
        planted = dataclasses.replace(planted, value=normalise_text(planted.value).text)
        return any(
            re.search(rf"(?<!\w){re.escape(part)}(?!\w)", redacted, re.IGNORECASE)
            for part in planted.value.split()
            if len(part) > 3 and part.lower() not in ("van", "den", "der")
        )
    plain = normalise_text(redacted).text
    for value in (planted.value, normalise_text(planted.value).text):
        if value.casefold() in redacted.casefold() or value.casefold() in plain.casefold():
            return True
    digits = re.sub(r"[^0-9]", "", normalise_text(planted.value).text)
    return len(digits) >= 6 and digits in re.sub(r"[^0-9]", "", plain)


@cache
def measure() -> Measurement:
    warm_up()
    corpus = load_corpus()
    result = Measurement()
    messages: list[Message] = list(corpus.personal)
    for message in messages:
        spans = find_personal_data(message.text)
        redacted = redact(message.text).text
        for planted in message.planted:
            result.planted[planted.label] += 1
            covered = _covered(planted, spans)
            if planted.disguise:
                result.disguised[planted.disguise] += 1
                result.disguised_caught[planted.disguise] += covered
            if covered:
                result.caught[planted.label] += 1
                if _survives(planted, redacted):
                    result.leaks.append((planted, redacted))
            else:
                result.missed.append((planted, message.text))
        for span in spans:
            if not any(span.start < p.end and p.start < span.end for p in message.planted):
                value = message.text[span.start : span.end]
                result.false_positives.append((value, span.kind, message.text))
    result.normal_messages = len(corpus.normal)
    for text in corpus.normal:
        for span in find_personal_data(text):
            result.false_positives.append((text[span.start : span.end], span.kind, text))
    return result
