"""The policy pack as typed, frozen data: one model per file, and the assembled :class:`Policy`.

A pack is a folder of YAML files, one concern per file (DESIGN.md §2); see ``docs/policy.md``.
Every value carries its own sources (:class:`~scrutiny.policy.sources.Param`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from scrutiny.demands.vocab import (
    ISO_3166_ALPHA2,
    AuthorityKind,
    DataCategory,
    DemandType,
    ProcessType,
    ReasonCategory,
)
from scrutiny.errors import PolicyError
from scrutiny.policy.levels import AuthLevel
from scrutiny.policy.sources import Frozen, Param, SourceRef

__all__ = [
    "SAFEGUARD_IDS",
    "DeadlinesFile",
    "EmergencyFile",
    "ExpressionClass",
    "ExpressionFile",
    "ExpressionRule",
    "LevelAssignment",
    "LevelRule",
    "LevelStatus",
    "LexiconsFile",
    "NotificationFile",
    "PackFile",
    "Policy",
    "ProcessLevelsFile",
    "ProportionalityFile",
    "ReportingFile",
    "Requirement",
    "SafeguardsFile",
]

ExpressionClass = Literal["protected", "contested", "legitimate"]
LevelStatus = Literal["met", "concern", "unmet"]

SAFEGUARD_IDS = frozenset({
    "legality", "requester_authenticity", "legitimate_aim", "necessity", "proportionality",
    "data_minimisation", "independent_authorisation", "emergency_validity", "dual_criminality",
    "territorial_scope", "non_discrimination", "protected_expression", "intermediary_intent",
    "confidentiality_review", "user_notification", "remedy", "transparency",
    "data_protection", "system_integrity", "gender_and_children",
})
"""Safeguard ids of SAFEGUARDS.md §1 (the policy may name only these)."""


class Requirement(StrEnum):
    """What a process-level requirement is keyed by: a data category or a measure."""

    SUBSCRIBER = "subscriber"
    IDENTIFICATION = "identification"
    TRAFFIC = "traffic"
    CONTENT = "content"
    RT_TRAFFIC = "rt_traffic"
    RT_CONTENT = "rt_content"
    PRESERVATION = "preservation"
    CONTENT_RESTRICTION = "content_restriction"
    ACCOUNT_ACTION = "account_action"
    INTERCEPTION = "interception"


class PackFile(Frozen):
    """``pack.yaml``: identity, validity period and inheritance of the pack."""

    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9._-]*$")
    title: str
    version: str
    extends: str | None = None
    effective_from: dt.date
    effective_to: dt.date | None = None
    home_country: str
    description: str | None = None
    maintainer: str | None = None

    @model_validator(mode="after")
    def _check(self) -> PackFile:
        if self.home_country not in ISO_3166_ALPHA2:
            raise ValueError(f"home_country {self.home_country!r} is not an ISO 3166-1 "
                             "alpha-2 code (e.g. 'US')")
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        return self


class LevelRule(Frozen):
    """Required authorisation for one data category or measure.

    A demand at or above ``required`` meets it; at or above ``floor`` but below ``required``
    is a concern; below ``floor`` is unmet. ``accepted_authority_kinds`` meet the
    requirement whatever their level (e.g. an independent regulator designated by law for
    content restriction) — the legality check must still confirm the designation.
    """

    required: AuthLevel
    floor: AuthLevel
    accepted_authority_kinds: tuple[AuthorityKind, ...] = ()
    sources: tuple[SourceRef, ...] = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> LevelRule:
        if self.floor > self.required:
            raise ValueError("floor is above required")
        return self


class LevelAssignment(Frozen):
    """The level a kind of authority or process stands for (``null``: decided elsewhere)."""

    level: AuthLevel | None
    sources: tuple[SourceRef, ...] = Field(min_length=1)
    note: str | None = None


class ProcessLevelsFile(Frozen):
    """``process_levels.yaml``: required levels and what counts as which level."""

    as_of: dt.date
    requirements: dict[Requirement, LevelRule]
    judicial_authorisation: LevelAssignment
    process_types: dict[ProcessType, LevelAssignment]
    authority_kinds: dict[AuthorityKind, LevelAssignment]

    @model_validator(mode="after")
    def _complete(self) -> ProcessLevelsFile:
        for name, keys, enum in (("requirements", self.requirements, Requirement),
                                 ("process_types", self.process_types, ProcessType),
                                 ("authority_kinds", self.authority_kinds, AuthorityKind)):
            missing = [m.value for m in enum if m not in keys]
            if missing:
                raise ValueError(f"{name} lacks {', '.join(missing)}")
        return self


class ExpressionRule(Frozen):
    """How a reason category is treated under ICCPR 19(3) / GC34 / Rabat."""

    class_: ExpressionClass = Field(alias="class")
    sources: tuple[SourceRef, ...] = Field(min_length=1)
    note: str | None = None


class ExpressionFile(Frozen):
    """``expression.yaml``: expression class per reason category."""

    as_of: dt.date
    reasons: dict[ReasonCategory, ExpressionRule]

    @model_validator(mode="after")
    def _complete(self) -> ExpressionFile:
        missing = [r.value for r in ReasonCategory if r not in self.reasons]
        if missing:
            raise ValueError(f"reasons lacks {', '.join(missing)}")
        return self


class EmergencyFile(Frozen):
    """``emergency.yaml``: what qualifies as an emergency and what it may obtain."""

    as_of: dt.date
    qualifying_harms: Param[tuple[str, ...]]
    non_qualifying_harms: Param[tuple[str, ...]]
    allowed_data_categories: Param[tuple[DataCategory, ...]]
    follow_up_days: Param[int]
    response_hours: Param[int]
    verification_required: Param[bool]


class ProportionalityFile(Frozen):
    """``proportionality.yaml``: thresholds above which scope is a concern."""

    as_of: dt.date
    max_accounts_before_concern: Param[int]
    max_items_before_concern: Param[int]
    max_time_range_days: Param[int]
    min_penalty_years_for_content: Param[float]
    min_penalty_years_for_traffic: Param[float]
    min_penalty_years_for_interception: Param[float]
    sensitive_data_categories: Param[tuple[DataCategory, ...]]


class NotificationFile(Frozen):
    """``notification.yaml``: user notice and deferral review."""

    as_of: dt.date
    deferral_review_days: Param[int]
    max_deferral_days_without_court: Param[int]
    notify_by_default: Param[bool]


class ReportingFile(Frozen):
    """``reporting.yaml``: transparency-report conventions."""

    as_of: dt.date
    band_size: Param[int]
    period_months: Param[int]
    small_count_threshold: Param[int] | None = None
    """Counts from 1 up to this value minus one are published as a range (None: 10)."""


class DeadlinesFile(Frozen):
    """``deadlines.yaml``: response time assumed when a demand states none."""

    as_of: dt.date
    default_response_hours: dict[DemandType, Param[int]]

    @model_validator(mode="after")
    def _complete(self) -> DeadlinesFile:
        missing = [d.value for d in DemandType if d not in self.default_response_hours]
        if missing:
            raise ValueError(f"default_response_hours lacks {', '.join(missing)}")
        return self


def _known_safeguards(values: tuple[str, ...]) -> tuple[str, ...]:
    unknown = sorted(set(values) - SAFEGUARD_IDS)
    if unknown:
        raise ValueError(f"unknown safeguard id(s) {', '.join(unknown)}; known: "
                         f"{', '.join(sorted(SAFEGUARD_IDS))}")
    return values


class SafeguardsFile(Frozen):
    """``safeguards.yaml``: which safeguards block compliance and which need four eyes."""

    as_of: dt.date
    blocking: Param[tuple[str, ...]]
    high_risk: Param[tuple[str, ...]]

    @model_validator(mode="after")
    def _ids(self) -> SafeguardsFile:
        _known_safeguards(self.blocking.value)
        _known_safeguards(self.high_risk.value)
        return self


def _markers(name: str, values: tuple[str, ...]) -> None:
    for i, m in enumerate(values):
        if not m.strip():
            raise ValueError(f"{name}[{i}]: empty marker")
        if m != m.lower():
            raise ValueError(f"{name}[{i}]: marker {m!r} must be lower case (matching is "
                             "case-insensitive on the lower-cased text)")


class LexiconsFile(Frozen):
    """``lexicons.yaml``: wording markers the checks look for in free text.

    Linguistic cues, not legal thresholds: which words signal a catch-all ground, a dragnet,
    boilerplate, an unreviewable decision, a free webmail sender or a kind of harm. Each list
    carries its sources; every marker is lower case (matching is case-insensitive).
    """

    as_of: dt.date
    catch_all: Param[tuple[str, ...]]
    all_records: Param[tuple[str, ...]]
    boilerplate: Param[tuple[str, ...]]
    unreviewable: Param[tuple[str, ...]]
    free_webmail: Param[tuple[str, ...]]
    harm_words: Param[dict[str, tuple[str, ...]]]

    @model_validator(mode="after")
    def _lower_case(self) -> LexiconsFile:
        for name in ("catch_all", "all_records", "boilerplate", "unreviewable",
                     "free_webmail"):
            param: Param[tuple[str, ...]] = getattr(self, name)
            _markers(f"{name}.value", param.value)
        for token, words in self.harm_words.value.items():
            _markers(f"harm_words.value.{token}", words)
        return self


class Policy(Frozen):
    """An effective policy pack (baseline plus any overriding pack), ready for the engine.

    Attributes:
        id, title, version: identity of the (outermost) pack.
        chain: pack ids from the outermost to the shipped baseline it extends.
        effective_from, effective_to: the period the pack applies to (``None``: open-ended).
        home_country: the company's home state (settings.home_country overrides it).
        files: for each section, the file it was read from (outermost pack that has it).
    """

    id: str
    title: str
    version: str
    chain: tuple[str, ...]
    effective_from: dt.date
    effective_to: dt.date | None
    home_country: str
    process_levels: ProcessLevelsFile
    expression: ExpressionFile
    emergency: EmergencyFile
    proportionality: ProportionalityFile
    notification: NotificationFile
    reporting: ReportingFile
    deadlines: DeadlinesFile
    safeguards: SafeguardsFile
    lexicons: LexiconsFile
    files: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    # --- validity in time -------------------------------------------------------------

    def in_force(self, as_of: dt.date) -> bool:
        """Whether ``as_of`` falls within ``[effective_from, effective_to]``."""
        if as_of < self.effective_from:
            return False
        return self.effective_to is None or as_of <= self.effective_to

    def ensure_in_force(self, as_of: dt.date) -> None:
        """Raise :class:`PolicyError` when ``as_of`` is outside the pack's period."""
        if not self.in_force(as_of):
            until = self.effective_to.isoformat() if self.effective_to else "open-ended"
            raise PolicyError(
                f"policy {self.id!r} covers {self.effective_from.isoformat()} to {until}, "
                f"not {as_of.isoformat()}",
                location="pack.yaml",
                hint="review with a pack in force on that date, or set effective_from/"
                     "effective_to in pack.yaml",
            )

    # --- process levels ---------------------------------------------------------------

    def level_rule(self, key: Requirement | DataCategory | DemandType | str) -> LevelRule:
        """The requirement for a data category or measure (KeyError if none is defined)."""
        try:
            return self.process_levels.requirements[Requirement(str(key))]
        except ValueError:
            raise KeyError(f"no process-level requirement for {key!r}; defined: "
                           f"{', '.join(r.value for r in Requirement)}") from None

    def required_level(self, category: Requirement | DataCategory | DemandType | str) -> AuthLevel:
        """The authorisation level required for a data category (or preservation, content
        restriction, account action, interception) — SAFEGUARDS.md §2, GNI-protective."""
        return self.level_rule(category).required

    def level_of(
        self,
        authority_kind: AuthorityKind | str | None,
        process_type: ProcessType | str | None,
        judicial_present: bool | None = None,
    ) -> AuthLevel | None:
        """The level a demand stands at; ``None`` when it cannot be told (fail closed).

        Order: a judicial authorisation present wins; then a process type that fixes the level
        (court order, warrant → judicial; informal letter → none; …); else the authority kind.
        """
        pl = self.process_levels
        if judicial_present:
            return pl.judicial_authorisation.level
        if process_type is not None:
            fixed = pl.process_types[ProcessType(str(process_type))].level
            if fixed is not None:
                return fixed
        if authority_kind is None:
            return None
        return pl.authority_kinds[AuthorityKind(str(authority_kind))].level

    def level_status(
        self,
        key: Requirement | DataCategory | DemandType | str,
        level: AuthLevel | None,
        authority_kind: AuthorityKind | str | None = None,
    ) -> LevelStatus | None:
        """Compare a demand's level with the requirement for ``key``.

        Returns ``met`` (at or above required, or an accepted authority kind), ``concern``
        (between floor and required), ``unmet`` (below floor), ``None`` if level is unknown.
        """
        rule = self.level_rule(key)
        if level is None:
            return None
        if level >= rule.required:
            return "met"
        if (authority_kind is not None and level > AuthLevel.NONE
                and AuthorityKind(str(authority_kind)) in rule.accepted_authority_kinds):
            return "met"
        if level >= rule.floor:
            return "concern"
        return "unmet"

    # --- expression -------------------------------------------------------------------

    def expression_class(self, reason: ReasonCategory | str) -> ExpressionClass:
        """``protected``, ``contested`` or ``legitimate`` for a reason category."""
        return self.expression.reasons[ReasonCategory(str(reason))].class_

    def expression_rule(self, reason: ReasonCategory | str) -> ExpressionRule:
        """The class of a reason category with its sources."""
        return self.expression.reasons[ReasonCategory(str(reason))]

    # --- conveniences -----------------------------------------------------------------

    @property
    def high_risk_safeguards(self) -> frozenset[str]:
        """Safeguards whose unmet verdict makes a review high-risk (four-eyes approval)."""
        return frozenset(self.safeguards.high_risk.value)

    @property
    def blocking_safeguards(self) -> frozenset[str]:
        """Safeguards whose unmet verdict means: do not comply as is."""
        return frozenset(self.safeguards.blocking.value)

    def deadline_hours(self, demand_type: DemandType | str) -> int:
        """Default response time in hours for a demand type that states no deadline."""
        return self.deadlines.default_response_hours[DemandType(str(demand_type))].value

    def source_refs(self) -> list[tuple[str, SourceRef]]:
        """Every source in the pack with the dotted path of the value it supports."""
        out: list[tuple[str, SourceRef]] = []

        def walk(obj: object, path: str) -> None:
            if isinstance(obj, SourceRef):
                out.append((path, obj))
            elif isinstance(obj, Frozen):
                for name in type(obj).model_fields:
                    walk(getattr(obj, name), f"{path}.{name}" if path else name)
            elif isinstance(obj, dict):
                for k, v in obj.items():
                    walk(v, f"{path}.{getattr(k, 'value', k)}")
            elif isinstance(obj, tuple | list):
                for i, v in enumerate(obj):
                    walk(v, f"{path}[{i}]")

        walk(self, "")
        return out


