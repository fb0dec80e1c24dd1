"""A municipality's own content: who may see which file (the scope), structural edits of its
file that keep the comments, version diffs per file, and the rule data check."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from api.content.checks import rule_data_findings
from api.content.facts import rule_data_problem
from api.content.files import REPO_ROOT, is_content_path, read_published, read_tree, write_tree
from api.content.scope import Scope, municipality_file, owner_of
from api.content.sourcestruct import remove_entry, set_entry
from api.content.sourcetext import SourceError
from api.content.version_view import split_diff, view_version
from api.content.versions import describe_change

TREE = read_tree(REPO_ROOT)
HEERLEN = municipality_file("heerlen")
TEXT = TREE[HEERLEN]
WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def test_the_rule_data_and_the_municipality_files_are_content() -> None:
    assert HEERLEN in TREE
    assert "benefits_rules/data/national/zorgtoeslag/2026-01-01.yaml" in TREE
    assert "benefits_rules/data/municipalities/heerlen/leergeld/texts.yaml" in TREE
    assert is_content_path("benefits_rules/data/deployment.yaml")
    assert not is_content_path("benefits_rules/loader.py")
    assert rule_data_problem(TREE) is None


@pytest.mark.parametrize(
    ("path", "owner"),
    [
        ("api/texts.nl.yml", None),
        ("benefits_rules/data/national/huurtoeslag/texts.yaml", None),
        ("benefits_rules/data/deployment.yaml", None),
        ("benefits_rules/data/municipalities/heerlen/municipality.yaml", "heerlen"),
        ("benefits_rules/data/municipalities/heerlen/leergeld/2026-01-01.yaml", "heerlen"),
        # In the municipalities folder but naming none: nobody's (fail closed).
        ("benefits_rules/data/municipalities/municipality.yaml", ""),
    ],
)
def test_every_path_has_an_owner_or_is_shared(path: str, owner: str | None) -> None:
    assert owner_of(path) == owner


def test_a_scope_allows_the_shared_content_and_its_own_folder_only() -> None:
    heerlen = Scope("heerlen")
    assert heerlen.allows("bot/domain/money_topics.yml")
    assert heerlen.allows(HEERLEN)
    assert not heerlen.allows(municipality_file("proefdorp"))
    assert not heerlen.allows("benefits_rules/data/municipalities/municipality.yaml")
    assert not Scope("").allows(HEERLEN)  # an account without a municipality: none
    assert set(heerlen.tree({HEERLEN: "a", municipality_file("x"): "b"})) == {HEERLEN}


def test_adding_and_removing_entries_keeps_every_comment_and_the_rest_of_the_file() -> None:
    text = remove_entry(TEXT, ["office_hours", "wednesday"])
    text = set_entry(text, ["office_hours", "saturday"], ["10:00", "12:00"], WEEK)
    text = set_entry(text, ["office_hours", "wednesday"], ["09:00", "17:00"], WEEK)
    text = set_entry(text, ["contacts", "schuldhulp"], {"name": "Hulp: nu", "about": "# niet"})
    text = remove_entry(text, ["contacts", "leergeld"])
    assert comments(text) == comments(TEXT)
    data = yaml.safe_load(text)
    assert list(data["office_hours"]) == [*WEEK[:6]]
    assert data["contacts"]["schuldhulp"] == {"name": "Hulp: nu", "about": "# niet"}
    assert "leergeld" not in data["contacts"]
    assert data["schemes"] == yaml.safe_load(TEXT)["schemes"]
    # Undone, the file is what it was, byte for byte.
    text = remove_entry(text, ["office_hours", "saturday"])
    text = remove_entry(text, ["contacts", "schuldhulp"])
    leergeld = yaml.safe_load(TEXT)["contacts"]["leergeld"]
    text = set_entry(text, ["contacts", "leergeld"], leergeld)
    leergeld_lines = (
        "  leergeld:\n"
        "    name: Stichting Leergeld Parkstad\n"
        "    url: https://leergeldparkstad.nl/en/aanvragen/\n"
    )
    voedselbank_lines = (
        "  voedselbank:\n"
        "    name: Voedselbank Limburg-Zuid\n"
        "    url: https://www.voedselbanklimburg-zuid.nl/\n"
    )
    # (re-added, leergeld comes last among the contacts)
    assert text == TEXT.replace(
        leergeld_lines + voedselbank_lines, voedselbank_lines + leergeld_lines
    )


def test_a_changed_value_keeps_its_quotes_and_a_last_entry_leaves_an_empty_mapping() -> None:
    assert 'phone: "045 123"' in set_entry(TEXT, ["phone"], "045 123")
    text = TEXT
    for day in WEEK[:5]:
        text = remove_entry(text, ["office_hours", day])
    assert "office_hours: {}\n# Local organisations" in text
    text = set_entry(text, ["office_hours", "tuesday"], ["09:00", "12:00"], WEEK)
    assert yaml.safe_load(text)["office_hours"] == {"tuesday": ["09:00", "12:00"]}
    assert comments(text) == comments(TEXT)
    with pytest.raises(SourceError):
        remove_entry(TEXT, ["contacts", "nobody"])


def test_a_version_diff_is_read_per_file_even_when_a_line_looks_like_a_header() -> None:
    tricky = "-- benefits_rules/data/municipalities/proefdorp/municipality.yaml (was)"
    old = {"api/texts.nl.yml": f"a\n{tricky}\nb\n", HEERLEN: "phone: 1\n"}
    new = {"api/texts.nl.yml": "a\nb\n", HEERLEN: "phone: 2\n", municipality_file("p"): "x: 1\n"}
    _, diff = describe_change(old, new)
    parts = split_diff(diff)
    assert parts is not None
    assert [path for path, _ in parts] == sorted(new)
    heerlen = view_version("", diff, Scope("heerlen"))
    assert municipality_file("p") not in heerlen.summary
    assert not any("x: 1" in line for line in heerlen.lines)
    assert "+phone: 2" in heerlen.lines
    other = view_version("", diff, Scope("p"))
    assert "+x: 1" in other.lines
    assert "+phone: 2" not in other.lines
    # A diff that cannot be read per file shows nothing of it.
    assert view_version("", "+geheim", Scope("heerlen")).lines == []


def test_the_rule_data_check_names_the_problem() -> None:
    broken = dict(TREE)
    broken[HEERLEN] = TEXT.replace("  - leergeld\n", "  - leergeld\n  - bestaat_niet\n")
    problem = rule_data_problem(broken)
    assert problem is not None
    assert "bestaat_niet" in problem.problem


def test_a_version_from_before_rule_data_was_content_reads_as_the_runtime_does(
    tmp_path: Path,
) -> None:
    """Such a version has no rule data; the runtime then reads the package's, and so do the
    editors' pages and the next publish."""
    write_tree({"api/texts.nl.yml": TREE["api/texts.nl.yml"]}, tmp_path)
    tree = read_published(tmp_path)
    assert tree[HEERLEN] == TEXT
    assert tree["api/texts.nl.yml"] == TREE["api/texts.nl.yml"]
    assert rule_data_findings({"api/texts.nl.yml": "x"}) == []
