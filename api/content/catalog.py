"""Every text a resident can see, and every intent's example sentences, as items of a tree.

An item is one value in one content file, named by an id: the file and the path of keys in it
(``bot/domain/money_topics.yml#responses/utter_debt_worries/1/text``). Items are grouped by
topic (the domain file of a response; the action module that says a text) and say where they
are used (the rules, stories and code that mention their key).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import PurePosixPath
from typing import Any, Literal

import yaml

from api.content import placeholders
from api.content.sourcetext import split_examples
from api.content.usage import identifiers, used_in

__all__ = [
    "Catalog",
    "Intent",
    "Item",
    "ItemKind",
    "build_catalog",
    "intent_file",
    "intent_files",
    "parse_item_id",
]

ItemKind = Literal["response", "button", "action_text", "term", "rephrase", "notice", "widget"]


@dataclass(frozen=True)
class Item:
    """One text: where it is, what it says, which placeholders it may use, where it is used."""

    id: str
    kind: ItemKind
    file: str
    key: str
    topic: str
    value: str
    lang: str
    # The placeholders this text may use: its own and, for the bot's texts, the domain's slots.
    placeholders: tuple[str, ...]
    used_in: tuple[str, ...]
    # Checked for B1 as tests/content/test_b1.py does (Dutch texts residents read).
    b1: bool
    terms_must_be_explained: bool = False

    def needs_b1(self, value: str) -> bool:
        # The widget's labels are too short to measure; sentences of six words and more are.
        return self.b1 and (self.kind != "widget" or len(value.split()) >= 6)


@dataclass(frozen=True)
class Intent:
    name: str
    file: str
    examples: tuple[str, ...]
    used_in: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    items: tuple[Item, ...]
    intents: tuple[Intent, ...]
    slots: frozenset[str] = field(default_factory=frozenset)

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)

    def intent(self, name: str) -> Intent | None:
        return next((i for i in self.intents if i.name == name), None)

    def search(self, query: str) -> list[Item]:
        """Items whose text, key or file contains every word of ``query`` (case-insensitive)."""
        words = query.lower().split()
        return [
            item
            for item in self.items
            if all(w in f"{item.value} {item.key} {item.file}".lower() for w in words)
        ]

    def by_topic(self, items: list[Item] | None = None) -> dict[str, list[Item]]:
        grouped: dict[str, list[Item]] = {}
        for item in self.items if items is None else items:
            grouped.setdefault(item.topic, []).append(item)
        return dict(sorted(grouped.items()))


def parse_item_id(item_id: str) -> tuple[str, list[str | int]]:
    """``file#a/b/0/c`` -> (file, ["a", "b", 0, "c"])."""
    relative, _, pointer = item_id.partition("#")
    if not relative or not pointer:
        raise ValueError(f"not an item id: {item_id!r}")
    return relative, [int(p) if p.isdigit() else p for p in pointer.split("/")]


def _id(relative: str, *path: str | int) -> str:
    return relative + "#" + "/".join(str(p) for p in path)


def _is_english(variant: Mapping[str, Any]) -> bool:
    return any(
        isinstance(c, dict) and c.get("name") == "language" and c.get("value") == "en"
        for c in variant.get("condition") or []
    )


def _topic_from_code(files: tuple[str, ...], fallback: str) -> str:
    modules = [PurePosixPath(f).stem for f in files if f.startswith("actions/")]
    modules = [m for m in modules if m not in ("texts", "__init__")]
    return modules[0] if modules else fallback


class _Builder:
    def __init__(self, tree: Mapping[str, str]) -> None:
        self.tree = tree
        self.items: list[Item] = []
        self.slots: set[str] = set()
        self.response_topic: dict[str, str] = {}
        # Response and intent names mentioned in domain files other than where they are defined.
        self.domain_mentions: dict[str, set[str]] = {}
        self.domains = {
            p: yaml.safe_load(t) or {}
            for p, t in tree.items()
            if p.startswith("bot/domain/") and p.endswith(".yml")
        }
        for path, text in tree.items():
            if path.startswith("bot/domain/"):
                for word in set(identifiers(text)):
                    self.domain_mentions.setdefault(word, set()).add(path)

    def add(
        self,
        kind: ItemKind,
        relative: str,
        key: str,
        path: list[str | int],
        value: Any,
        *,
        topic: str,
        used: tuple[str, ...],
        lang: str = "nl",
        slots: bool = True,
        explain: bool = False,
    ) -> None:
        if not isinstance(value, str):
            return
        allowed = set(placeholders.names(value)) | (self.slots if slots else set())
        self.items.append(
            Item(
                id=_id(relative, *path),
                kind=kind,
                file=relative,
                key=key,
                topic=topic,
                value=value,
                lang=lang,
                placeholders=tuple(sorted(allowed)),
                used_in=used,
                b1=lang == "nl" and kind != "button",
                terms_must_be_explained=explain,
            )
        )

    def responses(self) -> None:
        for domain in self.domains.values():
            self.slots |= set((domain.get("slots") or {}).keys())
        for relative, domain in sorted(self.domains.items()):
            topic = PurePosixPath(relative).stem
            for name, variants in (domain.get("responses") or {}).items():
                self.response_topic[name] = topic
                others = {f for f in self.domain_mentions.get(name, set()) if f != relative}
                used = used_in(name, {name: others})
                for i, variant in enumerate(variants or []):
                    lang = "en" if _is_english(variant) else "nl"
                    path: list[str | int] = ["responses", name, i]
                    self.add(
                        "response",
                        relative,
                        name,
                        [*path, "text"],
                        variant.get("text"),
                        topic=topic,
                        used=used,
                        lang=lang,
                        explain=lang == "nl",
                    )
                    for j, button in enumerate(variant.get("buttons") or []):
                        self.add(
                            "button",
                            relative,
                            f"{name} (knop {j + 1})",
                            [*path, "buttons", j, "title"],
                            button.get("title"),
                            topic=topic,
                            used=used,
                            lang=lang,
                        )

    def entries(self, relative: str, section: str, kind: ItemKind, fallback: str) -> None:
        if relative not in self.tree:
            return
        data = (yaml.safe_load(self.tree[relative]) or {}).get(section) or {}
        lang = "en" if relative.endswith(".en.yml") else "nl"
        slots = kind in ("action_text", "rephrase", "term")
        for key, entry in data.items():
            used = used_in(key, self.domain_mentions)
            topic = self.response_topic.get(key) or _topic_from_code(used, fallback)
            if isinstance(entry, str):
                self.add(
                    kind,
                    relative,
                    key,
                    [section, key],
                    entry,
                    topic=topic,
                    used=used,
                    lang=lang,
                    slots=slots,
                )
                continue
            self.add(
                kind,
                relative,
                key,
                [section, key, "text"],
                entry.get("text"),
                topic=topic,
                used=used,
                lang=lang,
                slots=slots,
                explain=kind == "action_text" and lang == "nl",
            )
            for j, button in enumerate(entry.get("buttons") or []):
                self.add(
                    "button",
                    relative,
                    f"{key} (knop {j + 1})",
                    [section, key, "buttons", j, "title"],
                    button.get("title"),
                    topic=topic,
                    used=used,
                    lang=lang,
                    slots=slots,
                )

    def widget(self, relative: str) -> None:
        if relative not in self.tree:
            return
        for key, value in json.loads(self.tree[relative]).items():
            if not key.startswith("_"):
                self.add(
                    "widget",
                    relative,
                    key,
                    [key],
                    value,
                    topic="widget",
                    used=used_in(key, {}),
                    slots=False,
                )

    def intents(self) -> list[Intent]:
        found: list[Intent] = []
        for relative in sorted(intent_files(self.tree)):
            for entry in (yaml.safe_load(self.tree[relative]) or {}).get("nlu") or []:
                if isinstance(entry, dict) and "intent" in entry:
                    name = entry["intent"]
                    found.append(
                        Intent(
                            name=name,
                            file=relative,
                            examples=tuple(split_examples(entry.get("examples") or "")),
                            used_in=used_in(name, self.domain_mentions),
                        )
                    )
        return found


def intent_files(tree: Mapping[str, str]) -> Iterator[str]:
    return (p for p in tree if p.startswith("nlu_data/") and p.endswith(".yml"))


def intent_file(tree: Mapping[str, str], intent: str) -> str | None:
    """The NLU file that holds ``intent``'s examples."""
    for relative in sorted(intent_files(tree)):
        for entry in (yaml.safe_load(tree[relative]) or {}).get("nlu") or []:
            if isinstance(entry, dict) and entry.get("intent") == intent:
                return relative
    return None


_CACHE: dict[str, Catalog] = {}
_CACHED_TREES = 4


def build_catalog(tree: Mapping[str, str]) -> Catalog:
    """The catalog of ``tree`` (remembered per tree content: pages ask for it on every view)."""
    digest = sha256(json.dumps(sorted(tree.items())).encode()).hexdigest()
    if digest not in _CACHE:
        builder = _Builder(tree)
        builder.responses()
        builder.entries("actions/texts.nl.yml", "texts", "action_text", "actions")
        builder.entries("actions/texts.en.yml", "texts", "action_text", "actions")
        builder.entries("actions/terms.nl.yml", "terms", "term", "terms")
        builder.entries("actions/rephrase.nl.yml", "texts", "rephrase", "rephrase")
        builder.entries("api/texts.nl.yml", "texts", "notice", "notices")
        builder.widget("web_widget/strings.nl.json")
        intents = builder.intents()
        # The live tree and a draft, each as a municipality's editors see them: keep it small.
        while len(_CACHE) >= _CACHED_TREES:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[digest] = Catalog(tuple(builder.items), tuple(intents), frozenset(builder.slots))
    return _CACHE[digest]
