"""A short Dutch (B1) text for the chat that explains an evaluation. All phrases live in
``data/common.yaml``; this module only puts them together."""

from __future__ import annotations

from pathlib import Path

from .loader import load_rules
from .model import CommonTexts
from .money import format_whole_euro
from .result import Evaluation, SchemeResult


def _join(items: list[str], common: CommonTexts) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {common.get('list_and')} {items[-1]}"


def _amount_line(result: SchemeResult, common: CommonTexts) -> str | None:
    amount = result.amount
    if amount is None:
        return None
    period = common.get("period_month" if amount.period == "month" else "period_year")
    if amount.exact:
        return common.get("amount_exact", amount=format_whole_euro(amount.maximum), period=period)
    if amount.minimum == 0:
        return common.get("amount_up_to", maximum=format_whole_euro(amount.maximum), period=period)
    return common.get(
        "amount_range",
        minimum=format_whole_euro(amount.minimum),
        maximum=format_whole_euro(amount.maximum),
        period=period,
    )


def _block(result: SchemeResult, common: CommonTexts) -> str:
    key = "outcome_eligible" if result.outcome == "eligible" else "outcome_possibly_eligible"
    lines = [common.get(key, title=result.title)]
    amount = _amount_line(result, common)
    if amount:
        lines.append(amount)
    if result.reasons:
        lines.append(common.get("reasons_header"))
        lines.extend(f"- {reason.text}" for reason in result.reasons)
    if result.not_checked:
        lines.append(common.get("not_checked_header"))
        lines.extend(f"- {text}" for text in result.not_checked)
    lines.append(common.get("disclaimer"))
    if result.how_to_apply is not None:
        lines.append(
            common.get("how_to_apply", text=result.how_to_apply.text, url=result.how_to_apply.url)
        )
    return "\n".join(lines)


def explain(evaluation: Evaluation, rules_dir: Path | None = None) -> str:
    """Per (possibly) eligible scheme: outcome, amount, reasons, what was not checked, the
    disclaimer and how to apply; then one sentence for the schemes the household misses."""
    common = load_rules(rules_dir).common
    day = evaluation.reference_date.strftime("%d-%m-%Y")
    if not evaluation.has_rules:
        return common.get("no_rules_for_date", date=day)
    blocks = [
        _block(result, common)
        for result in evaluation.results
        if result.outcome in ("eligible", "possibly_eligible")
    ]
    not_eligible = [r for r in evaluation.results if r.outcome == "not_eligible"]
    if not_eligible:
        items = []
        for result in not_eligible:
            main = next((r for r in result.reasons if not r.met and r.decisive), None)
            reason = main.short if main is not None else ""
            items.append(common.get("not_eligible_item", title=result.title, reason=reason))
        blocks.append(common.get("outcome_not_eligible", items=_join(items, common)))
    unknown = [r.title for r in evaluation.results if r.outcome == "unknown"]
    if unknown:
        blocks.append(common.get("outcome_unknown", titles=_join(unknown, common)))
    if not evaluation.reference_date_given:
        blocks.insert(0, common.get("rules_of_today", date=day))
    return "\n\n".join(blocks) if blocks else common.get("nothing_to_say")
