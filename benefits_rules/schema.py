"""Schema (version 1) of the rule files, checked field by field with file and line in errors.

Period file ``<scheme>/<valid_from>.yaml``::

    schema_version: 1
    scheme: zorgtoeslag            # the folder name
    calculator: zorgtoeslag        # which calculation reads the parameters
    valid_from: 2026-01-01         # the file name
    sources: [{title: ..., url: ...}]
    how_to_apply: {text: ..., url: ...}      # not for parameter sets
    parameters:
      income_limit_single:
        value: 4085700             # eurocent; percentages as 13.73; null = not found
        unit: eurocent_per_year
        valid_from: 2026-01-01
        source: https://...
        verified: true
        checked: 2026-11-30        # optional: the day an editor last checked it at the source
        note: optional remark for editors

Texts file ``<scheme>/texts.yaml`` holds the Dutch B1 title, reason texts and notes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any, NoReturn

from .errors import RuleDataError
from .model import (
    UNITS,
    HowToApply,
    ModeParam,
    Param,
    Source,
)
from .money import percent_to_ppm
from .schemes import Calculator
from .yamlio import MarkedDict, MarkedList

SCHEMA_VERSION = 1
MODE_CHOICES = {
    "rounding": ("floor_euro", "half_up_euro"),
    "normpremie_rounding": ("none", "half_up_euro"),
    "kostendelersnorm": ("with", "without"),
}


class FileReader:
    """Typed access to one YAML document; every failure names file, line and field."""

    def __init__(self, display: str, root: MarkedDict) -> None:
        self.display = display
        self.root = root

    def fail(self, line: int | None, field: str, problem: str) -> NoReturn:
        raise RuleDataError(self.display, line, field, problem)

    def get(
        self,
        mapping: MarkedDict,
        key: str,
        kind: type | tuple[type, ...],
        path: str,
        required: bool = True,
    ) -> Any:
        field = f"{path}.{key}" if path else key
        if key not in mapping:
            if required:
                self.fail(mapping.line, field, "is required")
            return None
        value = mapping[key]
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            self.fail(mapping.line_of(key), field, "must be a number, not true/false")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.fail(
                mapping.line_of(key),
                field,
                f"must be {_NICE.get(names, names)}, got {type(value).__name__}",
            )
        return value

    def text(self, mapping: MarkedDict, key: str, path: str, required: bool = True) -> str:
        value = self.get(mapping, key, str, path, required)
        if value is not None and not value.strip():
            self.fail(mapping.line_of(key), f"{path}.{key}" if path else key, "must not be empty")
        return value if value is not None else ""

    def only(self, mapping: MarkedDict, allowed: tuple[str, ...], path: str) -> None:
        for key in mapping:
            if key not in allowed:
                field = f"{path}.{key}" if path else key
                self.fail(
                    mapping.line_of(key), field, f"unknown key (allowed: {', '.join(allowed)})"
                )

    def header(self, kind_key: str, expected: str) -> None:
        version = self.get(self.root, "schema_version", int, "")
        if version != SCHEMA_VERSION:
            self.fail(
                self.root.line_of("schema_version"),
                "schema_version",
                f"is {version}; this code reads version {SCHEMA_VERSION}",
            )
        found = self.text(self.root, kind_key, "")
        if found != expected:
            self.fail(
                self.root.line_of(kind_key),
                kind_key,
                f"is {found!r} but the folder says {expected!r}",
            )


_NICE = {
    "str": "text",
    "int": "a whole number",
    "bool": "true or false",
    "dict": "a mapping",
    "list": "a list",
    "date": "a date (YYYY-MM-DD)",
    "int/float": "a number",
}


def read_sources(reader: FileReader, mapping: MarkedDict, key: str) -> tuple[Source, ...]:
    items = reader.get(mapping, key, list, "", required=False) or []
    sources = []
    for index, item in enumerate(items):
        path = f"{key}[{index}]"
        if not isinstance(item, MarkedDict):
            reader.fail(line_in(items, index), path, "must be a mapping with title and url")
        reader.only(item, ("title", "url"), path)
        sources.append(
            Source(reader.text(item, "title", path), url_field(reader, item, "url", path))
        )
    return tuple(sources)


def read_how_to_apply(reader: FileReader) -> HowToApply:
    item = reader.get(reader.root, "how_to_apply", dict, "")
    reader.only(item, ("text", "url"), "how_to_apply")
    return HowToApply(
        reader.text(item, "text", "how_to_apply"), url_field(reader, item, "url", "how_to_apply")
    )


def url_field(reader: FileReader, mapping: MarkedDict, key: str, path: str) -> str:
    url = reader.text(mapping, key, path)
    if not url.startswith(("https://", "http://")):
        reader.fail(mapping.line_of(key), f"{path}.{key}", f"must be a web address, got {url!r}")
    return url


def line_in(items: Any, index: int) -> int | None:
    return items.line_of(index) if isinstance(items, MarkedList) else None


def read_parameters(
    reader: FileReader, calculator: Calculator, valid_from: date
) -> tuple[Any, tuple[Param | ModeParam, ...]]:
    """Build the calculator's typed params object; every declared field must be present."""
    table = reader.get(reader.root, "parameters", dict, "")
    fields = {f.name: f for f in dataclasses.fields(calculator.params_cls)}
    built: dict[str, Param | ModeParam] = {}
    for name in table:
        if name not in fields:
            reader.fail(
                table.line_of(name),
                f"parameters.{name}",
                f"is not a parameter of calculator {calculator.name!r}",
            )
        entry = reader.get(table, name, dict, "parameters")
        built[name] = _read_parameter(reader, entry, name, fields[name].metadata, valid_from)
    for name, field in fields.items():
        if name not in built and not field.metadata.get("optional"):
            reader.fail(table.line, f"parameters.{name}", "is required by the calculator")
    return calculator.params_cls(**built), tuple(built.values())


def _read_parameter(
    reader: FileReader, entry: MarkedDict, name: str, meta: Mapping[str, Any], valid_from: date
) -> Param | ModeParam:
    path = f"parameters.{name}"
    reader.only(
        entry, ("value", "unit", "valid_from", "source", "verified", "checked", "note"), path
    )
    unit = reader.text(entry, "unit", path)
    if unit not in UNITS:
        reader.fail(entry.line_of("unit"), f"{path}.unit", f"unknown unit (use {', '.join(UNITS)})")
    if unit != meta["unit"]:
        reader.fail(
            entry.line_of("unit"),
            f"{path}.unit",
            f"is {unit} but the calculator expects {meta['unit']}",
        )
    since = reader.get(entry, "valid_from", date, path)
    if since > valid_from:
        reader.fail(
            entry.line_of("valid_from"),
            f"{path}.valid_from",
            f"is after the file's valid_from {valid_from}; start a new period file",
        )
    source = url_field(reader, entry, "source", path)
    verified = reader.get(entry, "verified", bool, path)
    note = reader.text(entry, "note", path, required=False)
    checked = reader.get(entry, "checked", date, path, required=False)
    if "value" not in entry:
        reader.fail(entry.line, f"{path}.value", "is required (use null if not found)")
    raw = entry["value"]
    line = entry.line_of("value")
    if unit == "mode":
        choices = MODE_CHOICES.get(name, ())
        if raw not in choices:
            reader.fail(line, f"{path}.value", f"must be one of {', '.join(choices)}")
        return ModeParam(name, raw, since, source, verified, note, line, checked)
    if raw is None:
        if not meta.get("nullable"):
            reader.fail(line, f"{path}.value", "must have a value for this calculator")
        if verified:
            reader.fail(
                entry.line_of("verified"),
                f"{path}.verified",
                "a figure that was not found cannot be verified",
            )
        return Param(name, None, unit, since, source, verified, note, line, checked)
    return Param(
        name,
        _number(reader, raw, unit, line, f"{path}.value"),
        unit,
        since,
        source,
        verified,
        note,
        line,
        checked,
    )


def _number(reader: FileReader, raw: Any, unit: str, line: int, field: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        reader.fail(line, field, f"must be a number, got {type(raw).__name__}")
    if unit == "percent":
        try:
            return percent_to_ppm(raw)
        except ValueError as exc:
            reader.fail(line, field, str(exc))
    if isinstance(raw, float):
        what = "eurocent" if unit.startswith("eurocent") else unit
        reader.fail(line, field, f"must be a whole number of {what}, got {raw}")
    if raw < 0:
        reader.fail(line, field, "must not be negative")
    whole: int = raw
    return whole
