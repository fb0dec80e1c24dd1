"""The one loader of texts files: every real file loads, a broken one names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from benefits_rules.texts import TextFileError, load_plain_texts, load_terms, load_text_entries

ROOT = Path(__file__).resolve().parents[2]
ENTRY_FILES = ("actions/texts.nl.yml", "actions/texts.en.yml", "actions/rephrase.nl.yml")


@pytest.mark.parametrize("name", ENTRY_FILES)
def test_the_bots_texts_files_load(name: str) -> None:
    entries = load_text_entries(ROOT / name)
    assert entries
    for entry in entries.values():
        assert entry["text"].strip()
        for button in entry["buttons"]:
            assert button["title"]
            assert ("payload" in button) != ("answer" in button)


def test_the_apis_texts_file_loads() -> None:
    texts = load_plain_texts(ROOT / "api" / "texts.nl.yml")
    assert texts["empty_message"].startswith("Uw bericht is leeg")


def _file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "texts.nl.yml"
    path.write_text(body, encoding="utf-8")
    return path


def _error(path: Path, *, entries: bool = True) -> TextFileError:
    load = load_text_entries if entries else load_plain_texts
    with pytest.raises(TextFileError) as caught:
        load(path)
    assert caught.value.file == str(path)
    return caught.value


def test_a_missing_or_other_schema_version_is_refused(tmp_path: Path) -> None:
    error = _error(_file(tmp_path, "texts: {}\n"))
    assert (error.line, error.field, error.problem) == (1, "schema_version", "is required")
    error = _error(_file(tmp_path, "schema_version: 2\ntexts: {}\n"), entries=False)
    assert (error.line, error.field) == (1, "schema_version")
    assert "this code reads version 1" in error.problem


def test_the_texts_table_is_required(tmp_path: Path) -> None:
    error = _error(_file(tmp_path, "schema_version: 1\n"), entries=False)
    assert (error.field, error.problem) == ("texts", "is required")


def test_an_empty_text_names_its_key_and_line(tmp_path: Path) -> None:
    path = _file(tmp_path, 'schema_version: 1\ntexts:\n  greet: "Hallo."\n  bye: " "\n')
    error = _error(path, entries=False)
    assert (error.line, error.field, error.problem) == (4, "texts.bye", "must not be empty")
    assert str(error) == f"{path}:4: texts.bye: must not be empty"


def test_a_plain_file_needs_texts_not_entries(tmp_path: Path) -> None:
    error = _error(
        _file(tmp_path, "schema_version: 1\ntexts:\n  greet: {text: Hallo.}\n"), entries=False
    )
    assert (error.line, error.field) == (3, "texts.greet")
    assert error.problem == "must be text, got MarkedDict"


def test_an_entry_needs_a_text_and_only_known_keys(tmp_path: Path) -> None:
    error = _error(_file(tmp_path, "schema_version: 1\ntexts:\n  greet:\n    buttons: []\n"))
    assert (error.field, error.problem) == ("texts.greet.text", "is required")
    error = _error(
        _file(tmp_path, "schema_version: 1\ntexts:\n  greet:\n    text: Hoi.\n    tekst: Hoi.\n")
    )
    assert (error.line, error.field) == (5, "texts.greet.tekst")
    assert error.problem.startswith("unknown key (allowed: text, buttons)")


def test_a_broken_placeholder_is_refused(tmp_path: Path) -> None:
    error = _error(
        _file(tmp_path, "schema_version: 1\ntexts:\n  call: 'Bel {phone.'\n"), entries=False
    )
    assert (error.line, error.field) == (3, "texts.call")
    assert error.problem.startswith("has a broken placeholder")
    error = _error(
        _file(tmp_path, "schema_version: 1\ntexts:\n  call: 'Bel {} op.'\n"), entries=False
    )
    assert error.problem == "has a placeholder {}; use a name such as {phone}"


def test_a_button_needs_a_title_and_a_payload_or_an_answer(tmp_path: Path) -> None:
    head = "schema_version: 1\ntexts:\n  ask:\n    text: Wat wilt u?\n    buttons:\n"
    error = _error(_file(tmp_path, head + "    - title: Ja\n"))
    assert (error.line, error.field) == (6, "texts.ask.buttons[0]")
    assert error.problem == "needs either a payload (/intent) or an answer"
    error = _error(_file(tmp_path, head + "    - payload: /ask_human\n"))
    assert (error.field, error.problem) == ("texts.ask.buttons[0].title", "is required")
    error = _error(_file(tmp_path, head + "    - Ja\n"))
    assert error.field == "texts.ask.buttons[0]"


def test_an_answer_is_text_not_true_or_false(tmp_path: Path) -> None:
    body = "schema_version: 1\ntexts:\n  ok:\n    text: Klopt dat?\n    buttons:\n"
    error = _error(_file(tmp_path, body + "    - {title: Ja, answer: yes}\n"))
    assert (error.line, error.field) == (6, "texts.ok.buttons[0].answer")
    assert error.problem == "must be text, got bool"


def test_syntax_errors_and_duplicate_keys_name_the_line(tmp_path: Path) -> None:
    error = _error(
        _file(tmp_path, "schema_version: 1\ntexts:\n  a: Een.\n  a: Twee.\n"), entries=False
    )
    assert (error.line, error.field) == (4, "(syntax)")
    assert "duplicate key 'a'" in error.problem
    error = _error(_file(tmp_path, "schema_version: 1\ntexts: [\n"), entries=False)
    assert error.field == "(syntax)"


def test_buttons_come_back_as_given(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        "schema_version: 1\ntexts:\n  confirm:\n    text: 'Bedoelt u {amount} euro?'\n"
        "    buttons:\n    - {title: 'Ja, {amount} euro', answer: ja}\n"
        "    - {title: Iemand spreken, payload: /ask_human}\n  plain:\n    text: Goed.\n",
    )
    entries = load_text_entries(path)
    assert entries["confirm"] == {
        "text": "Bedoelt u {amount} euro?",
        "buttons": [
            {"title": "Ja, {amount} euro", "answer": "ja"},
            {"title": "Iemand spreken", "payload": "/ask_human"},
        ],
    }
    assert entries["plain"] == {"text": "Goed.", "buttons": []}


def test_the_terms_file_loads() -> None:
    terms, patterns = load_terms(ROOT / "actions" / "terms.nl.yml")
    assert "kale_huur" in terms
    assert "kale huur" in terms["kale_huur"]["names"]
    assert patterns


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        (
            "schema_version: 1\nterms:\n  huur:\n    names: []\n    text: Huur.\n",
            4,
            "terms.huur.names",
        ),
        (
            "schema_version: 1\nterms:\n  huur:\n    names: [huur]\n    text: ''\n",
            5,
            "terms.huur.text",
        ),
        (
            "schema_version: 1\nterms:\n  huur:\n    names: [huur]\n    txt: Huur.\n",
            5,
            "terms.huur.txt",
        ),
        ("schema_version: 1\nquestion_patterns: [1]\nterms: {}\n", 2, "question_patterns[0]"),
    ],
)
def test_a_broken_terms_file_names_line_and_field(
    tmp_path: Path, body: str, line: int, field: str
) -> None:
    path = tmp_path / "terms.nl.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TextFileError) as caught:
        load_terms(path)
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), line, field)
