"""The editors' catalog of texts and examples, one-value changes of the files, placeholders."""

from __future__ import annotations

import pytest

from api.content import placeholders
from api.content.catalog import build_catalog, parse_item_id
from api.content.files import REPO_ROOT, is_content_path, read_tree
from api.content.sourcetext import SourceError, get_value, set_value, split_examples, with_examples

TREE = read_tree(REPO_ROOT)
CATALOG = build_catalog(TREE)


def test_the_tree_holds_the_content_files_only() -> None:
    assert "web_widget/strings.nl.json" in TREE
    assert "bot/domain/money_topics.yml" in TREE
    assert all(is_content_path(p) for p in TREE)
    assert not is_content_path("api/main.py")
    assert not is_content_path("nlu_data/../api/main.py")


def test_every_kind_of_text_is_in_the_catalog_with_topic_and_where_used() -> None:
    kinds = {item.kind for item in CATALOG.items}
    assert kinds == {"response", "button", "action_text", "term", "rephrase", "notice", "widget"}
    debt = [i for i in CATALOG.items if i.key == "utter_debt_worries" and i.lang == "nl"]
    assert debt[0].topic == "money_topics"
    assert "bot/data/rules_money_topics.yml" in debt[0].used_in
    assert "municipality_phone" in debt[0].placeholders
    assert {i.name for i in CATALOG.intents} >= {"debt_worries", "cannot_pay_rent", "greet"}


def test_every_item_reads_its_own_value_back() -> None:
    for item in CATALOG.items:
        relative, path = parse_item_id(item.id)
        assert get_value(relative, TREE[relative], path) == item.value, item.id


def test_search_finds_by_text_and_key() -> None:
    assert any(i.key == "utter_debt_worries" for i in CATALOG.search("schulden gemeente"))
    assert CATALOG.search("zzzz-niet-bestaand") == []


@pytest.mark.parametrize("relative", sorted(p for p in TREE if p.endswith((".yml", ".json"))))
def test_a_change_touches_only_its_own_value(relative: str) -> None:
    items = [i for i in CATALOG.items if i.file == relative]
    for item in items[:5]:
        _, path = parse_item_id(item.id)
        changed = set_value(relative, TREE[relative], path, 'Nieuw: "tekst" #1')
        assert get_value(relative, changed, path) == 'Nieuw: "tekst" #1'
        assert len(changed.splitlines()) <= len(TREE[relative].splitlines())
        assert set_value(relative, changed, path, item.value).count("\n") >= 1


def test_examples_are_written_back_as_they_were() -> None:
    for intent in CATALOG.intents:
        text = TREE[intent.file]
        assert with_examples(intent.file, text, intent.name, list(intent.examples)) == text
    assert split_examples("- a\n- b c\n") == ["a", "b c"]


def test_a_path_that_names_no_text_is_refused() -> None:
    with pytest.raises(SourceError):
        set_value("api/texts.nl.yml", TREE["api/texts.nl.yml"], ["texts", "nope"], "x")


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Bel {municipality_phone.", "broken", "{municipality_phone."),
        ("Bel municipality_phone}.", "broken", "municipality_phone}."),
        ("Bel {}.", "broken", "{}"),
        ("Bel {phone!r}.", "broken", "{phone!r}"),
        ("Bel {Phone}.", "broken", "{Phone}"),
        ("Bel {wethouder}.", "unknown", "wethouder"),
    ],
)
def test_broken_or_unknown_placeholders_are_refused(text: str, kind: str, found: str) -> None:
    problems = placeholders.check(text, "Bel {phone}.", {"municipality_phone"})
    assert [(p.kind, p.found) for p in problems] == [(kind, found)]


def test_known_placeholders_pass() -> None:
    assert (
        placeholders.check(
            "Bel {phone} of {municipality_phone}.", "Bel {phone}.", {"municipality_phone"}
        )
        == []
    )
    assert placeholders.names("{a} en {b} en {a}") == ("a", "b")
