"""The API's layers point one way: main -> routes -> pages and services -> models.

Read from the source with ``ast`` (nothing is imported), so a new module that imports back up
or mounts a router somewhere else fails here, not in a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

API_DIR = Path(__file__).resolve().parents[2] / "api"
# Table definitions: they may only import each other and the declarative base.
MODELS = {
    "api.db",
    "api.models",
    "api.auth.models",
    "api.handoff.models",
    "api.not_understood.models",
    "api.content.models",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(API_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in sorted(API_DIR.rglob("*.py"))
        if "migrations" not in path.parts
    }


SOURCES = _sources()


def _imports(tree: ast.Module) -> set[str]:
    """The api modules a module imports (``from api import x`` counts as ``api.x``)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in SOURCES else node.module)
    return {name for name in found if name == "api" or name.startswith("api.")}


IMPORTS = {name: _imports(tree) for name, tree in SOURCES.items()}


def _is_route_module(name: str) -> bool:
    return name.startswith("api.routes.")


def test_only_main_imports_the_routers() -> None:
    offenders = {
        name: sorted(i for i in imported if i == "api.routes" or _is_route_module(i))
        for name, imported in IMPORTS.items()
        if name != "api.main" and not _is_route_module(name)
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_page_helpers_serve_only_the_routes() -> None:
    users = {name for name, imported in IMPORTS.items() if "api.pages" in imported}
    assert users
    assert {name for name in users if name != "api.main" and not _is_route_module(name)} == set()


def test_routers_live_under_routes_and_only_main_includes_them() -> None:
    routers, includes = set(), set()
    for name, tree in SOURCES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                called = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if called == "APIRouter":
                    routers.add(name)
                elif called == "include_router":
                    includes.add(name)
    assert routers
    assert {name for name in routers if not _is_route_module(name)} == set()
    assert includes == {"api.main"}


def test_routes_do_not_import_each_other() -> None:
    crossing = {
        name: sorted(i for i in imported if _is_route_module(i))
        for name, imported in IMPORTS.items()
        if _is_route_module(name)
    }
    assert {name: found for name, found in crossing.items() if found} == {}


@pytest.mark.parametrize("models", sorted(MODELS))
def test_models_import_only_models(models: str) -> None:
    assert IMPORTS[models] <= MODELS


def test_no_import_cycles() -> None:
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise AssertionError(" -> ".join((*path[path.index(name) :], name)))
        if name in done or name not in IMPORTS:
            return
        for imported in sorted(IMPORTS[name]):
            visit(imported, (*path, name))
        done.add(name)

    for name in sorted(IMPORTS):
        visit(name, ())
