"""From verdicts to a recommendation (SAFEGUARDS.md §0 "Suggested roll-up"; docs/review.md).

Precedence, highest first — the first row that matches decides:

1. ``escalate``: a labelled escalation rule fires (:data:`ESCALATIONS`).
2. ``reject``: a blocking safeguard (policy ``blocking``) is ``unmet`` and no narrowing
   resolves it.
3. ``clarify``: any verdict is ``unknown``.
4. ``comply_narrowed``: every ``concern``/``unmet`` verdict proposes a narrowing;
   otherwise ``clarify``.
5. ``comply``: only ``met`` / ``not_applicable``.

The order is also the strictness order (``Recommendation.strictness``): supplying missing
information can only move a review down it, removing an authorisation only up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import cite
from scrutiny.safeguards.types import (
    Narrowing,
    Recommendation,
    Source,
    Status,
    Verdict,
)

__all__ = ["ESCALATIONS", "Decision", "Escalation", "decide", "merge_narrowings"]


@dataclass(frozen=True, slots=True)
class Escalation:
    """A labelled rule sending a review to senior human-rights review."""

    id: str
    title: str
    sources: tuple[Source, ...]
    fires: Callable[[dict[str, Verdict], Facts, bool], bool]


def _at_risk_speaker(by_id: dict[str, Verdict], f: Facts, high: bool) -> bool:
    v = by_id.get("protected_expression")
    return (v is not None and v.status in (Status.UNMET, Status.CONCERN)
            and bool(f.demand.target_profiles))


def _high_risk_emergency(by_id: dict[str, Verdict], f: Facts, high: bool) -> bool:
    return high and f.emergency


def _protected_group(by_id: dict[str, Verdict], f: Facts, high: bool) -> bool:
    for sid in ("non_discrimination", "gender_and_children"):
        v = by_id.get(sid)
        if v is not None and v.status is Status.UNMET:
            return True
    return False


_GNI_HIGH_RISK = (cite("GNI-P", "Responsible company decision making"),
                  cite("RDR", "P10a-5, F5a-5"))

ESCALATIONS: tuple[Escalation, ...] = (
    Escalation("at_risk_speaker",
               "Expression is at stake and the affected user is a journalist, defender, "
               "activist, lawyer, politician or member of an at-risk group.",
               _GNI_HIGH_RISK, _at_risk_speaker),
    Escalation("high_risk_emergency",
               "A high-risk safeguard is unmet on a demand claiming an emergency: forged and "
               "abusive emergency requests need senior review.",
               (*_GNI_HIGH_RISK, cite("FBI-EDR", "PSA (2024)")), _high_risk_emergency),
    Escalation("protected_group_targeted",
               "The demand appears to identify or silence a protected group.",
               (*_GNI_HIGH_RISK, cite("ICCPR", "Art 2(1), 26")), _protected_group),
)
"""Escalation rules, checked in this order."""


class Decision(NamedTuple):
    """The roll-up result before it is wrapped in a Review."""

    recommendation: Recommendation
    reasons: tuple[str, ...]
    questions: tuple[str, ...]
    narrowing: Narrowing | None
    risk: str
    escalations: tuple[str, ...]


def merge_narrowings(narrowings: Iterable[Narrowing]) -> Narrowing | None:
    """Combine narrowings: intersect targets and categories, tighten the period.

    A lone narrowing without repeated reasons is its own merge and is returned as it is.
    """
    if isinstance(narrowings, list | tuple) and len(narrowings) == 1:
        n = narrowings[0]
        if len(n.reasons) < 2 or len(set(n.reasons)) == len(n.reasons):
            return n
    targets: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    start: str | None = None
    end: str | None = None
    has_range = False
    territory: str | None = None
    reasons: list[str] = []
    any_ = False
    for n in narrowings:
        any_ = True
        if n.targets is not None:
            targets = n.targets if targets is None else tuple(t for t in targets
                                                              if t in n.targets)
        if n.data_categories is not None:
            categories = (n.data_categories if categories is None else
                          tuple(c for c in categories if c in n.data_categories))
        if n.time_range is not None:
            has_range = True
            s, e = n.time_range
            if s is not None and (start is None or s > start):
                start = s
            if e is not None and (end is None or e < end):
                end = e
        if n.territory is not None and territory is None:
            territory = n.territory
        reasons.extend(n.reasons)
    if not any_:
        return None
    return Narrowing(targets=targets, data_categories=categories,
                     time_range=(start, end) if has_range else None, territory=territory,
                     reasons=tuple(dict.fromkeys(reasons)))


_UNMET = Status.UNMET
_UNKNOWN = Status.UNKNOWN
_CONCERN = Status.CONCERN
_MET = Status.MET
_NOT_APPLICABLE = Status.NOT_APPLICABLE


def decide(verdicts: tuple[Verdict, ...], f: Facts) -> Decision:
    """Apply the roll-up table to the verdicts of one demand (one pass over the verdicts)."""
    rules = f.rules
    high_risk = rules.high_risk
    blocking_ids = rules.blocking
    unknown: list[Verdict] = []
    problems: list[Verdict] = []  # unmet and concern, in catalogue order
    by_id: dict[str, Verdict] = {}  # the same, by safeguard: escalation rules look at these
    blocking: list[Verdict] = []
    narrowings: list[Narrowing] = []
    asked: list[str] = []  # questions of unknown verdicts, then those of concerns
    concern_asked: list[str] = []
    high = False
    for v in verdicts:
        status = v[1]
        if status is _MET or status is _NOT_APPLICABLE:
            continue
        if status is _UNKNOWN:
            unknown.append(v)
            asked.extend(v[6])
            continue
        problems.append(v)
        by_id[v[0]] = v
        narrowing = v[8]
        if narrowing is not None:
            narrowings.append(narrowing)
        if status is _UNMET:
            sid = v[0]
            if sid in high_risk:
                high = True
            if narrowing is None and sid in blocking_ids:
                blocking.append(v)
        else:
            concern_asked.extend(v[6])
    if not unknown and not problems:
        return _COMPLY_HIGH if high else _COMPLY
    risk = "high" if high else "normal"
    escalations: tuple[str, ...] = ()
    for e in ESCALATIONS:
        if e.fires(by_id, f, high):
            escalations = (*escalations, e.id)
    narrowing = merge_narrowings(narrowings) if narrowings else None
    if concern_asked:
        asked.extend(concern_asked)
    questions = tuple(dict.fromkeys(asked)) if asked else ()

    if escalations:
        reasons = tuple(f"Escalate: {_TITLES[e]}" for e in escalations) + _reasons(problems)
        return Decision(Recommendation.ESCALATE, reasons, questions, narrowing, risk,
                        escalations)
    if blocking:
        return Decision(Recommendation.REJECT, _reasons(blocking), questions, narrowing, risk,
                        ())
    if unknown:
        return Decision(Recommendation.CLARIFY, _reasons(unknown), questions, narrowing, risk,
                        ())
    if len(narrowings) == len(problems):
        return Decision(Recommendation.COMPLY_NARROWED, _reasons(problems), questions,
                        narrowing, risk, ())
    return Decision(Recommendation.CLARIFY, _reasons(problems), questions, narrowing, risk, ())


_COMPLY_REASONS = ("Every applicable safeguard is met; comply within the stated scope.",)
_COMPLY = Decision(Recommendation.COMPLY, _COMPLY_REASONS, (), None, "normal", ())
_COMPLY_HIGH = Decision(Recommendation.COMPLY, _COMPLY_REASONS, (), None, "high", ())
_TITLES = {e.id: e.title for e in ESCALATIONS}


def _reasons(verdicts: list[Verdict]) -> tuple[str, ...]:
    """Each verdict's reasons, prefixed with its safeguard. No two verdicts share a safeguard
    and the engine gives each verdict distinct reasons, so nothing repeats."""
    return tuple([f"{v[0]}: {r}" for v in verdicts for r in v[3]])
