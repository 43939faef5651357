"""Decision rules of the workflow, as pure functions (no database, no clock).

* :func:`risk_of`: a case is high-risk when its review says so or any high-risk safeguard
  is ``unmet``.
* :func:`approval_grounds`: why a decision needs a second person (four eyes).
* :func:`check_override`: a decision that departs from the engine's recommendation must
  carry a written reason.
* :func:`resolve_scope`: the exact scope released per target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from scrutiny.cases.params import WorkflowParams
from scrutiny.cases.vocab import Outcome, Risk
from scrutiny.demands.model import Demand
from scrutiny.errors import InputError

__all__ = [
    "MIN_REASON_LENGTH",
    "approval_grounds",
    "check_override",
    "followed",
    "resolve_scope",
    "risk_of",
    "unmet_high_risk",
]

MIN_REASON_LENGTH = 10
"""Shortest written reason accepted where one is required (a sentence, not "ok")."""


def unmet_high_risk(review: Mapping[str, Any], params: WorkflowParams) -> list[str]:
    """The high-risk safeguards that the review found ``unmet``, in review order."""
    return [v["safeguard"] for v in review.get("verdicts", ())
            if v.get("status") == "unmet" and v.get("safeguard") in params.high_risk_safeguards]


def risk_of(review: Mapping[str, Any], params: WorkflowParams) -> Risk:
    """``high`` when the engine rated the review high-risk or a high-risk safeguard is unmet."""
    if review.get("risk") == Risk.HIGH.value or unmet_high_risk(review, params):
        return Risk.HIGH
    return Risk.NORMAL


def approval_grounds(
    review: Mapping[str, Any] | None, *, emergency: bool, outcome: Outcome,
    params: WorkflowParams,
) -> list[str]:
    """Why a decision needs four eyes (empty: it does not).

    Grounds: ``unmet:<safeguard>`` for each unmet high-risk safeguard;
    ``reject_emergency`` for refusing an emergency demand; ``engine_escalated`` when the
    engine recommended escalation. A request for clarification never needs approval.
    """
    if outcome is Outcome.CLARIFY:
        return []
    grounds: list[str] = []
    if review is not None:
        grounds += [f"unmet:{s}" for s in unmet_high_risk(review, params)]
        if review.get("recommendation") == "escalate":
            grounds.append("engine_escalated")
    if outcome is Outcome.REJECT and emergency:
        grounds.append("reject_emergency")
    return grounds


def followed(recommendation: str | None, outcome: Outcome) -> bool | None:
    """Whether the outcome follows the engine (``None``: nothing to follow, or escalate)."""
    if recommendation is None or recommendation == "escalate":
        return None
    return recommendation == outcome.value


def check_override(recommendation: str | None, outcome: Outcome,
                   override_reason: str | None) -> str | None:
    """The override reason to record; raise when one is needed and missing.

    Asking the authority for clarification never needs one: it decides nothing.

    Raises:
        InputError: code ``decision.override_reason_required``.
    """
    reason = (override_reason or "").strip() or None
    if outcome is not Outcome.CLARIFY and followed(recommendation, outcome) is False and (
        reason is None or len(reason) < MIN_REASON_LENGTH
    ):
        raise InputError(
            f"the engine recommends {recommendation}; deciding {outcome.value} overrides it "
            "and needs a written reason",
            location="override_reason",
            hint=f"give --override-reason with at least {MIN_REASON_LENGTH} characters",
            code="decision.override_reason_required",
        )
    return reason


def _requested_categories(demand: Demand) -> list[str]:
    return [c.value for c in demand.data_categories]


def resolve_scope(
    demand: Demand, outcome: Outcome, scope: Sequence[Mapping[str, Any]] | None
) -> list[dict[str, Any]]:
    """The release scope per target, checked against what the demand asks.

    ``comply``: every target, as requested (a given scope is refused). ``comply_narrowed``:
    one entry per target released — ``target`` (index), optional ``data_categories``
    (a subset of those requested), ``time_range`` ([start, end] ISO dates within the
    requested period), ``territory`` — and every other target is recorded as withheld.
    ``reject``/``clarify``: nothing is released.

    Raises:
        InputError: code ``decision.scope_invalid`` naming the entry and the problem.
    """
    targets = demand.targets
    requested = _requested_categories(demand)
    period = demand.time_range

    def full(i: int) -> dict[str, Any]:
        return {"target": i, "value": targets[i].value, "release": True,
                "data_categories": requested or None,
                "time_range": ([period.start.isoformat() if period.start else None,
                                period.end.isoformat() if period.end else None]
                               if period else None),
                "territory": demand.territorial_scope.value if demand.territorial_scope else None}

    def withheld(i: int) -> dict[str, Any]:
        return {"target": i, "value": targets[i].value, "release": False,
                "data_categories": None, "time_range": None, "territory": None}

    def bad(msg: str) -> InputError:
        return InputError(msg, location="scope", code="decision.scope_invalid",
                          hint="see `scrutiny case decide --help` for the scope format")

    if outcome is Outcome.COMPLY:
        if scope:
            raise bad("comply releases what was asked; use comply_narrowed to narrow it")
        return [full(i) for i in range(len(targets))]
    if outcome in (Outcome.REJECT, Outcome.CLARIFY):
        if scope:
            raise bad(f"{outcome.value} releases nothing; drop the scope")
        return [withheld(i) for i in range(len(targets))]
    if not scope:
        raise bad("comply_narrowed needs the scope released per target")
    released: dict[int, dict[str, Any]] = {}
    for n, entry in enumerate(scope):
        unknown = set(entry) - {"target", "data_categories", "time_range", "territory"}
        if unknown:
            raise bad(f"entry {n}: unknown keys {sorted(unknown)}")
        idx = entry.get("target")
        if not isinstance(idx, int) or not 0 <= idx < len(targets):
            raise bad(f"entry {n}: target must be an index 0..{len(targets) - 1}, got {idx!r}")
        if idx in released:
            raise bad(f"entry {n}: target {idx} given twice")
        item = full(idx)
        cats = entry.get("data_categories")
        if cats is not None:
            extra = [c for c in cats if c not in requested]
            if extra or not cats:
                raise bad(f"entry {n}: data_categories {extra or cats} were not requested "
                          f"(requested: {requested or 'none stated'})")
            item["data_categories"] = list(cats)
        rng = entry.get("time_range")
        if rng is not None:
            if not (isinstance(rng, (list, tuple)) and len(rng) == 2):
                raise bad(f"entry {n}: time_range must be [start, end]")
            start, end = (str(x) if x is not None else None for x in rng)
            if period is not None:
                if period.start and (start is None or start < period.start.isoformat()):
                    raise bad(f"entry {n}: time_range starts before the requested period")
                if period.end and (end is None or end > period.end.isoformat()):
                    raise bad(f"entry {n}: time_range ends after the requested period")
            if start and end and end < start:
                raise bad(f"entry {n}: time_range ends before it starts")
            item["time_range"] = [start, end]
        if entry.get("territory") is not None:
            item["territory"] = str(entry["territory"])
        released[idx] = item
    return [released.get(i) or withheld(i) for i in range(len(targets))]
