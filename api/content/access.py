"""The content the editors' workspace starts from: what residents see now."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from api.content.files import content_root, read_tree, with_rules


def live_tree() -> dict[str, str]:
    """The content residents see now (overridden in tests)."""
    return with_rules(read_tree(content_root()))


LiveDep = Annotated[dict[str, str], Depends(live_tree)]
