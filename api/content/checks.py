"""The text checks of a publish: every text B1 where the content tests apply it, placeholders
against what the live text allowed, and every texts file readable by the runtime's loader.

The Dutch wording of a finding comes from the editor pages' macros (``editor/_problems.html``),
so an editor reads the same sentence on the edit page and in a failed publish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.content.catalog import Item, build_catalog
from api.content.drafts import Refused, check_value
from api.content.facts import rule_data_problem
from api.content.files import RULES_PREFIX
from api.texts import text
from benefits_rules.texts import TextFileError, load_plain_texts, load_terms, load_text_entries

__all__ = [
    "ItemProblem",
    "check_tree",
    "rule_data_findings",
    "structure_findings",
    "text_findings",
]

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
# Files the runtime reads with the one texts loader (it checks structure and placeholders).
ENTRY_FILES = ("actions/texts.nl.yml", "actions/texts.en.yml", "actions/rephrase.nl.yml")
PLAIN_FILES = ("api/texts.nl.yml",)
TERMS_FILES = ("actions/terms.nl.yml",)


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


@lru_cache(maxsize=1)
def _wording() -> Any:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(("html",))
    )
    return environment.get_template("editor/_problems.html").module


def text_findings(tree: Mapping[str, str], live: Mapping[str, str]) -> list[str]:
    """One Dutch line per text that fails, naming the file, the key and the text."""
    wording = _wording()
    findings = []
    for problem in check_tree(tree, live):
        refused = problem.refused
        reasons = [str(wording.refusal(refused.reason))] if refused.reason else []
        reasons += [str(wording.placeholder(p)) for p in refused.placeholder_problems]
        reasons += [str(wording.b1(p)) for p in refused.b1_problems]
        findings.append(
            text(
                "publish_text_finding",
                file=problem.item.file,
                where=problem.item.key,
                reasons=" ".join(reasons),
                text=problem.item.value,
            )
        )
    return findings


def structure_findings(root: Path) -> list[str]:
    """What the runtime's texts loader refuses (it names the file, line and field)."""
    findings = []
    for relative in (*ENTRY_FILES, *PLAIN_FILES, *TERMS_FILES):
        try:
            if relative in ENTRY_FILES:
                load_text_entries(root / relative)
            elif relative in PLAIN_FILES:
                load_plain_texts(root / relative)
            else:
                load_terms(root / relative)
        except TextFileError as exc:
            findings.append(
                text(
                    "publish_file_finding",
                    file=relative,
                    line=exc.line,
                    field=exc.field,
                    problem=exc.problem,
                )
            )
    return findings


def rule_data_findings(tree: Mapping[str, str]) -> list[str]:
    """What ``benefits_rules``' loader refuses in the tree's rule data (municipality files too)."""
    if not any(path.startswith(RULES_PREFIX) for path in tree):
        return []  # no rule data in the tree: the runtime reads the package's own
    problem = rule_data_problem(tree)
    if problem is None:
        return []
    return [
        text(
            "publish_file_finding",
            file=f"benefits_rules/data/{problem.file}",
            line=problem.line,
            field=problem.field,
            problem=problem.problem,
        )
    ]
