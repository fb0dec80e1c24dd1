"""Reads the rule data folder once into a :class:`RuleBook` and caches it.

Layout (see docs/rules.md)::

    data/deployment.yaml                  the municipalities an installation serves, its default
    data/common.yaml                      shared Dutch texts
    data/questions.yaml                   the questions the chat asks, per household fact
    data/national/<scheme>/texts.yaml     Dutch texts of a national scheme
    data/national/<scheme>/<date>.yaml    its rules from that date
    data/municipalities/<name>/municipality.yaml   all about one municipality (municipality.py)
    data/municipalities/<name>/<scheme>/texts.yaml and <date>.yaml
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .errors import RuleDataError, UnknownMunicipality
from .household import ASKABLE_FACTS
from .model import (
    Button,
    CommonTexts,
    Municipality,
    ParameterSet,
    QuestionSpec,
    ReasonText,
    RuleBook,
    SchemeRules,
    SchemeVersion,
)
from .municipality import read_municipality, scheme_list
from .schema import FileReader, read_how_to_apply, read_parameters, read_sources
from .schema_texts import COMMON_TEXT_KEYS, read_common, read_question, read_texts
from .schemes import CALCULATORS
from .texts import live
from .yamlio import MarkedList, load_yaml

DEFAULT_RULES_DIR = Path(__file__).resolve().parent / "data"
_PERIOD_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.yaml$")


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _reader(path: Path, root: Path) -> FileReader:
    display = _display(path, root)
    return FileReader(display, load_yaml(path, display))


def _read_versions(
    folder: Path, root: Path, key: str, parameter_set: bool
) -> tuple[SchemeVersion, ...]:
    versions = []
    for path in sorted(folder.iterdir()):
        if path.name == "texts.yaml" or path.is_dir():
            continue
        reader = _reader(path, root)
        if not _PERIOD_FILE.match(path.name):
            reader.fail(None, "(file name)", "period files are named YYYY-MM-DD.yaml")
        reader.header("scheme", key)
        allowed = (
            "schema_version",
            "scheme",
            "calculator",
            "valid_from",
            "valid_until",
            "sources",
            "parameters",
        ) + (() if parameter_set else ("how_to_apply",))
        reader.only(reader.root, allowed, "")
        name = reader.text(reader.root, "calculator", "")
        calculator = CALCULATORS.get(name)
        if calculator is None or (calculator.evaluate is None) != parameter_set:
            kind = "parameter set" if parameter_set else "scheme"
            known = [c.name for c in CALCULATORS.values() if (c.evaluate is None) == parameter_set]
            reader.fail(
                reader.root.line_of("calculator"),
                "calculator",
                f"{name!r} is not a {kind} calculator (known: {', '.join(known)})",
            )
        valid_from = reader.get(reader.root, "valid_from", date, "")
        if path.stem != valid_from.isoformat():
            reader.fail(
                reader.root.line_of("valid_from"),
                "valid_from",
                f"is {valid_from} but the file is named {path.name}",
            )
        valid_until = reader.get(reader.root, "valid_until", date, "", required=False)
        if valid_until is not None and valid_until < valid_from:
            reader.fail(
                reader.root.line_of("valid_until"),
                "valid_until",
                f"is before valid_from {valid_from}",
            )
        params, all_params = read_parameters(reader, calculator, valid_from)
        versions.append(
            SchemeVersion(
                scheme=key,
                calculator=name,
                valid_from=valid_from,
                valid_to=valid_until,
                params=params,
                all_params=all_params,
                sources=read_sources(reader, reader.root, "sources"),
                how_to_apply=None if parameter_set else read_how_to_apply(reader),
                file=reader.display,
            )
        )
    if not versions:
        raise RuleDataError(_display(folder, root), None, "(folder)", "has no period files")
    chained = []
    for index, version in enumerate(versions):
        if index + 1 == len(versions):
            chained.append(version)  # the latest period ends at its valid_until, if it has one
            break
        until = versions[index + 1].valid_from - timedelta(days=1)
        if version.valid_to is not None and version.valid_to != until:
            raise RuleDataError(
                version.file,
                None,
                "valid_until",
                f"is {version.valid_to}, but an earlier period ends the day before the next "
                f"file: {until} (or leave valid_until out)",
            )
        chained.append(dataclasses.replace(version, valid_to=until))
    return tuple(chained)


def _read_scheme(
    folder: Path, root: Path, level: str, common_reasons: Mapping[str, ReasonText]
) -> SchemeRules | ParameterSet:
    key = folder.name
    texts_path = folder / "texts.yaml"
    if not texts_path.exists():
        return ParameterSet(key, _read_versions(folder, root, key, parameter_set=True))
    versions = _read_versions(folder, root, key, parameter_set=False)
    reader = _reader(texts_path, root)
    reader.header("scheme", key)
    merged = None
    for name in sorted({v.calculator for v in versions}):
        calculator = CALCULATORS[name]
        merged = read_texts(reader, calculator, common_reasons)
        for note in calculator.notes:
            if note not in merged.notes and note not in COMMON_TEXT_KEYS:
                reader.fail(None, f"notes.{note}", "is required by the calculator")
    assert merged is not None
    return SchemeRules(key, level, merged, versions)


def _read_municipality(
    folder: Path, root: Path, common_reasons: Mapping[str, ReasonText]
) -> Municipality:
    reader = _reader(folder / "municipality.yaml", root)
    reader.header("municipality", folder.name)
    listed = scheme_list(reader)
    schemes: dict[str, SchemeRules] = {}
    for index, key in enumerate(listed):
        sub = folder / key
        if not sub.is_dir():
            reader.fail(
                listed.line_of(index), f"schemes[{index}]", f"has no folder {_display(sub, root)}"
            )
        rules = _read_scheme(sub, root, "municipal", common_reasons)
        if not isinstance(rules, SchemeRules):
            reader.fail(listed.line_of(index), f"schemes[{index}]", "needs a texts.yaml")
        schemes[key] = rules
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and sub.name not in schemes:
            reader.fail(
                reader.root.line_of("schemes"), "schemes", f"does not list the folder {sub.name!r}"
            )
    return read_municipality(reader, schemes)


def _read_deployment(
    root: Path, municipalities: Mapping[str, Municipality]
) -> tuple[tuple[str, ...], str]:
    """The municipalities this installation serves and its default (``deployment.yaml``).

    The single-municipality form of before (``municipality: heerlen``) still reads, as that one.
    """
    reader = _reader(root / "deployment.yaml", root)
    root_map = reader.root
    reader.only(root_map, ("schema_version", "municipalities", "default", "municipality"), "")

    def known(key: str, line: int | None, field: str) -> str:
        if key not in municipalities:
            reader.fail(
                line,
                field,
                f"{key!r} has no folder municipalities/{key} (known: {', '.join(municipalities)})",
            )
        return key

    if "municipality" in root_map and "municipalities" not in root_map:
        key = known(
            reader.text(root_map, "municipality", ""),
            root_map.line_of("municipality"),
            "municipality",
        )
        return (key,), key
    listed: MarkedList = reader.get(root_map, "municipalities", list, "")
    if not listed:
        reader.fail(root_map.line_of("municipalities"), "municipalities", "name at least one")
    served: list[str] = []
    for index, key in enumerate(listed):
        field = f"municipalities[{index}]"
        if not isinstance(key, str) or key in served:
            reader.fail(listed.line_of(index), field, "must be a municipality listed once")
        served.append(known(key, listed.line_of(index), field))
    default = reader.text(root_map, "default", "", required=False) or served[0]
    if default not in served:
        reader.fail(root_map.line_of("default"), "default", f"{default!r} is not in municipalities")
    return tuple(served), default


def _read_questions(root: Path, served: tuple[Municipality, ...]) -> Mapping[str, QuestionSpec]:
    reader = _reader(root / "questions.yaml", root)
    reader.only(reader.root, ("schema_version", "questions"), "")
    table = reader.get(reader.root, "questions", dict, "")
    questions = {fact: read_question(reader, table, fact) for fact in table}
    for fact in sorted(ASKABLE_FACTS):
        if fact not in questions:
            reader.fail(table.line, f"questions.{fact}", "is required: every fact needs a question")
    for fact in questions:
        if fact not in ASKABLE_FACTS:
            reader.fail(table.line_of(fact), f"questions.{fact}", "is not a household fact")
    # One button per municipality served, so a new municipality needs no second list.
    where = questions["municipality"]
    if where.buttons:
        reader.fail(
            table["municipality"].line_of("buttons"),
            "questions.municipality.buttons",
            "come from the municipality files; leave them out",
        )
    buttons = tuple(Button(m.place, m.key) for m in served)
    questions["municipality"] = dataclasses.replace(where, buttons=buttons)
    return MappingProxyType(questions)


def read_rules(rules_dir: Path) -> RuleBook:
    """Read and check every file; raises :class:`RuleDataError` on the first problem."""
    root = rules_dir.resolve()
    common_reader = _reader(root / "common.yaml", root)
    common, common_reasons = read_common(common_reader, COMMON_TEXT_KEYS)
    national: dict[str, SchemeRules] = {}
    parameter_sets: dict[str, ParameterSet] = {}
    for folder in sorted((root / "national").iterdir()):
        if folder.is_dir():
            rules = _read_scheme(folder, root, "national", common_reasons)
            if isinstance(rules, SchemeRules):
                national[rules.key] = rules
            else:
                parameter_sets[rules.key] = rules
    municipalities = {
        folder.name: _read_municipality(folder, root, common_reasons)
        for folder in sorted((root / "municipalities").iterdir())
        if folder.is_dir()
    }
    served, default = _read_deployment(root, municipalities)
    questions = _read_questions(root, tuple(municipalities[key] for key in served))
    return RuleBook(
        national=MappingProxyType(national),
        municipalities=MappingProxyType(municipalities),
        parameter_sets=MappingProxyType(parameter_sets),
        questions=questions,
        common=CommonTexts(common.texts),
        fact_order=MappingProxyType({fact: q.order for fact, q in questions.items()}),
        default_municipality=default,
        served=served,
    )


@lru_cache(maxsize=8)
def _cached(path: str) -> RuleBook:
    return read_rules(Path(path))


# Where the rule data sits inside a content root (the editors' live version or the repository).
CONTENT_RULES_DIR = "benefits_rules/data"


def _live_book(folder: Path) -> RuleBook:
    # A content root without rule data (an older published version) falls back to the package's.
    return _cached(str((folder if folder.is_dir() else DEFAULT_RULES_DIR).resolve()))


# A fixed rule data folder instead of the live content root's (tests; an installation without
# editors may use it too). Read by every process that imports benefits_rules, so the API, Rasa
# and the action server of one installation always read the same rules.
RULES_DIR_ENV = "RONDKOMEN_RULES_DIR"


def load_rules(rules_dir: Path | None = None) -> RuleBook:
    """The rule book for ``rules_dir``, read once per process.

    Default: ``RONDKOMEN_RULES_DIR`` when set, else the live content root's
    ``benefits_rules/data`` (``RONDKOMEN_CONTENT_DIR``, else the package's own data). When a
    publish or a rollback points the root at another version, the next call reads that
    version's rules; nothing restarts.
    """
    if rules_dir is None:
        fixed = os.environ.get(RULES_DIR_ENV)
        if not fixed:
            return live(_live_book, CONTENT_RULES_DIR)
        rules_dir = Path(fixed)
    return _cached(str(rules_dir.resolve()))


def load_municipality(key: str | None = None, rules_dir: Path | None = None) -> Municipality:
    """The municipality ``key`` (default: the one ``deployment.yaml`` names), validated with
    the rest of the rule data; raises :class:`UnknownMunicipality` for a key without a folder.

    Any municipality with a folder: for what a conversation already has. A resident starting
    one may only pick a served municipality (:func:`load_served`)."""
    book = load_rules(rules_dir)
    found = book.municipalities.get(key or book.default_municipality)
    if found is None:
        raise UnknownMunicipality(str(key), tuple(book.municipalities))
    return found


def load_served(key: str | None = None, rules_dir: Path | None = None) -> Municipality:
    """The served municipality ``key`` (None: the default); :class:`UnknownMunicipality` for a
    key that ``deployment.yaml`` does not list, even when it has a folder."""
    book = load_rules(rules_dir)
    chosen = key or book.default_municipality
    if chosen not in book.served:
        raise UnknownMunicipality(chosen, book.served)
    return book.municipalities[chosen]
