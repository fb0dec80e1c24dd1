"""Where a text key, response or intent is used: the rules, stories and code that name it.

Code and dialogue files are not content (editors do not change them), so they are read once
from the repository.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import PurePosixPath

from api.content.files import REPO_ROOT

__all__ = ["identifiers", "used_in"]

_USAGE_GLOBS = (
    "bot/data/*.yml",
    "actions/*.py",
    "api/**/*.py",
    "benefits_rules/**/*.py",
    "web_widget/src/*.js",
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def identifiers(text: str) -> set[str]:
    return set(_WORD.findall(text))


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    """Identifier -> the code and dialogue files that mention it."""
    index: dict[str, set[str]] = {}
    for pattern in _USAGE_GLOBS:
        for path in sorted(REPO_ROOT.glob(pattern)):
            relative = path.relative_to(REPO_ROOT).as_posix()
            if PurePosixPath(relative).parts[:2] == ("api", "content"):
                continue  # the workspace itself lists every key; that is not a use
            for word in identifiers(path.read_text(encoding="utf-8")):
                index.setdefault(word, set()).add(relative)
    return {word: frozenset(files) for word, files in index.items()}


def used_in(key: str, extra: Mapping[str, set[str]]) -> tuple[str, ...]:
    """The files that name ``key``, with ``extra`` places (such as other domain files)."""
    return tuple(sorted(_index().get(key, frozenset()) | extra.get(key, set())))
