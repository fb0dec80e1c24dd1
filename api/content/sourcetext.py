"""Changing one value in a content file and nothing else: comments, order and layout are kept.

YAML is read with ruamel.yaml's composer, which knows where each value starts and ends in the
file; only that span is replaced. Every change is verified by reading the result back: the
file must say exactly what it said before, except for the one value.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
from collections.abc import Sequence
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "Path",
    "SourceError",
    "get_value",
    "set_value",
    "split_examples",
    "with_examples",
    "yaml_scalars",
]

Path = Sequence[str | int]


class SourceError(ValueError):
    """A path that does not name a text in the file, or a change that would break the file."""


def _load(relative: str, text: str) -> Any:
    return json.loads(text) if relative.endswith(".json") else yaml.safe_load(text)


def get_value(relative: str, text: str, path: Path) -> Any:
    """The value at ``path`` (keys and list indexes) in the file, or ``None`` when absent."""
    value: Any = _load(relative, text)
    for part in path:
        in_map = isinstance(value, dict) and isinstance(part, str) and part in value
        in_list = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        if not (in_map or in_list):
            return None
        value = value[part]
    return value


def _node_at(root: Node, path: Path) -> Node:
    node = root
    for part in path:
        if isinstance(node, MappingNode) and isinstance(part, str):
            found = [v for k, v in node.value if isinstance(k, ScalarNode) and k.value == part]
            if not found:
                raise SourceError(f"no {part!r}")
            node = found[0]
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                raise SourceError(f"no item {part}")
            node = node.value[part]
        else:
            raise SourceError(f"no {part!r}")
    return node


def yaml_scalars(value: str, style: str | None) -> list[str]:
    """Ways to write ``value`` as a one-line YAML scalar, the file's own style first."""
    quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    if "\n" in value or style == '"':
        return [quoted]
    single = "'" + value.replace("'", "''") + "'"
    return [single, quoted] if style == "'" else [value, single, quoted]


def _set_path(data: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _verified(relative: str, before: str, after: str, path: Path, value: Any) -> str:
    expected = copy.deepcopy(_load(relative, before))
    _set_path(expected, path, value)
    try:
        result = _load(relative, after)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise SourceError(f"the change breaks the file: {exc}") from exc
    if result != expected:
        raise SourceError("the change would alter more than the one value")
    return after


def set_value(relative: str, text: str, path: Path, value: str) -> str:
    """The file text with the string at ``path`` replaced by ``value``; the rest untouched."""
    if get_value(relative, text, path) is None:
        raise SourceError(f"{relative}: nothing at {'/'.join(map(str, path))}")
    if relative.endswith(".json"):
        if len(path) != 1 or not isinstance(path[0], str):
            raise SourceError(f"{relative}: only top-level strings can be changed")
        old = json.dumps(get_value(relative, text, path), ensure_ascii=False)
        pattern = re.compile(rf"({re.escape(json.dumps(path[0]))}\s*:\s*){re.escape(old)}")
        replacement = json.dumps(value, ensure_ascii=False)
        after = pattern.sub(lambda m: m.group(1) + replacement, text, count=1)
        return _verified(relative, text, after, path, value)
    node = _node_at(YAML().compose(text), path)
    if not isinstance(node, ScalarNode):
        raise SourceError(f"{relative}: {'/'.join(map(str, path))} is not a text")
    start, end = node.start_mark.index, node.end_mark.index
    for written in yaml_scalars(value, node.style):
        with contextlib.suppress(SourceError):
            return _verified(relative, text, text[:start] + written + text[end:], path, value)
    raise SourceError(f"{relative}: {'/'.join(map(str, path))} cannot be written")


def split_examples(block: str) -> list[str]:
    """The example sentences of an NLU ``examples: |`` block."""
    return [
        line.strip()[2:].strip() for line in block.splitlines() if line.strip().startswith("- ")
    ]


def with_examples(relative: str, text: str, intent: str, examples: list[str]) -> str:
    """The NLU file text with ``intent``'s examples set to ``examples`` (a literal block)."""
    root = YAML().compose(text)
    entries = _node_at(root, ["nlu"])
    if not isinstance(entries, SequenceNode):
        raise SourceError(f"{relative}: no nlu list")
    index = next(
        (
            i
            for i, entry in enumerate(entries.value)
            if isinstance(entry, MappingNode)
            and any(k.value == "intent" and v.value == intent for k, v in entry.value)
        ),
        None,
    )
    if index is None:
        raise SourceError(f"{relative}: no intent {intent}")
    node = _node_at(root, ["nlu", index, "examples"])
    if not isinstance(node, ScalarNode) or any("\n" in e or not e.strip() for e in examples):
        raise SourceError(f"{relative}: examples of {intent} cannot be written")
    start, end = node.start_mark.index, node.end_mark.index
    line_start = text.rfind("\n", 0, start) + 1
    key_column = len(text[line_start:start]) - len(text[line_start:start].lstrip())
    indent = " " * (key_column + 2)
    # The span ends where the next entry starts: keep the blank lines (not part of the block).
    span = text[start:end]
    trailing = span[len(span.rstrip(" \n")) :] if examples else "\n"
    block = "|\n" + "\n".join(f"{indent}- {e}" for e in examples) + trailing
    after = text[:start] + block + text[end:]
    expected_block = "".join(f"- {e}\n" for e in examples)
    return _verified(relative, text, after, ["nlu", index, "examples"], expected_block)
