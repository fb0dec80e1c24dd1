"""Published versions on disk and in the database, and the live pointer.

A version N is ``<workspace>/versions/<N>/``: the full content tree, ``model.tar.gz`` (the Rasa
model trained from it) and ``meta.json``. Every version is kept, so any of them can be restored
without training. ``<workspace>/live`` is a symlink to the live version's folder, switched
atomically (a new symlink renamed over the old one); the text loaders read through it
(``RONDKOMEN_CONTENT_DIR``). The row in ``content_live`` is the truth; the symlink follows it.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.content.files import read_tree, with_rules, write_tree
from api.content.version_tables import ContentLive, ContentVersion
from api.texts import text

MODEL_NAME = "model.tar.gz"
META_NAME = "meta.json"
LIVE_ROW = 1
# Who "made" version 1: the repository's files as they were when the workspace started.
FROM_REPOSITORY = "repository"


@dataclass(frozen=True)
class Workspace:
    """The folder of the editors' workspace (``var/content`` by default)."""

    root: Path

    @property
    def live(self) -> Path:
        return self.root / "live"

    @property
    def builds(self) -> Path:
        return self.root / "builds"

    def version_dir(self, number: int) -> Path:
        return self.root / "versions" / str(number)

    def model_file(self, number: int) -> Path:
        return self.version_dir(number) / MODEL_NAME

    def tree(self, number: int) -> dict[str, str]:
        return with_rules(read_tree(self.version_dir(number)))

    def meta(self, number: int) -> dict[str, Any]:
        path = self.version_dir(number) / META_NAME
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return loaded

    def point_live(self, number: int) -> None:
        """Make ``live`` point at version ``number`` in one step (readers never see no link)."""
        target = Path("versions") / str(number)
        if self.live.is_symlink() and Path(os.readlink(self.live)) == target:
            return
        temporary = self.root / "live.tmp"
        temporary.unlink(missing_ok=True)
        os.symlink(target, temporary)
        os.replace(temporary, self.live)

    def store(self, number: int, tree: dict[str, str], model: Path, meta: dict[str, Any]) -> None:
        """Write version ``number``'s folder (complete, then renamed into place)."""
        final = self.version_dir(number)
        if final.exists():
            return
        partial = final.with_name(f".{number}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        write_tree(tree, partial)
        try:
            os.link(model, partial / MODEL_NAME)  # same disk: no copy of ~30 MB
        except OSError:
            shutil.copy2(model, partial / MODEL_NAME)
        (partial / META_NAME).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        os.replace(partial, final)


def describe_change(old: dict[str, str], new: dict[str, str]) -> tuple[str, str]:
    """A one-line Dutch summary (which files) and a readable line diff of two trees."""
    changed = sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))
    if not changed:
        return text("version_no_changes"), ""
    parts = []
    for path in changed:
        before, after = old.get(path, "").splitlines(), new.get(path, "").splitlines()
        was, now = text("version_diff_before", path=path), text("version_diff_after", path=path)
        lines = list(difflib.unified_diff(before, after, was, now, lineterm=""))
        parts.append("\n".join(lines))
    return text("version_changed", files=", ".join(changed)), "\n".join(parts)


async def live_number(db: AsyncSession) -> int | None:
    row = await db.get(ContentLive, LIVE_ROW)
    return row.version if row is not None else None


async def next_number(db: AsyncSession) -> int:
    highest = (await db.execute(select(func.max(ContentVersion.number)))).scalar_one()
    return int(highest or 0) + 1


async def set_live(db: AsyncSession, workspace: Workspace, number: int) -> None:
    """Point residents at version ``number``: the database row first (the truth), then the link."""
    row = await db.get(ContentLive, LIVE_ROW)
    if row is None:
        db.add(ContentLive(id=LIVE_ROW, version=number))
    else:
        row.version = number
    await db.commit()
    workspace.point_live(number)


async def ensure_initial_version(
    db: AsyncSession, workspace: Workspace, repository: Path, model: Path, now: datetime
) -> int:
    """The live version's number; on first use, version 1 from the repository files and model.

    Also puts the symlink back where the database says (another worker may have switched).
    """
    number = await live_number(db)
    if number is not None:
        workspace.point_live(number)
        return number
    workspace.store(1, read_tree(repository), model.resolve(), {"accuracy": None})
    db.add(
        ContentVersion(
            number=1,
            created_by=FROM_REPOSITORY,
            created_at=now,
            summary=text("version_first"),
            diff="",
            status="live",
            accuracy=None,
            model_file=str(workspace.model_file(1)),
        )
    )
    db.add(ContentLive(id=LIVE_ROW, version=1))
    try:
        await db.commit()
    except IntegrityError:  # another worker made version 1 at the same moment
        await db.rollback()
    number = await live_number(db)
    assert number is not None
    workspace.point_live(number)
    return number
