"""Content is a tree of the repository's own source files: what editors may change.

Paths are relative to a content root (the repository root by default; ``RONDKOMEN_CONTENT_DIR``
points at a published version's directory). The files stay the source format, so a tree can be
written back into the repository at any time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from benefits_rules.texts import content_root

__all__ = [
    "CONTENT_GLOBS",
    "REPO_ROOT",
    "RULES_PREFIX",
    "content_root",
    "is_content_path",
    "read_published",
    "read_tree",
    "write_tree",
]

REPO_ROOT = Path(__file__).resolve().parents[2]

CONTENT_GLOBS: tuple[str, ...] = (
    "bot/domain/*.yml",
    "nlu_data/**/*.yml",
    "actions/texts.nl.yml",
    "actions/texts.en.yml",
    "actions/terms.nl.yml",
    "actions/rephrase.nl.yml",
    "api/texts.nl.yml",
    "web_widget/strings.nl.json",
    # The rule data and the scenarios that check it: national rules and texts are shared; each
    # municipality's folder (its facts in municipality.yaml, its schemes) is its own
    # (api/content/scope.py). All of it, because the rules read the whole folder from the live
    # version (benefits_rules/loader.py).
    "benefits_rules/data/**/*.yaml",
)
# Where the rule data sits in a tree (the same folder the rules' loader reads under a root).
RULES_PREFIX = "benefits_rules/data/"


def is_content_path(relative: str) -> bool:
    """Whether ``relative`` (a POSIX path) is one of the content files, and nothing else."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts:
        return False
    patterns = {*CONTENT_GLOBS, *(p.replace("**/", "") for p in CONTENT_GLOBS)}
    return any(fnmatch(relative, pattern) for pattern in patterns)


def read_tree(root: Path) -> dict[str, str]:
    """Every content file under ``root``: relative POSIX path -> file text, sorted by path."""
    found: dict[str, str] = {}
    for pattern in CONTENT_GLOBS:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    return dict(sorted(found.items()))


def read_published(root: Path) -> dict[str, str]:
    """The content tree of a published version (or the repository) as the runtime reads it.

    A version published before the rule data was content has none; the runtime then reads the
    package's own rule data (``benefits_rules.loader``), so that is what this tree holds too.
    """
    tree = read_tree(root)
    if not any(path.startswith(RULES_PREFIX) for path in tree):
        packaged = read_tree(REPO_ROOT)
        tree |= {path: text for path, text in packaged.items() if path.startswith(RULES_PREFIX)}
    return dict(sorted(tree.items()))


def write_tree(tree: Mapping[str, str], root: Path) -> None:
    """Write ``tree`` under ``root``; each file is replaced atomically (temp file, rename)."""
    for relative, text in tree.items():
        if not is_content_path(relative):
            raise ValueError(f"{relative}: not a content file")
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
