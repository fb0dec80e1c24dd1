"""Schema (version 1) of the Dutch text files: scheme ``texts.yaml``, ``questions.yaml`` and
``common.yaml``. Every reason code a calculator emits needs a text, and texts may only use the
placeholders the calculator fills in."""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType

from .model import Button, CommonTexts, QuestionSpec, ReasonText, SchemeTexts
from .schema import FileReader, line_in
from .schemes import Calculator
from .yamlio import MarkedDict

# Texts in common.yaml the code uses, with the placeholders each may contain.
COMMON_TEXT_KEYS: Mapping[str, tuple[str, ...]] = {
    "cannot_check": (),
    "figure_missing": (),
    "indicative_note": (),
    "no_rules": (),
    "no_rules_for_date": ("date",),
    "rules_of_today": ("date",),
    "no_norms": (),
    "not_offered": ("municipality",),
    "not_offered_short": ("municipality",),
    "pension_age_unclear": (),
    "kostendeler_unclear": (),
    "asset_rules_unknown": (),
    "outcome_eligible": ("title",),
    "outcome_possibly_eligible": ("title",),
    "outcome_unknown": ("titles",),
    "outcome_not_eligible": ("items",),
    "not_eligible_item": ("title", "reason"),
    "amount_exact": ("amount", "period"),
    "amount_range": ("minimum", "maximum", "period"),
    "amount_up_to": ("maximum", "period"),
    "period_month": (),
    "period_year": (),
    "reasons_header": (),
    "not_checked_header": (),
    "disclaimer": (),
    "how_to_apply": ("text", "url"),
    "list_and": (),
    "nothing_to_say": (),
    "describe_age": ("age",),
    "describe_has_partner_yes": (),
    "describe_has_partner_no": (),
    "describe_children_none": (),
    "describe_children": ("count", "ages"),
    "describe_net_monthly_income": ("amount",),
    "describe_housing_rent": (),
    "describe_housing_owner": (),
    "describe_housing_other": (),
    "describe_rent": ("amount",),
    "describe_annual_income": ("amount",),
    "describe_assets": ("amount",),
    "describe_receives_bijstand_yes": (),
    "describe_receives_bijstand_no": (),
    "describe_child_count": ("count",),
    "describe_arrears_months": ("months",),
    "describe_arrears": (),
    "describe_bailiff": (),
    "describe_benefits_received": ("names",),
    "describe_benefit": ("scheme", "outcome"),
    "describe_benefit_amount": ("scheme", "outcome", "amount", "period"),
    "describe_outcome_eligible": (),
    "describe_outcome_possibly_eligible": (),
    "describe_outcome_not_eligible": (),
    "describe_outcome_unknown": (),
}


def read_texts(
    reader: FileReader, calculator: Calculator, common_reasons: Mapping[str, ReasonText]
) -> SchemeTexts:
    """Titles and reasons; every reason code the calculator emits needs a text."""
    root = reader.root
    reader.only(root, ("schema_version", "scheme", "title", "reasons", "not_checked", "notes"), "")
    reasons = dict(common_reasons)
    table = reader.get(root, "reasons", dict, "", required=False) or MarkedDict()
    for code in table:
        reasons[code] = read_reason(reader, table, code, "reasons")
    for code, placeholders in calculator.reasons.items():
        if code not in reasons:
            reader.fail(table.line, f"reasons.{code}", "is required by the calculator")
        check_placeholders(
            reader, table if code in table else None, code, reasons[code], placeholders
        )
    lines = reader.get(root, "not_checked", list, "", required=False) or []
    for index, line_text in enumerate(lines):
        if not isinstance(line_text, str) or not line_text.strip():
            reader.fail(line_in(lines, index), f"not_checked[{index}]", "must be a sentence")
    notes = reader.get(root, "notes", dict, "", required=False) or MarkedDict()
    for key in notes:
        template = reader.text(notes, key, "notes")
        allowed = calculator.note_placeholders.get(key, ())
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if not names <= set(allowed):
            reader.fail(
                notes.line_of(key),
                f"notes.{key}",
                f"uses {{{sorted(names - set(allowed))[0]}}}; "
                f"allowed: {', '.join(allowed) or 'none'}",
            )
    return SchemeTexts(
        scheme=reader.text(root, "scheme", ""),
        title=reader.text(root, "title", ""),
        reasons=MappingProxyType(reasons),
        not_checked=tuple(lines),
        notes=MappingProxyType(dict(notes)),
    )


def read_reason(reader: FileReader, table: MarkedDict, code: str, path: str) -> ReasonText:
    entry = reader.get(table, code, dict, path)
    field = f"{path}.{code}"
    reader.only(entry, ("met", "not_met", "short"), field)
    return ReasonText(
        reader.text(entry, "met", field),
        reader.text(entry, "not_met", field),
        reader.text(entry, "short", field),
    )


def check_placeholders(
    reader: FileReader,
    table: MarkedDict | None,
    code: str,
    text: ReasonText,
    allowed: tuple[str, ...],
) -> None:
    for part in ("met", "not_met", "short"):
        template = getattr(text, part)
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        unknown = names - set(allowed)
        if unknown:
            line = table[code].line_of(part) if table is not None else None
            reader.fail(
                line,
                f"reasons.{code}.{part}",
                f"uses {{{sorted(unknown)[0]}}}; allowed: {', '.join(allowed) or 'none'}",
            )


def read_question(reader: FileReader, table: MarkedDict, fact: str) -> QuestionSpec:
    entry = reader.get(table, fact, dict, "questions")
    path = f"questions.{fact}"
    reader.only(
        entry,
        ("order", "answer_kind", "text", "why", "buttons", "refine_text", "unknown_text"),
        path,
    )
    buttons = []
    items = reader.get(entry, "buttons", list, path, required=False) or []
    for index, item in enumerate(items):
        where = f"{path}.buttons[{index}]"
        if not isinstance(item, MarkedDict):
            reader.fail(line_in(items, index), where, "must be a mapping with title and payload")
        reader.only(item, ("title", "payload"), where)
        buttons.append(
            Button(
                reader.text(item, "title", where),
                str(reader.get(item, "payload", (str, int), where)),
            )
        )
    return QuestionSpec(
        fact=fact,
        order=reader.get(entry, "order", int, path),
        answer_kind=reader.text(entry, "answer_kind", path),
        text=reader.text(entry, "text", path),
        why=reader.text(entry, "why", path),
        buttons=tuple(buttons),
        refine_text=reader.text(entry, "refine_text", path, required=False),
        unknown_text=reader.text(entry, "unknown_text", path),
    )


def read_common(
    reader: FileReader, required: Mapping[str, tuple[str, ...]]
) -> tuple[CommonTexts, dict[str, ReasonText]]:
    root = reader.root
    reader.only(root, ("schema_version", "texts", "reasons"), "")
    table = reader.get(root, "texts", dict, "")
    for key, placeholders in required.items():
        template = reader.text(table, key, "texts")
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if not names <= set(placeholders):
            reader.fail(
                table.line_of(key),
                f"texts.{key}",
                f"may only use {', '.join(placeholders) or 'no placeholders'}",
            )
    reasons_table = reader.get(root, "reasons", dict, "", required=False) or MarkedDict()
    reasons = {code: read_reason(reader, reasons_table, code, "reasons") for code in reasons_table}
    return CommonTexts(MappingProxyType(dict(table))), reasons
