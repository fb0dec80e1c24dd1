"""The content: the repository files editors change, as a tree (relative path -> file text).

The repository files stay the source format; a published version is the same tree on disk.
"""

from __future__ import annotations

from pathlib import Path

CONTENT_GLOBS = (
    "bot/domain/*.yml",
    "nlu_data/**/*.yml",
    "actions/texts.nl.yml",
    "actions/texts.en.yml",
    "actions/terms.nl.yml",
    "actions/rephrase.nl.yml",
    "api/texts.nl.yml",
    "web_widget/strings.nl.json",
)


def read_tree(root: Path) -> dict[str, str]:
    """Every content file under ``root``: its path relative to ``root`` and its text."""
    tree: dict[str, str] = {}
    for pattern in CONTENT_GLOBS:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                tree[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    return dict(sorted(tree.items()))


def write_tree(tree: dict[str, str], root: Path) -> None:
    """Write every file of ``tree`` under ``root`` (folders are created)."""
    for relative, text in tree.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
