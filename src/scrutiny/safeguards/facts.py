"""The facts a check reads: the demand plus values derived once per review.

Checks are pure functions of :class:`Facts`. Derived values (cross-border status, the set of
demand types, the level the demand stands at) are computed here once, so every check reads
them the same way; :meth:`Facts.ev` builds evidence with the text spans the intake recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import (
    Action,
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

_DATA_TYPES = frozenset({DemandType.DISCLOSURE, DemandType.EMERGENCY_DISCLOSURE,
                         DemandType.INTERCEPTION})
_RESTRICT_ACTIONS = frozenset({Action.REMOVE, Action.RESTRICT_IN_COUNTRY,
                               Action.SUSPEND_ACCOUNT})
_INFORMAL = frozenset({ProcessType.NONE, ProcessType.INFORMAL_LETTER})


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

    def spans(self, field: str) -> tuple[tuple[int, int], ...]:
        """Text spans the intake recorded for a field path (empty when none)."""
        if self.plain:
            return ()
        found = self.demand.provenance.get(field)
        if not found:
            return ()
        return tuple([(s.start, s.end) for s in found])

    def ev(self, field: str, value: Any = None) -> Evidence:
        """Evidence for a field path with its value and its text spans.

        Lists are stored as tuples so that evidence stays immutable (and hashable).
        """
        if type(value) is list:
            value = tuple(value)
        if self.plain:
            return _new_tuple(Evidence, (field, value, ()))
        return _new_tuple(Evidence, (field, value, self.spans(field)))


_new_tuple = tuple.__new__


def build_facts(demand: Demand, rules: Rules, as_of: dt.date | None) -> Facts:
    """Derive the per-demand facts once."""
    types = frozenset(demand.demand_types)
    req = demand.requester
    cross_border = demand.cross_border
    derived = False
    if cross_border is None and req.country is not None:
        cross_border = req.country != rules.home_country
        derived = True
    emergency = (DemandType.EMERGENCY_DISCLOSURE in types or demand.emergency_claimed is True
                 or demand.process_type is ProcessType.EMERGENCY_REQUEST)
    actions = frozenset(demand.actions)
    seeks_data = (not types.isdisjoint(_DATA_TYPES)) or Action.DISCLOSE_USER_DATA in actions
    informal = demand.process_type in _INFORMAL or demand.channel == "tos_flag"
    ja = demand.judicial_authorisation
    judicial = ja.present is True and ja.independent is not False
    level = rules.level_of(req.authority_kind, demand.process_type, judicial)
    reasons: tuple[ReasonCategory, ...] = ()
    protected: tuple[ReasonCategory, ...] = ()
    contested: tuple[ReasonCategory, ...] = ()
    if demand.reason_categories:
        classes = rules.expression
        reasons = tuple([r for r in demand.reason_categories if r is not ReasonCategory.OTHER])
        protected = tuple([r for r in reasons if classes[r] == "protected"])
        contested = tuple([r for r in reasons if classes[r] == "contested"])
    return Facts(
        demand=demand, rules=rules, as_of=as_of, types=types, actions=actions,
        categories=frozenset(demand.data_categories), cross_border=cross_border,
        cross_border_derived=derived, emergency=emergency, seeks_data=seeks_data,
        preserves=DemandType.PRESERVATION in types or Action.PRESERVE in actions,
        restricts=(DemandType.CONTENT_RESTRICTION in types or DemandType.ACCOUNT_ACTION in types
                   or not actions.isdisjoint(_RESTRICT_ACTIONS)),
        informal=informal, level=level, level_rank=level.rank if level is not None else None,
        plain=not demand.provenance, reasons=reasons, protected_reasons=protected,
        contested_reasons=contested,
    )
