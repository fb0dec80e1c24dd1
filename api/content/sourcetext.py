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
from datetime import date
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "Path",
    "SourceError",
    "append_item",
    "get_value",
    "has_key",
    "remove_key",
    "replace_item",
    "set_key",
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


def has_key(relative: str, text: str, path: Path, key: str) -> bool:
    """Whether the mapping at ``path`` has ``key`` (also when its value is null)."""
    mapping = get_value(relative, text, path)
    return isinstance(mapping, dict) and key in mapping


def _plain(value: Any) -> list[str]:
    """Ways to write a YAML scalar for ``value`` (a number, true/false, null, a date or text)."""
    if value is None:
        return ["null"]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, (int, float)):
        return [repr(value)]
    if isinstance(value, date):
        return [value.isoformat()]
    if isinstance(value, str):
        return yaml_scalars(value, None)
    raise SourceError(f"cannot write {type(value).__name__}")


def _content_end(node: Node) -> int:
    """Where a node's own text ends: for a block collection, where its last value ends (the
    composer's end mark would take in the comments and blank lines after it)."""
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(last[1] if isinstance(node, MappingNode) else last)
    return int(node.end_mark.index)


def _mapping(relative: str, text: str, path: Path) -> MappingNode:
    node = _node_at(YAML().compose(text), path)
    if not isinstance(node, MappingNode) or node.flow_style or not node.value:
        raise SourceError(f"{relative}: {'/'.join(map(str, path))} is not a block mapping")
    return node


def set_key(relative: str, text: str, path: Path, key: str, value: Any) -> str:
    """The YAML text with ``key`` of the mapping at ``path`` set to the scalar ``value``: in
    place when the key is there, else as a new line after the mapping's last key."""
    mapping = _node_at(YAML().compose(text), path)
    if not isinstance(mapping, MappingNode):
        raise SourceError(f"{relative}: {'/'.join(map(str, path))} is not a mapping")
    expected = copy.deepcopy(_load(relative, text))
    target = expected
    for part in path:
        target = target[part]
    target[key] = value
    found = [v for k, v in mapping.value if isinstance(k, ScalarNode) and k.value == key]
    if found:
        if not isinstance(found[0], ScalarNode):
            raise SourceError(f"{relative}: {key} is not a single value")
        start, end = found[0].start_mark.index, found[0].end_mark.index
        edits = [(start, end, written) for written in _plain(value)]
    else:
        mapping = _mapping(relative, text, path)  # a new line only fits in a block mapping
        end = _content_end(mapping)
        line_end = text.find("\n", end)
        at = len(text) if line_end == -1 else line_end
        column = mapping.value[0][0].start_mark.column
        edits = [(at, at, f"\n{' ' * column}{key}: {written}") for written in _plain(value)]
    for start, end, written in edits:
        after = text[:start] + written + text[end:]
        with contextlib.suppress(SourceError):
            return _checked(relative, after, expected)
    raise SourceError(f"{relative}: {key} cannot be written")


def remove_key(relative: str, text: str, path: Path, key: str) -> str:
    """The YAML text without the line(s) of ``key`` in the mapping at ``path``."""
    mapping = _mapping(relative, text, path)
    pairs = [(k, v) for k, v in mapping.value if isinstance(k, ScalarNode) and k.value == key]
    if not pairs:
        return text
    if len(mapping.value) == 1:
        raise SourceError(f"{relative}: {key} is the only key")
    key_node, value_node = pairs[0]
    start = text.rfind("\n", 0, key_node.start_mark.index) + 1
    line_end = text.find("\n", _content_end(value_node))
    end = len(text) if line_end == -1 else line_end + 1
    expected = copy.deepcopy(_load(relative, text))
    target = expected
    for part in path:
        target = target[part]
    del target[key]
    return _checked(relative, text[:start] + text[end:], expected)


def _flow(value: Any) -> str:
    """``value`` in YAML flow style: plain keys, values as JSON (which YAML reads the same)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(v)}" for key, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _reads_as(line: str, value: str) -> bool:
    try:
        return bool(yaml.safe_load(line) == {"k": value})
    except yaml.YAMLError:
        return False


def _item_block(item: Any, indent: int) -> str:
    """A mapping as a sequence item in block style, each value on one line in flow style."""
    lines = []
    for index, (key, value) in enumerate(item.items()):
        lead = " " * indent + ("- " if index == 0 else "  ")
        plain = isinstance(value, str) and "\n" not in value and _reads_as(f"k: {value}", value)
        lines.append(f"{lead}{key}: {value if plain else _flow(value)}")
    return "\n".join(lines)


def append_item(relative: str, text: str, path: Path, item: dict[str, Any]) -> str:
    """The YAML text with ``item`` added at the end of the block sequence at ``path``."""
    node = _node_at(YAML().compose(text), path)
    if not isinstance(node, SequenceNode) or node.flow_style or not node.value:
        raise SourceError(f"{relative}: {'/'.join(map(str, path))} is not a block list")
    end = _content_end(node)
    line_end = text.find("\n", end)
    at = len(text) if line_end == -1 else line_end
    indent = node.value[0].start_mark.column - 2
    after = text[:at] + "\n" + _item_block(item, indent) + text[at:]
    expected = copy.deepcopy(_load(relative, text))
    target = expected
    for part in path:
        target = target[part]
    target.append(item)
    return _checked(relative, after if after.endswith("\n") else after + "\n", expected)


def replace_item(relative: str, text: str, path: Path, index: int, item: dict[str, Any]) -> str:
    """The YAML text with item ``index`` of the block sequence at ``path`` replaced by
    ``item``; comments before and after it stay."""
    node = _node_at(YAML().compose(text), [*path, index])
    if not isinstance(node, MappingNode) or node.flow_style:
        raise SourceError(f"{relative}: item {index} is not a block mapping")
    start = text.rfind("\n", 0, node.start_mark.index) + 1
    end = _content_end(node)
    indent = node.start_mark.column - 2
    after = text[:start] + _item_block(item, indent) + text[end:]
    expected = copy.deepcopy(_load(relative, text))
    target = expected
    for part in path:
        target = target[part]
    target[index] = item
    return _checked(relative, after, expected)


def _checked(relative: str, after: str, expected: Any) -> str:
    try:
        result = _load(relative, after)
    except yaml.YAMLError as exc:
        raise SourceError(f"the change breaks the file: {exc}") from exc
    if result != expected:
        raise SourceError("the change would alter more than it should")
    return after


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
