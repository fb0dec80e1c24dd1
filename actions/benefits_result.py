"""The result of the check as residents can use it: first one short message with what the
household most likely gets (name, amount, one line why, how to apply); the rest on request.

Amounts are whole euros, as the official calculators (Dienst Toeslagen's proefberekening) show
them. The download keeps the full explanation (benefits_rules.explain).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Text = Callable[..., str]
LIKELY = ("eligible", "possibly_eligible")
MAX_REASONED_MISSES = 2


def _euro(amount: Any) -> str:
    return f"{round(float(amount)):,}".replace(",", ".")


def _amount(result: Mapping[str, Any], text: Text) -> str | None:
    low, high, period = (
        result.get("amount_min"),
        result.get("amount_max"),
        result.get("amount_period"),
    )
    if high is None or period not in ("month", "year") or not high:
        return None
    key = "check_result_amount_" + period
    if low == high:
        return text(key, amount=_euro(high))
    if not low:
        return text(key + "_up_to", amount=_euro(high))
    return text(key + "_range", low=_euro(low), high=_euro(high))


# The condition that says most about why, first; "U bent 18 jaar of ouder" says least.
WHY_ORDER = ("income", "children", "child_age", "young_child", "amount", "assets")


def _why(result: Mapping[str, Any]) -> str | None:
    met = {
        str(r.get("code")): str(r.get("text") or "").strip()
        for r in result.get("reasons") or []
        if r.get("met") and str(r.get("text") or "").strip()
    }
    for code in WHY_ORDER:
        if code in met:
            return met[code]
    return next((text for code, text in met.items() if code != "age"), None)


def _why_not(result: Mapping[str, Any]) -> str:
    unmet = [
        str(r.get("text") or "").strip()
        for r in result.get("reasons") or []
        if not r.get("met") and str(r.get("text") or "").strip()
    ]
    return unmet[0] if unmet else ""


def _first_sentence(text: str) -> str:
    head, dot, _ = text.strip().partition(". ")
    return head + "." if dot else text.strip()


def _line(result: Mapping[str, Any], text: Text) -> str:
    parts = [
        text(
            "check_result_line_title"
            if result.get("outcome") == "eligible"
            else "check_result_line_title_maybe",
            title=result.get("title"),
        )
    ]
    amount = _amount(result, text)
    if amount:
        parts.append(amount)
    if result.get("indicative"):
        # It rests on a figure nobody has checked at an official source yet (verified: false).
        parts.append(text("check_result_indicative"))
    why = _why(result)
    if why:
        parts.append(why)
    apply = result.get("how_to_apply") or {}
    if apply.get("text"):
        parts.append(
            text(
                "check_result_apply",
                text=_first_sentence(apply["text"]),
                url=apply.get("url") or "",
            )
        )
    return " ".join(part.strip() for part in parts if part and part.strip())


def _sort_key(result: Mapping[str, Any]) -> tuple[float, int]:
    monthly = float(result.get("amount_max") or 0)
    if result.get("amount_period") == "year":
        monthly /= 12
    # the most money first (per month); on a tie the surer outcome
    return (-monthly, 0 if result.get("outcome") == "eligible" else 1)


def short_result(evaluation: Mapping[str, Any], text: Text) -> str:
    """One message: each scheme the household most likely gets, and in one sentence which not."""
    schemes = list((evaluation.get("schemes") or {}).values())
    likely = sorted((r for r in schemes if r.get("outcome") in LIKELY), key=_sort_key)
    lines = [_line(result, text) for result in likely]
    blocks = (
        [text("check_result_header") + "\n" + "\n".join(f"- {line}" for line in lines)]
        if lines
        else [text("check_result_nothing")]
    )
    missed = [r for r in schemes if r.get("outcome") == "not_eligible"]
    if 0 < len(missed) <= MAX_REASONED_MISSES:
        # a short or focused check: say why in one line each
        blocks.append(
            text("check_result_not_eligible_header")
            + "\n"
            + "\n".join(
                " ".join(
                    part
                    for part in (
                        f"- {r.get('title')}:" if _why_not(r) else f"- {r.get('title')}",
                        _why_not(r),
                        text("check_result_indicative") if r.get("indicative") else "",
                    )
                    if part
                )
                for r in missed
            )
        )
    elif missed:
        titles = ", ".join(str(r.get("title")) for r in missed)
        blocks.append(text("check_result_not_eligible", titles=titles))
    blocks.append(text("check_result_disclaimer"))
    return "\n\n".join(blocks)


def not_checked(evaluation: Mapping[str, Any], text: Text) -> str:
    """What the check could not find out, per scheme; never an empty bullet."""
    lines = []
    for result in (evaluation.get("schemes") or {}).values():
        items = [str(item).strip() for item in result.get("not_checked") or [] if str(item).strip()]
        if items:
            lines.append(f"{result.get('title')}:\n" + "\n".join(f"- {item}" for item in items))
    return (
        "\n\n".join([text("check_not_checked_header"), *lines])
        if lines
        else text("check_not_checked_nothing")
    )
