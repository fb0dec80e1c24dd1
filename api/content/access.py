"""The content the editors' workspace starts from: what residents see now."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from api.content import drafts
from api.content.catalog import Catalog, build_catalog
from api.content.files import content_root, read_published
from api.content.scope import Scope


def live_tree() -> dict[str, str]:
    """The content residents see now (overridden in tests)."""
    return read_published(content_root())


LiveDep = Annotated[dict[str, str], Depends(live_tree)]


async def draft_catalog(db: AsyncSession, live: Mapping[str, str], scope: Scope) -> Catalog:
    """The catalog of the draft as ``scope`` may see it (other municipalities' files left out)."""
    return build_catalog(scope.tree(await drafts.draft_tree(db, live, scope)))


def live_catalog(live: Mapping[str, str], scope: Scope) -> Catalog:
    """The catalog of what residents see now, as ``scope`` may see it."""
    return build_catalog(scope.tree(live))
