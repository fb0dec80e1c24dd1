"""The draft: edits residents do not see yet, stored as the changed content files in full.

An edit names one item and carries the value the editor saw. When the draft holds another
value by now (a colleague saved first), the edit is refused as a :class:`Conflict`, never
silently applied over it. Files are written with a compare-and-set on their revision, so
parallel saves on one file are applied one after the other, none lost.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from api import audit
from api.auth.models import CounsellorUser
from api.content import b1, placeholders
from api.content.catalog import Item, build_catalog, intent_file, parse_item_id
from api.content.files import RULES_PREFIX, content_root, is_content_path, read_published
from api.content.models import ContentDraftFile
from api.content.scope import Scope, scope_of
from api.content.sourcetext import SourceError, get_value, set_value, split_examples, with_examples

__all__ = [
    "MAX_EXAMPLE_CHARS",
    "Conflict",
    "DraftRow",
    "ExampleChange",
    "FileChange",
    "Refused",
    "add_example",
    "change_examples",
    "check_value",
    "clear_published",
    "conflict_in",
    "draft_files",
    "draft_tree",
    "save_file",
    "save_files",
    "save_item",
]

MAX_EXAMPLE_CHARS = 200
_ATTEMPTS = 100
T = ContentDraftFile


class Conflict(Exception):
    """The draft changed since the editor looked: the value it holds now, who saved it, when.

    ``current_value`` is None for an example that is no longer there.
    """

    def __init__(self, current_value: str | None, by: str | None, at: datetime | None) -> None:
        super().__init__("the draft changed")
        self.current_value = current_value
        self.by = by
        self.at = at


RefusalReason = Literal["empty", "duplicate", "too_long", "unknown_item", "unknown_intent", "file"]


class Refused(Exception):
    """A change that may not go into the draft, with the reasons (the page says them in Dutch)."""

    def __init__(
        self,
        reason: RefusalReason | None = None,
        b1_problems: list[b1.Problem] | None = None,
        placeholder_problems: list[placeholders.PlaceholderProblem] | None = None,
    ) -> None:
        super().__init__(reason or "not B1 or broken placeholders")
        self.reason = reason
        self.b1_problems = b1_problems or []
        self.placeholder_problems = placeholder_problems or []


@dataclass(frozen=True)
class ExampleChange:
    """Add (``old`` None), change, or remove (``new`` None) one example of ``intent``."""

    intent: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class DraftRow:
    text: str
    revision: int
    by: str
    at: datetime


@dataclass
class _Edit:
    """What a save does to the files: path -> change of the file's text."""

    changes: dict[str, Callable[[str, DraftRow | None], str]] = field(default_factory=dict)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _live(live: Mapping[str, str] | None) -> Mapping[str, str]:
    return live if live is not None else read_published(content_root())


async def _rows(db: AsyncSession, paths: list[str] | None = None) -> dict[str, DraftRow]:
    query = select(T.path, T.text, T.revision, T.updated_by, T.updated_at)
    if paths is not None:
        query = query.where(T.path.in_(paths))
    result = await db.execute(query)
    return {r.path: DraftRow(r.text, r.revision, r.updated_by, r.updated_at) for r in result}


async def draft_files(db: AsyncSession, scope: Scope) -> dict[str, ContentDraftFile]:
    """The changed files of the draft that ``scope`` may see (empty: there is no draft)."""
    rows = await _rows(db)
    return {
        path: ContentDraftFile(
            path=path, text=r.text, revision=r.revision, updated_by=r.by, updated_at=r.at
        )
        for path, r in rows.items()
        if scope.allows(path)
    }


async def draft_tree(
    db: AsyncSession, live_tree: Mapping[str, str], scope: Scope
) -> dict[str, str]:
    """The live tree with the draft's files that ``scope`` may see laid over it.

    Other municipalities' files stay in the tree as they are live (a publish must keep them);
    pages that show files filter the tree with the scope.
    """
    rows = await _rows(db)
    mine = {path: r.text for path, r in rows.items() if scope.allows(path)}
    # A file the draft adds (a new rules period) is in the tree too; other rows are leftovers.
    draft = {p: text for p, text in mine.items() if p in live_tree or p.startswith(RULES_PREFIX)}
    return {**live_tree, **draft}


async def clear_published(db: AsyncSession, published: Mapping[str, str]) -> list[str]:
    """Remove the draft files that were published (path -> the text that was published).

    A file saved again while the publish ran differs from what was published and stays in the
    draft. Returns the paths still in the draft. The caller commits.
    """
    for path, text in published.items():
        await db.execute(delete(T).where(T.path == path, T.text == text))
    return sorted((await _rows(db)).keys())


async def _write_once(
    db: AsyncSession, edit: _Edit, live: Mapping[str, str], user: CounsellorUser, now: datetime
) -> bool:
    rows = await _rows(db, list(edit.changes))
    for path, change in edit.changes.items():
        row = rows.get(path)
        before = row.text if row else live.get(path, "")  # "": a file the draft adds
        after = change(before, row)
        if after == before:
            continue
        if row is None:
            insert = (postgresql if db.bind.dialect.name == "postgresql" else sqlite).insert(T)
            statement: Any = insert.values(
                path=path, text=after, revision=1, updated_by=user.username, updated_at=now
            ).on_conflict_do_nothing(index_elements=["path"])
        elif after == live.get(path, ""):
            # Changed back to what residents see: no longer part of the draft.
            statement = delete(T).where(T.path == path, T.revision == row.revision)
        else:
            statement = (
                update(T)
                .where(T.path == path, T.revision == row.revision)
                .values(
                    text=after, revision=row.revision + 1, updated_by=user.username, updated_at=now
                )
            )
        # Counted by RETURNING: psycopg's async rowcount is not reliable for these statements.
        if len((await db.execute(statement.returning(T.path))).all()) != 1:
            return False  # another save came in between: read again and check again
    audit.record(db, user, "content_edit", now)
    await db.commit()
    return True


async def _rollback(db: AsyncSession) -> None:
    """Roll back, and load again what the caller holds (the login): a rollback expires it."""
    held = list(db.identity_map.values())
    await db.rollback()
    for instance in held:
        await db.refresh(instance)


def _may_add(path: str) -> bool:
    """A file the draft may add: a rules file (a new period), nothing else."""
    return path.startswith(RULES_PREFIX) and is_content_path(path)


async def _write(
    db: AsyncSession, edit: _Edit, live: Mapping[str, str], user: CounsellorUser, now: datetime
) -> None:
    scope = scope_of(user)
    # Another municipality's file is not there for this user; a new file is a rules period.
    if any(not scope.allows(p) or not (p in live or _may_add(p)) for p in edit.changes):
        raise Refused("unknown_item")
    for _ in range(_ATTEMPTS):
        try:
            if await _write_once(db, edit, live, user, now):
                return
        except OperationalError as exc:
            # SQLite has one writer at a time; under load a writer can give up waiting. Try again.
            if db.bind.dialect.name != "sqlite" or "locked" not in str(exc):
                await _rollback(db)
                raise
            await _rollback(db)
        except BaseException:
            await _rollback(db)
            raise
        else:
            await _rollback(db)
        await asyncio.sleep(random.uniform(0.005, 0.05))  # spread the retries
    raise RuntimeError("the draft kept changing; try again")


FileChange = Callable[[str, DraftRow | None], str]


async def save_files(
    db: AsyncSession,
    changes: Mapping[str, FileChange],
    user: CounsellorUser,
    *,
    now: datetime | None = None,
    live: Mapping[str, str] | None = None,
) -> None:
    """Apply changes to whole files (path -> text before -> text after) in one go, with the same
    compare-and-set and audit as every other save. A change raises :class:`Conflict` when the
    file no longer says what the editor saw; a path the live tree lacks is a new file ("")."""
    await _write(db, _Edit(dict(changes)), _live(live), user, now or _now())


async def conflict_in(db: AsyncSession, path: str) -> Conflict:
    """A conflict on ``path``, naming who saved its draft last and when."""
    row = (await _rows(db, [path])).get(path)
    return Conflict(None, row.by if row else None, row.at if row else None)


def check_value(item: Item, value: str) -> Refused | None:
    """Why ``value`` may not replace ``item``'s text (None: it may)."""
    if not value.strip():
        return Refused("empty")
    broken = placeholders.check(value, "", item.placeholders)
    problems = (
        b1.check(value, terms_must_be_explained=item.terms_must_be_explained)
        if item.needs_b1(value)
        else []
    )
    return Refused(None, problems, broken) if broken or problems else None


async def save_item(
    db: AsyncSession,
    item_id: str,
    seen_value: str,
    new_value: str,
    user: CounsellorUser,
    *,
    now: datetime | None = None,
    live: Mapping[str, str] | None = None,
) -> None:
    """Put ``new_value`` for the item into the draft, if the draft still says ``seen_value``.

    Raises :class:`Refused` (not B1, broken placeholders) or :class:`Conflict`.
    """
    live = _live(live)
    item = build_catalog(live).item(item_id)
    if item is None:
        raise Refused("unknown_item")
    refused = check_value(item, new_value)
    if refused is not None:
        raise refused
    relative, path = parse_item_id(item_id)

    def change(text: str, row: DraftRow | None) -> str:
        current = get_value(relative, text, path)
        if current != seen_value:
            raise Conflict(current, row.by if row else None, row.at if row else None)
        try:
            return set_value(relative, text, path, new_value)
        except SourceError as exc:
            raise Refused("file") from exc

    await _write(db, _Edit({relative: change}), live, user, now or _now())


async def save_file(
    db: AsyncSession,
    relative: str,
    change: Callable[[str, DraftRow | None], str],
    user: CounsellorUser,
    *,
    now: datetime | None = None,
    live: Mapping[str, str] | None = None,
) -> None:
    """Change one file of the draft: ``change`` gets its draft text (and row) and returns the
    new text, or raises (:class:`Conflict`, a refusal). Applied with the same compare-and-set
    and audit as every edit; only files the user's scope allows.
    """
    await _write(db, _Edit({relative: change}), _live(live), user, now or _now())


def _example_change(
    relative: str, intent: str, old: str | None, new: str | None
) -> Callable[[str, DraftRow | None], str]:
    def change(text: str, row: DraftRow | None) -> str:
        entries = get_value(relative, text, ["nlu"]) or []
        index = next(i for i, e in enumerate(entries) if e.get("intent") == intent)
        examples = split_examples(get_value(relative, text, ["nlu", index, "examples"]) or "")
        if old is not None and old not in examples:
            raise Conflict(None, row.by if row else None, row.at if row else None)
        if new is not None and new != old and new in examples:
            raise Refused("duplicate")
        if old is None and new is not None:
            examples.append(new)
        elif new is None:
            examples.remove(old)  # type: ignore[arg-type]
        else:
            examples[examples.index(old)] = new  # type: ignore[arg-type]
        return with_examples(relative, text, intent, examples)

    return change


async def change_examples(
    db: AsyncSession,
    changes: list[ExampleChange],
    user: CounsellorUser,
    *,
    now: datetime | None = None,
    live: Mapping[str, str] | None = None,
) -> None:
    """Apply example changes in one go (a move is a removal and an addition), or none of them.

    Raises :class:`Refused` (empty, too long, duplicate, unknown intent) or :class:`Conflict`
    (an example that was changed or removed by someone else meanwhile).
    """
    live = _live(live)
    edit = _Edit()
    by_file: dict[str, list[Callable[[str, DraftRow | None], str]]] = {}
    for c in changes:
        new = " ".join(c.new.split()) if c.new is not None else None
        if new is not None and not new:
            raise Refused("empty")
        if new is not None and len(new) > MAX_EXAMPLE_CHARS:
            raise Refused("too_long")
        relative = intent_file(live, c.intent)
        if relative is None:
            raise Refused("unknown_intent")
        by_file.setdefault(relative, []).append(_example_change(relative, c.intent, c.old, new))
    for relative, steps in by_file.items():

        def apply(text: str, row: DraftRow | None, steps: list[Any] = steps) -> str:
            for step in steps:
                text = step(text, row)
            return text

        edit.changes[relative] = apply
    await _write(db, edit, live, user, now or _now())


async def add_example(
    db: AsyncSession,
    intent: str,
    text: str,
    user: CounsellorUser,
    *,
    now: datetime | None = None,
    live: Mapping[str, str] | None = None,
) -> None:
    """Adopt ``text`` (already redacted) as a draft example of ``intent``.

    Raises :class:`Refused` ("duplicate" when the intent has it already).
    """
    await change_examples(db, [ExampleChange(intent, None, text)], user, now=now, live=live)
