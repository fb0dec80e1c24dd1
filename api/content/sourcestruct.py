"""Adding, changing and removing entries of a YAML mapping while keeping the rest of the file.

``sourcetext`` changes one text; this module also adds an entry (a contact, an opening day) and
removes one. Like there, only the lines of that entry are written: comments, order and layout
of everything else stay exactly as they were, and every change is verified by reading the
result back (the data must equal the old data with just this change).
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Sequence
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from api.content.sourcetext import Path, SourceError, yaml_scalars

__all__ = ["remove_entry", "set_entry"]

_INDENT = 2


def _compose(text: str) -> Node:
    node: Node = YAML().compose(text)
    return node


def _child(node: Node, key: str) -> tuple[ScalarNode, Node] | None:
    if not isinstance(node, MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def _walk(root: Node, path: Path) -> tuple[Node, ScalarNode | None]:
    """The node at ``path`` (mappings only) and the key node naming it (None for the root)."""
    node, key_node = root, None
    for part in path:
        found = _child(node, str(part))
        if found is None:
            raise SourceError(f"no {part!r}")
        key_node, node = found
    return node, key_node


def _last_end(node: Node) -> int:
    """Where the last thing written for ``node`` ends (not the comments after it)."""
    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1][1])
    if isinstance(node, SequenceNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1])
    return int(node.end_mark.index)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after_line(text: str, index: int) -> int:
    if index > 0 and text[index - 1] == "\n":
        return index  # a block scalar's span ends after its line break
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _scalar(value: Any, style: str | None = None) -> list[str]:
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, str):
        return yaml_scalars(value, style)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [json.dumps(value, ensure_ascii=False)]  # a JSON list is a YAML flow list
    if isinstance(value, dict) and not value:
        return ["{}"]
    raise SourceError(f"cannot write {value!r} on one line")


def _reads_back(key: str, written: str, value: Any) -> bool:
    try:
        return bool(yaml.safe_load(f"{key}: {written}") == {key: value})
    except yaml.YAMLError:
        return False


def _block(key: str, value: Any, indent: int) -> list[str]:
    """Ways to write ``key: value`` as lines at ``indent`` (a mapping as a block)."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        inner = [_block(k, v, indent + _INDENT)[0] for k, v in value.items()]
        return [f"{pad}{key}:\n" + "".join(inner)]
    written = [w for w in _scalar(value) if _reads_back(key, w, value)]
    if not written:
        raise SourceError(f"cannot write {value!r}")
    return [f"{pad}{key}: {w}\n" for w in written]


def _verified(before: str, after: str, expected: Any) -> str:
    try:
        result = yaml.safe_load(after)
    except yaml.YAMLError as exc:
        raise SourceError(f"the change breaks the file: {exc}") from exc
    if result != expected:
        raise SourceError("the change would alter more than the one entry")
    return after


def _expected(text: str, path: Path, value: Any, remove: bool) -> Any:
    data = copy.deepcopy(yaml.safe_load(text))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if remove:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


def _first_that_reads(before: str, candidates: list[str], expected: Any) -> str:
    for after in candidates:
        with contextlib.suppress(SourceError):
            return _verified(before, after, expected)
    raise SourceError("the change cannot be written")


def set_entry(text: str, path: Path, value: Any, order: Sequence[str] = ()) -> str:
    """The YAML text with the entry at ``path`` set to ``value``, added when it is missing.

    ``order``: the keys of the parent mapping in their proper order; a new key goes after the
    last one before it that is there (else first). Without it a new key goes last.
    """
    if not path:
        raise SourceError("no entry named")
    root = _compose(text)
    parent, parent_key = _walk(root, path[:-1])
    if not isinstance(parent, MappingNode):
        raise SourceError(f"{'/'.join(map(str, path[:-1]))} is not a mapping")
    key = str(path[-1])
    expected = _expected(text, path, value, remove=False)
    found = _child(parent, key)
    if found is not None:
        _, node = found
        if isinstance(node, MappingNode) and not node.flow_style:
            raise SourceError(f"{key} is a block: change its entries one by one")
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        style = node.style if isinstance(node, ScalarNode) else None  # keep the file's quotes
        return _first_that_reads(
            text, [text[:start] + w + text[end:] for w in _scalar(value, style)], expected
        )
    column = 0 if parent_key is None else int(parent_key.start_mark.column) + _INDENT
    if not parent.value:
        # An empty flow mapping ("office_hours: {}") becomes a block with the one entry.
        start, end = int(parent.start_mark.index), int(parent.end_mark.index)
        head = text[:start].rstrip(" ")
        return _first_that_reads(
            text,
            [head + "\n" + b.rstrip("\n") + text[end:] for b in _block(key, value, column)],
            expected,
        )
    if parent.flow_style:
        raise SourceError(f"{'/'.join(map(str, path[:-1]))} is written on one line")
    column = int(parent.value[0][0].start_mark.column)
    present = [str(k.value) for k, _ in parent.value]
    earlier = [k for k in order[: list(order).index(key)] if k in present] if key in order else None
    if earlier:
        node = parent.value[present.index(earlier[-1])][1]
        at = _after_line(text, _last_end(node))
    elif earlier is not None:
        at = _line_start(text, int(parent.value[0][0].start_mark.index))
    else:
        at = _after_line(text, _last_end(parent))
    prefix = text[:at] if text[:at].endswith("\n") or not at else text[:at] + "\n"
    return _first_that_reads(
        text, [prefix + b + text[at:] for b in _block(key, value, column)], expected
    )


def remove_entry(text: str, path: Path) -> str:
    """The YAML text without the entry at ``path`` (its lines only; a last one leaves ``{}``)."""
    if not path:
        raise SourceError("no entry named")
    root = _compose(text)
    parent, _ = _walk(root, path[:-1])
    key = str(path[-1])
    found = _child(parent, key)
    if found is None or not isinstance(parent, MappingNode):
        raise SourceError(f"no {key!r}")
    key_node, node = found
    expected = _expected(text, path, None, remove=True)
    if parent.flow_style:
        raise SourceError(f"{'/'.join(map(str, path[:-1]))} is written on one line")
    if len(parent.value) == 1:
        start = _line_start(text, int(key_node.start_mark.index)) - 1
        end = _after_line(text, _last_end(node)) - 1
        return _verified(text, text[: max(start, 0)] + " {}" + text[end:], expected)
    start = _line_start(text, int(key_node.start_mark.index))
    end = _after_line(text, _last_end(node))
    return _verified(text, text[:start] + text[end:], expected)
