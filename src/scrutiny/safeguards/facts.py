"""The facts a check reads: the demand plus values derived once per review.

Checks are pure functions of :class:`Facts`. Derived values (cross-border status, the set of
demand types, the level the demand stands at) are computed here once, so every check reads
them the same way; :meth:`Facts.ev` builds evidence with the text spans the intake recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import (
    Action,
    Channel,
    DataCategory,
    DemandType,
    ProcessType,
    ReasonCategory,
    TargetKind,
)
from scrutiny.safeguards.rules import Rules
from scrutiny.safeguards.types import Evidence

__all__ = ["ACCOUNT_KINDS", "Facts", "build_facts"]

ACCOUNT_KINDS = frozenset({TargetKind.ACCOUNT, TargetKind.EMAIL, TargetKind.PHONE,
                           TargetKind.IP})
"""Target kinds that stand for a user account (counted against the accounts threshold)."""

_EMPTY: frozenset[Any] = frozenset()


@dataclass(slots=True)
class Facts:
    """One demand as the checks see it.

    Attributes:
        demand: the validated demand (read-only by convention).
        rules: the policy and reference tables.
        as_of: the date the review applies the rules of (``None``: not known).
        types: demand types stated.
        actions: actions asked for.
        categories: data categories sought.
        cross_border: stated, or derived from the requester's country and the home country.
        cross_border_derived: whether ``cross_border`` was derived rather than stated.
        emergency: an emergency route is claimed (type or flag).
        seeks_data: the demand makes the company hand over or intercept data.
        preserves: the demand asks for preservation.
        restricts: the demand restricts content or an account (type or action).
        informal: the demand arrives without legal process (none, informal letter, ToS flag).
        level: the authorisation level the demand stands at (``None``: cannot be told).
        level_rank: its rank (0 none … 3 judicial), or ``None``.
        plain: the demand has no provenance (evidence then carries no spans).
        reasons: the stated reason categories other than ``other``.
        protected_reasons, contested_reasons: those the policy classes as protected or
            contested expression.
        provenance: the demand's provenance (field path -> spans; empty when plain).
        span_cache: provenance spans already converted for evidence (filled lazily).
    """

    demand: Demand
    rules: Rules
    as_of: dt.date | None
    types: frozenset[DemandType]
    actions: frozenset[Action]
    categories: frozenset[DataCategory]
    cross_border: bool | None
    cross_border_derived: bool
    emergency: bool
    seeks_data: bool
    preserves: bool
    restricts: bool
    informal: bool
    level: Any
    level_rank: int | None
    plain: bool
    reasons: tuple[ReasonCategory, ...]
    protected_reasons: tuple[ReasonCategory, ...]
    contested_reasons: tuple[ReasonCategory, ...]
    provenance: dict[str, Any] = field(default_factory=dict)
    span_cache: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def spans(self, field: str) -> tuple[tuple[int, int], ...]:
        """Text spans the intake recorded for a field path (empty when none)."""
        found = self.provenance.get(field)
        if not found:
            return ()
        cache = self.span_cache
        hit = cache.get(field)
        if hit is None:
            hit = cache[field] = tuple([(s.start, s.end) for s in found])
        return hit

    def ev(self, field: str, value: Any = None) -> Evidence:
        """Evidence for a field path with its value and its text spans.

        Lists are stored as tuples so that evidence stays immutable (and hashable).
        """
        if type(value) is list:
            value = tuple(value)
        found = self.provenance.get(field)  # spans(), inlined: the engine's hottest helper
        if not found:
            return _new_tuple(Evidence, (field, value, ()))
        cache = self.span_cache
        hit = cache.get(field)
        if hit is None:
            hit = cache[field] = tuple([(s.start, s.end) for s in found])
        return _new_tuple(Evidence, (field, value, hit))


_new_tuple = tuple.__new__

_Kinds = tuple[frozenset[DemandType], frozenset[Action], bool, bool, bool, bool]
_KINDS: dict[tuple[tuple[DemandType, ...], tuple[Action, ...]], _Kinds] = {}
_REASONS: dict[tuple[int, tuple[ReasonCategory, ...]],
               tuple[dict[ReasonCategory, str], tuple[ReasonCategory, ...],
                     tuple[ReasonCategory, ...], tuple[ReasonCategory, ...]]] = {}
_MEMO_LIMIT = 4096


def _kinds(type_list: list[DemandType], action_list: list[Action]) -> _Kinds:
    """Types and actions as sets, and what they imply (memoised: few combinations occur).

    Returns ``(types, actions, seeks_data, preserves, restricts, emergency type)``.
    """
    key = (tuple(type_list), tuple(action_list))
    hit = _KINDS.get(key)
    if hit is None:
        types: frozenset[DemandType] = frozenset(type_list) if type_list else _EMPTY
        actions: frozenset[Action] = frozenset(action_list) if action_list else _EMPTY
        hit = (
            types, actions,
            (DemandType.DISCLOSURE in types or DemandType.EMERGENCY_DISCLOSURE in types
             or DemandType.INTERCEPTION in types or Action.DISCLOSE_USER_DATA in actions),
            DemandType.PRESERVATION in types or Action.PRESERVE in actions,
            (DemandType.CONTENT_RESTRICTION in types or DemandType.ACCOUNT_ACTION in types
             or Action.REMOVE in actions or Action.RESTRICT_IN_COUNTRY in actions
             or Action.SUSPEND_ACCOUNT in actions),
            DemandType.EMERGENCY_DISCLOSURE in types,
        )
        if len(_KINDS) < _MEMO_LIMIT:  # a full memo keeps what it has (bounded, no churn)
            _KINDS[key] = hit
    return hit


def _reasons(rules: Rules, categories: list[ReasonCategory]) -> tuple[
        tuple[ReasonCategory, ...], tuple[ReasonCategory, ...], tuple[ReasonCategory, ...]]:
    """The stated reasons other than ``other``, and those the policy classes as protected or
    contested expression (memoised per policy table; the entry keeps the table itself, so a
    table reusing a freed one's id never reads a stale answer)."""
    classes = rules.expression
    key = (id(classes), tuple(categories))
    hit = _REASONS.get(key)
    if hit is None or hit[0] is not classes:
        reasons = tuple([r for r in categories if r is not ReasonCategory.OTHER])
        hit = (classes, reasons, tuple([r for r in reasons if classes[r] == "protected"]),
               tuple([r for r in reasons if classes[r] == "contested"]))
        if len(_REASONS) < _MEMO_LIMIT or key in _REASONS:
            _REASONS[key] = hit
    return hit[1], hit[2], hit[3]


def build_facts(demand: Demand, rules: Rules, as_of: dt.date | None) -> Facts:
    """Derive the per-demand facts once."""
    types, actions, seeks_data, preserves, restricts, typed_emergency = _kinds(
        demand.demand_types, demand.actions)
    req = demand.requester
    cross_border = demand.cross_border
    derived = False
    if cross_border is None and req.country is not None:
        cross_border = req.country != rules.home_country
        derived = True
    process = demand.process_type
    emergency = (typed_emergency or demand.emergency_claimed is True
                 or process is ProcessType.EMERGENCY_REQUEST)
    informal = (process is ProcessType.NONE or process is ProcessType.INFORMAL_LETTER
                or demand.channel is Channel.TOS_FLAG)
    ja = demand.judicial_authorisation
    level, rank = rules.level_info[(req.authority_kind, process,
                                    ja.present is True and ja.independent is not False)]
    if demand.reason_categories:
        reasons, protected, contested = _reasons(rules, demand.reason_categories)
    else:
        reasons = protected = contested = ()
    categories = demand.data_categories
    provenance = demand.provenance
    return Facts(demand, rules, as_of, types, actions,
                 frozenset(categories) if categories else _EMPTY, cross_border, derived,
                 emergency, seeks_data, preserves, restricts, informal, level, rank,
                 not provenance, reasons, protected, contested, provenance, {})
