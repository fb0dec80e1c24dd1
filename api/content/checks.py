"""Every text of a tree checked the way an edit is checked: for publishing a draft.

B1 where the content tests apply it, and placeholders against what the live text allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from api.content.catalog import Item, build_catalog
from api.content.drafts import Refused, check_value

__all__ = ["ItemProblem", "check_tree"]


@dataclass(frozen=True)
class ItemProblem:
    """A text of the tree that may not be published, and why (see :class:`Refused`)."""

    item: Item
    refused: Refused


def check_tree(tree: Mapping[str, str], live: Mapping[str, str]) -> list[ItemProblem]:
    """The texts of ``tree`` that fail the checks (empty: all pass).

    Placeholders allowed per text are those of the live text (and the domain's slots where the
    bot fills them), so a draft cannot bring in a placeholder nobody fills.
    """
    allowed = {item.id: item for item in build_catalog(live).items}
    problems = []
    for item in build_catalog(tree).items:
        refused = check_value(allowed.get(item.id, item), item.value)
        if refused is not None:
            problems.append(ItemProblem(item, refused))
    return problems
