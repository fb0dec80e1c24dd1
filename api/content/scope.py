"""Which content an account may see and change: the one guard of the editors' workspace.

Content is of two kinds. The installation's shared content (the bot's answers, the example
sentences, the national rules, the texts of the API and the widget) is the same for every
municipality the installation serves: every editor works on it. A municipality's own content is
its folder ``benefits_rules/data/municipalities/<key>/`` (its facts in ``municipality.yaml``
and a folder per scheme): only that municipality's editors and admins see or change it.

Fails closed: a path under the municipalities folder that names no municipality, or an account
without a municipality, is nobody's to see. Drafts (saving, listing, publishing), the catalog
and its search, versions (their diffs, and rollbacks) and the not-understood review all ask
this module. ``make content-export`` is the operator's, not an account's: it writes the whole
installation's content back into the repository.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from api.auth.models import CounsellorUser

__all__ = ["MUNICIPALITIES_DIR", "Scope", "municipality_file", "owner_of", "scope_of"]

MUNICIPALITIES_DIR = "benefits_rules/data/municipalities"
_UNKNOWN = ""  # the owner of a path that is a municipality's, but names none: nobody


def owner_of(relative: str) -> str | None:
    """The municipality a content path belongs to; None for the installation's shared content."""
    parts = PurePosixPath(relative).parts
    base = PurePosixPath(MUNICIPALITIES_DIR).parts
    if parts[: len(base)] != base:
        return None
    rest = parts[len(base) :]
    # A file directly in the folder, or a folder name that is no key: fail closed.
    if len(rest) < 2 or not rest[0] or rest[0] in (".", ".."):
        return _UNKNOWN
    return rest[0]


def municipality_file(key: str) -> str:
    """The content path of a municipality's facts."""
    return f"{MUNICIPALITIES_DIR}/{key}/municipality.yaml"


@dataclass(frozen=True)
class Scope:
    """What one account may see: the shared content and its own municipality's folder."""

    municipality: str

    def allows(self, relative: str) -> bool:
        owner = owner_of(relative)
        return owner is None or (bool(self.municipality) and owner == self.municipality)

    def tree(self, tree: Mapping[str, str]) -> dict[str, str]:
        """``tree`` without the files of other municipalities."""
        return {path: text for path, text in tree.items() if self.allows(path)}

    def paths(self, paths: list[str]) -> list[str]:
        return [path for path in paths if self.allows(path)]


def scope_of(user: CounsellorUser) -> Scope:
    return Scope(user.municipality or "")
