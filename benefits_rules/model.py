"""Typed, immutable rule objects built from the YAML files. The evaluator only sees these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

UNITS = (
    "eurocent",
    "eurocent_per_month",
    "eurocent_per_year",
    "percent",
    "years",
    "months",
    "count",
    "mode",
)


@dataclass(frozen=True, slots=True)
class Param:
    """One dated figure. ``value`` is in whole units; percentages in parts per million.

    ``value`` is None when the figure was not found in any source (then ``verified`` is false).
    """

    name: str
    value: int | None
    unit: str
    valid_from: date
    source: str
    verified: bool
    note: str = ""
    line: int = 0
    # The day an editor last checked the figure against its source (optional).
    checked: date | None = None

    @property
    def required(self) -> int:
        """The value of a parameter the schema does not allow to be empty."""
        if self.value is None:  # the loader refuses this for non-nullable parameters
            raise ValueError(f"parameter {self.name} has no value")
        return self.value


@dataclass(frozen=True, slots=True)
class ModeParam:
    """A dated choice, e.g. how the executor rounds (``floor_euro``)."""

    name: str
    value: str
    valid_from: date
    source: str
    verified: bool
    note: str = ""
    line: int = 0
    checked: date | None = None


def spec(unit: str, *, nullable: bool = False, optional: bool = False) -> dict[str, Any]:
    """Field metadata of a calculator parameter: the unit the YAML must state, whether the
    value may be null (not found), and whether it may be left out (a figure kept for editors
    but not used in a calculation yet)."""
    return {"unit": unit, "nullable": nullable or optional, "optional": optional}


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class HowToApply:
    text: str
    url: str


@dataclass(frozen=True, slots=True)
class ReasonText:
    met: str
    not_met: str
    short: str  # lower-case fragment for one-sentence summaries: "u huurt geen woning"


@dataclass(frozen=True, slots=True)
class SchemeTexts:
    """Dutch B1 texts for one scheme (not bound to a period)."""

    scheme: str
    title: str
    reasons: Mapping[str, ReasonText]
    not_checked: tuple[str, ...]
    notes: Mapping[str, str]  # situation-specific not_checked lines, by key


@dataclass(frozen=True, slots=True)
class SchemeVersion:
    """The rules of one scheme for one period, with typed parameters for its calculator."""

    scheme: str
    calculator: str
    valid_from: date
    valid_to: date | None
    params: Any  # the calculator's frozen params dataclass
    all_params: tuple[Param | ModeParam, ...]
    sources: tuple[Source, ...]
    how_to_apply: HowToApply | None
    file: str


def version_in_force(versions: tuple[SchemeVersion, ...], day: date) -> SchemeVersion | None:
    """The last version (sorted by ``valid_from``) that has started on ``day`` and not ended
    (``valid_to``: the latest period may end at its ``valid_until``), or None."""
    chosen = None
    for version in versions:
        if version.valid_from <= day:
            chosen = version
        else:
            break
    if chosen is not None and chosen.valid_to is not None and day > chosen.valid_to:
        return None
    return chosen


@dataclass(frozen=True, slots=True)
class SchemeRules:
    key: str
    level: str  # "national" | "municipal"
    texts: SchemeTexts
    versions: tuple[SchemeVersion, ...]  # sorted by valid_from

    def version_for(self, day: date) -> SchemeVersion | None:
        return version_in_force(self.versions, day)


@dataclass(frozen=True, slots=True)
class ParameterSet:
    """Shared figures (e.g. the Participatiewet norms) used by several schemes."""

    key: str
    versions: tuple[SchemeVersion, ...]

    def version_for(self, day: date) -> SchemeVersion | None:
        return version_in_force(self.versions, day)


@dataclass(frozen=True, slots=True)
class Contact:
    """A local organisation the bot's answers name (e.g. who handles kwijtschelding)."""

    name: str
    about: str = ""  # what the name stands for, e.g. "Belastingsamenwerking ..."
    phone: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Municipality:
    """One municipality as residents, counsellors and the rules see it (its municipality.yaml)."""

    key: str
    place: str  # "Heerlen", as in "in Heerlen"
    name: str  # "Gemeente Heerlen"
    phone: str
    phone_href: str
    phone_hours: str  # when the phone is answered, as in "Bel 14 045 op werkdagen van 9 tot 17 uur"
    privacy_url: str
    timezone: str
    office_hours: Mapping[str, tuple[time, time]]  # by English weekday; a missing day is closed
    contacts: Mapping[str, Contact]  # by role, e.g. "kwijtschelding"
    schemes: Mapping[str, SchemeRules]
    # Keep messages the bot did not understand (redacted, unlinked, at most 30 days) for the
    # editors to learn from. Off unless the municipality says so; the privacy page follows it.
    keep_not_understood: bool = False


@dataclass(frozen=True, slots=True)
class Button:
    title: str
    payload: str

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "payload": self.payload}


@dataclass(frozen=True, slots=True)
class QuestionSpec:
    fact: str
    order: int
    answer_kind: str
    text: str
    why: str
    buttons: tuple[Button, ...]
    refine_text: str  # asked when the fact is a band and a sharper answer would help
    unknown_text: str  # not_checked line when the resident does not know


@dataclass(frozen=True, slots=True)
class CommonTexts:
    """Texts shared by all schemes (explanation phrases, generic notes)."""

    texts: Mapping[str, str]

    def get(self, key: str, **values: str) -> str:
        return self.texts[key].format(**values) if values else self.texts[key]


@dataclass(frozen=True, slots=True)
class RuleBook:
    national: Mapping[str, SchemeRules]
    municipalities: Mapping[str, Municipality]
    parameter_sets: Mapping[str, ParameterSet]
    questions: Mapping[str, QuestionSpec]
    common: CommonTexts
    fact_order: Mapping[str, int] = field(default_factory=dict)
    # The municipality a conversation without one gets (deployment.yaml's default).
    default_municipality: str = ""
    # The municipalities this installation serves (deployment.yaml): the only ones offered.
    served: tuple[str, ...] = ()
    # Evaluation plans per (scheme rules, date), filled by the engine; a cache, not rule data.
    plans: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    # Reasons already made, per scheme rules object (see ResultBuilder); a cache as well.
    reasons: dict[int, dict[Any, Any]] = field(default_factory=dict, compare=False, repr=False)
    # Results of pure helpers that depend on a few facts (e.g. the household's bijstandsnorm).
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def all_scheme_keys(self) -> tuple[str, ...]:
        keys = list(self.national)
        for municipality in self.municipalities.values():
            keys.extend(key for key in municipality.schemes if key not in keys)
        return tuple(keys)
