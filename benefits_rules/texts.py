"""The one loader of the files with texts people read (schema version 1).

Both runtimes use it: the API for its notices (``api/texts.nl.yml``), the action server for
what the actions say (``actions/texts.nl.yml``, ``texts.en.yml``, ``rephrase.nl.yml``), and the
safety net and the actions for the words the bot explains (``actions/terms.nl.yml``,
:func:`load_terms`). A file::

    schema_version: 1
    texts:
      empty_message: "Uw bericht is leeg."     # plain: the text itself (the API's files)
      ask_rephrase:                             # an entry: text and optional buttons (the bot's)
        text: Kunt u het anders zeggen?
        buttons:
          - {title: Ik heb schulden, payload: /debt_worries}
          - {title: "Ja, {amount} euro", answer: "yes"}   # answers a confirmation

Every text is checked when the file is read: not empty, and ``{placeholders}`` well formed.
A broken file raises :class:`TextFileError`, which names the file, the line and the field,
the same way the rule files do (it reads with the rules' YAML reader).

The running processes read their files through :func:`live_text_entries` and
:func:`live_plain_texts`: under the content root ``RONDKOMEN_CONTENT_DIR`` (the editors' live
version, ``var/content/live``; default the repository itself). When that root starts pointing at
another version (a publish or a rollback flips the symlink), the next call reads the new files:
neither the API nor the action server restarts.
"""

from __future__ import annotations

import os
import string
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypedDict, TypeVar, cast

from .errors import RuleDataError
from .schema import SCHEMA_VERSION, FileReader
from .yamlio import MarkedDict, MarkedList, load_yaml

__all__ = [
    "Button",
    "TermEntry",
    "TextEntry",
    "TextFileError",
    "content_root",
    "live",
    "live_plain_texts",
    "live_text_entries",
    "load_plain_texts",
    "load_terms",
    "load_text_entries",
    "read_plain_texts",
]

CONTENT_DIR_VARIABLE = "RONDKOMEN_CONTENT_DIR"
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
# How often the live root's target is looked up again (a readlink per call would be cheap too,
# but every action and every API notice asks).
RECHECK_SECONDS = 1.0


class TextFileError(RuleDataError):
    """A texts file is broken. The message names the file, the line and the field."""


class Button(TypedDict, total=False):
    """A button under a text: its title, and the intent it sends or the answer it gives."""

    title: str
    payload: str
    answer: str


class TermEntry(TypedDict):
    """A word the bot explains: how residents write it, the explanation, and the intent that
    checks whether the resident can get it (a scheme), if any."""

    names: list[str]
    text: str
    ask: str | None


class TextEntry(TypedDict):
    text: str
    buttons: list[Button]


_BUTTON_KEYS = ("title", "payload", "answer")
_ENTRY_KEYS = ("text", "buttons")


class _Reader(FileReader):
    def fail(self, line: int | None, field: str, problem: str) -> NoReturn:
        raise TextFileError(self.display, line, field, problem)


def _open(path: Path, table_key: str = "texts") -> tuple[_Reader, MarkedDict]:
    """The file's reader and its ``texts`` (or ``terms``) table, after the header is checked."""
    try:
        root = load_yaml(path, str(path))
    except RuleDataError as exc:
        raise TextFileError(exc.file, exc.line, exc.field, exc.problem) from exc
    reader = _Reader(str(path), root)
    version = reader.get(root, "schema_version", int, "")
    if version != SCHEMA_VERSION:
        reader.fail(
            root.line_of("schema_version"),
            "schema_version",
            f"is {version}; this code reads version {SCHEMA_VERSION}",
        )
    table: MarkedDict = reader.get(root, table_key, dict, "")
    return reader, table


def _template(reader: FileReader, mapping: MarkedDict, key: str, path: str) -> str:
    """A non-empty text whose ``{placeholders}`` ``str.format`` can fill in."""
    text = reader.text(mapping, key, path)
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text)]
    except ValueError as exc:
        reader.fail(mapping.line_of(key), f"{path}.{key}", f"has a broken placeholder: {exc}")
    for name in names:
        if name is not None and not name.isidentifier():
            reader.fail(
                mapping.line_of(key),
                f"{path}.{key}",
                f"has a placeholder {{{name}}}; use a name such as {{phone}}",
            )
    return text


def read_plain_texts(reader: FileReader, table: MarkedDict, path: str) -> dict[str, str]:
    """A table of plain texts (key: text), each checked."""
    return {key: _template(reader, table, key, path) for key in table}


def _button(reader: FileReader, items: MarkedList, index: int, path: str) -> Button:
    where = f"{path}[{index}]"
    item = items[index]
    if not isinstance(item, MarkedDict):
        reader.fail(items.line_of(index), where, "must be a mapping with title and payload")
    reader.only(item, _BUTTON_KEYS, where)
    button = Button(title=_template(reader, item, "title", where))
    if ("payload" in item) == ("answer" in item):
        reader.fail(item.line, where, "needs either a payload (/intent) or an answer")
    if "payload" in item:
        button["payload"] = reader.text(item, "payload", where)
    else:
        button["answer"] = reader.text(item, "answer", where)
    return button


def _entry(reader: FileReader, table: MarkedDict, key: str) -> TextEntry:
    path = f"texts.{key}"
    entry = reader.get(table, key, dict, "texts")
    reader.only(entry, _ENTRY_KEYS, path)
    items = reader.get(entry, "buttons", list, path, required=False) or MarkedList()
    return TextEntry(
        text=_template(reader, entry, "text", path),
        buttons=[_button(reader, items, n, f"{path}.buttons") for n in range(len(items))],
    )


def load_plain_texts(path: Path) -> dict[str, str]:
    """The texts of a file of plain texts (``key: text``), such as ``api/texts.nl.yml``."""
    reader, table = _open(path)
    return read_plain_texts(reader, table, "texts")


def load_text_entries(path: Path) -> dict[str, TextEntry]:
    """The entries of a file of texts with buttons (``key: {text, buttons}``), such as
    ``actions/texts.nl.yml``."""
    reader, table = _open(path)
    return {key: _entry(reader, table, key) for key in table}


_TERM_KEYS = ("names", "text", "ask")
_TERMS_FILE_KEYS = ("schema_version", "question_patterns", "terms")


def _term(reader: FileReader, table: MarkedDict, key: str) -> TermEntry:
    path = f"terms.{key}"
    entry = reader.get(table, key, dict, "terms")
    reader.only(entry, _TERM_KEYS, path)
    names: MarkedList = reader.get(entry, "names", list, path)
    if not names:
        reader.fail(entry.line_of("names"), f"{path}.names", "must name the word at least once")
    for index, name in enumerate(names):
        if not isinstance(name, str) or not name.strip():
            reader.fail(names.line_of(index), f"{path}.names[{index}]", "must be a word")
    ask = reader.text(entry, "ask", path, required=False) or None
    return TermEntry(names=list(names), text=_template(reader, entry, "text", path), ask=ask)


def load_terms(path: Path) -> tuple[dict[str, TermEntry], list[str]]:
    """The terms of ``actions/terms.nl.yml`` and the patterns of a question about a term."""
    reader, table = _open(path, "terms")
    reader.only(reader.root, _TERMS_FILE_KEYS, "")
    patterns: MarkedList = (
        reader.get(reader.root, "question_patterns", list, "", required=False) or MarkedList()
    )
    for index, pattern in enumerate(patterns):
        if not isinstance(pattern, str) or not pattern:
            reader.fail(patterns.line_of(index), f"question_patterns[{index}]", "must be a text")
    return {key: _term(reader, table, key) for key in table}, list(patterns)


def content_root() -> Path:
    """Where the texts are read: ``RONDKOMEN_CONTENT_DIR``, else the repository.

    A content root that does not exist (yet) counts as the repository: version 1 of the editors'
    workspace is the repository's files, and it may be written after this process started.
    """
    configured = os.environ.get(CONTENT_DIR_VARIABLE)
    if configured and Path(configured).is_dir():
        return Path(configured)
    return REPOSITORY_ROOT


_T = TypeVar("_T")
_lock = threading.Lock()
# (loader, relative path) -> (resolved root, last look-up, the texts)
_cache: dict[tuple[Callable[[Path], object], str], tuple[str, float, object]] = {}


def live(load: Callable[[Path], _T], relative: str) -> _T:
    """``load(root / relative)`` for the live content root, read again when the root moves."""
    key = (load, relative)
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key)
        if cached is not None and now - cached[1] < RECHECK_SECONDS:
            return cast(_T, cached[2])
        root = os.path.realpath(content_root())
        if cached is not None and cached[0] == root:
            _cache[key] = (root, now, cached[2])
            return cast(_T, cached[2])
    # Read outside the lock; a file of the new version replaces the old in one assignment.
    value = load(Path(root) / relative)
    with _lock:
        _cache[key] = (root, now, value)
    return value


def live_text_entries(relative: str) -> dict[str, TextEntry]:
    """The entries of ``relative`` (e.g. ``actions/texts.nl.yml``) in the live content root."""
    return live(load_text_entries, relative)


def live_plain_texts(relative: str) -> dict[str, str]:
    """The plain texts of ``relative`` (e.g. ``api/texts.nl.yml``) in the live content root."""
    return live(load_plain_texts, relative)
