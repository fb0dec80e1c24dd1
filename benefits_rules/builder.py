"""Collects the checks of one scheme and turns them into a :class:`SchemeResult`.

Calculators call :meth:`ResultBuilder.check` once per condition with a three-valued answer. When
the answer is ``None`` the builder works out why from the household: a fact not asked yet goes to
``missing``, a band goes to ``missing`` too (a sharper answer helps), a "weet ik niet" fact or a
figure that is not in the data goes to ``not_checked``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from .facts import Tri
from .household import Household
from .model import (
    CommonTexts,
    HowToApply,
    ModeParam,
    Param,
    QuestionSpec,
    SchemeRules,
    Source,
)
from .result import Amount, Outcome, Reason, SchemeResult, new_scheme_result

AnyParam = Param | ModeParam
_REASON_CACHE_SIZE = 4096  # per scheme; amounts in texts vary per household, so keep it bounded


class ResultBuilder:
    __slots__ = (
        "_absent",
        "_all_verified",
        "_amount",
        "_amount_verified",
        "_capped",
        "_common",
        "_fact_notes",
        "_failing",
        "_hh",
        "_missing",
        "_notes",
        "_questions",
        "_reason_cache",
        "_reasons",
        "_texts",
        "_undetermined",
        "_unverified_open",
    )

    def __init__(
        self,
        household: Household,
        rules: SchemeRules,
        questions: Mapping[str, QuestionSpec],
        common: CommonTexts,
        reason_cache: dict[Any, Reason] | None = None,
    ) -> None:
        """``reason_cache``: reasons already made from this scheme's texts (kept by the rule
        book, so it lives as long as the texts)."""
        self._reason_cache = {} if reason_cache is None else reason_cache
        self._hh = household
        self._texts = rules.texts
        self._questions = questions
        self._common = common
        self._reasons: list[Reason] = []
        self._failing: list[Reason] = []  # decisive conditions not met
        self._all_verified = True  # every reason decided on verified figures only
        self._absent: dict[str, None] = {}
        self._notes: dict[str, None] = {}
        self._fact_notes: dict[str, None] = {}  # facts the resident answered "weet ik niet"
        self._undetermined = False
        self._missing = False  # some fact was not asked yet
        self._unverified_open = False  # an open question rests on an unverified figure
        self._capped = False  # at best "possibly_eligible"
        self._amount: Amount | None = None
        self._amount_verified = True

    def check(
        self,
        code: str,
        met: Tri,
        facts: Iterable[str] = (),
        params: Iterable[AnyParam] = (),
        values: Mapping[str, str] | None = None,
        *,
        decisive: bool = True,
        note: str | None = None,
    ) -> Tri:
        """Record one condition. ``decisive=False``: not meeting it lowers the outcome to
        ``possibly_eligible`` instead of excluding (e.g. a own contribution)."""
        if met is None:
            self.undetermined(facts, params, note)
            return None
        verified = True
        for param in params:
            if not param.verified:
                verified = False
                break
        # Reasons are immutable and repeat a lot (same code, outcome and figures): reuse them
        key = (code, met, tuple(values.items()) if values else None, verified, decisive)
        reasons = self._reason_cache
        reason = reasons.get(key)
        if reason is None:
            text = self._texts.reasons[code]
            template = text.met if met else text.not_met
            filled = template.format_map(values) if values else template
            short = "" if met else (text.short.format_map(values) if values else text.short)
            reason = Reason(code, met, filled, verified, decisive, short)
            if len(reasons) >= _REASON_CACHE_SIZE:
                reasons.clear()
            reasons[key] = reason
        self._reasons.append(reason)
        if not verified:
            self._all_verified = False
        if not met:
            if decisive:
                self._failing.append(reason)
            else:
                self._capped = True
        return met

    def undetermined(
        self, facts: Iterable[str], params: Iterable[AnyParam] = (), note: str | None = None
    ) -> None:
        """A condition or amount that cannot be decided yet; records the cause."""
        self._undetermined = True
        explained = False
        figure_missing = False
        for param in params:
            if not param.verified:
                self._unverified_open = True
            if param.value is None:
                figure_missing = True
        for fact in facts:
            state = self._hh.state(fact)
            if state == "missing":
                self._absent[fact] = None
                self._missing = True
                explained = True
            elif state == "range":
                self._absent[fact] = None
                explained = True
            elif state == "unknown":
                text = self._questions[fact].unknown_text
                self._notes[text] = None
                self._fact_notes[text] = None
                explained = True
        if figure_missing:
            self._notes[self._note_text("figure_missing")] = None
            explained = True
        if note is not None:
            self._notes[self._note_text(note)] = None
        elif not explained:
            self._notes[self._common.get("cannot_check")] = None

    def cap(
        self,
        note: str,
        values: Mapping[str, str] | None = None,
        params: Iterable[AnyParam] = (),
    ) -> None:
        """The scheme decides itself on something we cannot check: at best possibly eligible.
        ``params``: figures the note quotes (an unverified one makes the result an indicatie)."""
        self._capped = True
        text = self._note_text(note)
        self._notes[text.format_map(values) if values else text] = None
        for param in params:
            if not param.verified:
                self._unverified_open = True

    def note(self, note: str) -> None:
        self._notes[self._note_text(note)] = None

    def set_amount(
        self, amount: Amount, params: Iterable[AnyParam], facts: Iterable[str] = ()
    ) -> None:
        """The amount (a range when facts are bands); band facts go to ``missing`` to sharpen
        it, without making the outcome less certain."""
        self._amount = amount
        verified = True
        for param in params:
            if not param.verified:
                verified = False
                break
        self._amount_verified = verified
        if not amount.exact:
            for fact in facts:
                if self._hh.state(fact) == "range":
                    self._absent[fact] = None

    def _note_text(self, key: str) -> str:
        notes = self._texts.notes
        return notes[key] if key in notes else self._common.get(key)

    def _sorted_missing(self) -> tuple[str, ...]:
        absent = self._absent
        return tuple(sorted(absent, key=self._fact_order)) if absent else ()

    def _fact_order(self, fact: str) -> int:
        spec = self._questions.get(fact)
        return spec.order if spec is not None else 10_000

    def finish(
        self,
        scheme: str,
        rules_period: tuple[date, date | None],
        sources: tuple[Source, ...],
        how_to_apply: HowToApply | None,
    ) -> SchemeResult:
        """The result; the arguments come from the scheme's rules for the period."""
        reasons = tuple(self._reasons)
        failing = self._failing
        outcome: Outcome
        if failing:
            outcome = "not_eligible"
        elif self._missing:
            outcome = "unknown"
        elif self._undetermined or self._capped:
            outcome = "possibly_eligible"
        else:
            outcome = "eligible"
        if outcome == "not_eligible":
            indicative = True
            for reason in failing:
                if reason.verified:
                    indicative = False
                    break
            missing: tuple[str, ...] = ()
            not_checked: tuple[str, ...] = ()
            amount = None
        elif outcome == "unknown":  # nothing to qualify yet: only say what is still open
            indicative = False
            missing = self._sorted_missing()
            not_checked = tuple(self._fact_notes)
            amount = None
        else:
            indicative = (
                not self._all_verified
                or (self._amount is not None and not self._amount_verified)
                or self._unverified_open
            )
            missing = self._sorted_missing()
            not_checked = self._texts.not_checked
            if self._notes:
                not_checked += tuple(self._notes)
            amount = self._amount
        if indicative:
            not_checked += (self._common.get("indicative_note"),)
        return new_scheme_result(
            scheme,
            self._texts.title,
            outcome,
            amount,
            reasons,
            missing,
            not_checked,
            sources,
            rules_period,
            indicative,
            how_to_apply,
        )
