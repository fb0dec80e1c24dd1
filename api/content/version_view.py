"""A published version as one account may see it: only the files its scope allows.

A version's diff is stored as one text (``versions.describe_change``): per changed file a
unified diff with a header naming the file. It is read back file by file, counting each hunk's
lines, so a changed line that looks like a header is never taken for one. When the text cannot
be read that way (an older header wording), nothing of it is shown: fail closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.content.scope import Scope
from api.texts import text

__all__ = ["VersionView", "split_diff", "view_version"]

_HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@")
_MARK = "\x00"


def _header_path(line: str, marker: str, key: str) -> str | None:
    before, _, after = text(key, path=_MARK).partition(_MARK)
    head = f"{marker} {before}"
    if line.startswith(head) and line.endswith(after) and len(line) > len(head) + len(after):
        return line[len(head) : len(line) - len(after)] if after else line[len(head) :]
    return None


def split_diff(diff: str) -> list[tuple[str, list[str]]] | None:
    """The diff per file: (path, its lines with the header), or None when it does not parse."""
    lines = diff.splitlines()
    parts: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        path = _header_path(lines[i], "---", "version_diff_before")
        if path is None or i + 1 >= len(lines):
            return None
        if _header_path(lines[i + 1], "+++", "version_diff_after") != path:
            return None
        block = lines[i : i + 2]
        i += 2
        while i < len(lines) and (hunk := _HUNK.match(lines[i])):
            old = int(hunk.group(1) or 1)
            new = int(hunk.group(2) or 1)
            block.append(lines[i])
            i += 1
            while old > 0 or new > 0:
                if i >= len(lines):
                    return None
                line = lines[i]
                if line.startswith(" ") or line == "":
                    old, new = old - 1, new - 1
                elif line.startswith("-"):
                    old -= 1
                elif line.startswith("+"):
                    new -= 1
                elif not line.startswith("\\"):  # "\ No newline at end of file"
                    return None
                block.append(line)
                i += 1
            if old < 0 or new < 0:
                return None
        parts.append((path, block))
    return parts


@dataclass(frozen=True)
class VersionView:
    summary: str
    lines: list[str]


def view_version(summary: str, diff: str, scope: Scope) -> VersionView:
    """What ``scope`` may see of a version: its summary and the diff lines of its own files."""
    if not diff:
        return VersionView(summary, [])  # the first version, or nothing changed
    parts = split_diff(diff)
    if parts is None:
        return VersionView(text("version_not_shown"), [])
    visible = [(path, block) for path, block in parts if scope.allows(path)]
    if not visible:
        return VersionView(text("version_not_yours"), [])
    return VersionView(
        text("version_changed", files=", ".join(path for path, _ in visible)),
        [line for _, block in visible for line in block],
    )
