"""Test helper: write cases into a real case store through the store's own models.

A :class:`CaseSpec` describes one case compactly; :func:`fill` writes the demand, its tags,
review and verdicts, the case, its decision, notices, appeals, follow-up and one audit event
per case (hash-chained by ``scrutiny.audit``), with timestamps relative to ``received``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from scrutiny.audit.events import AuditEvent, EventType, TargetType
from scrutiny.audit.log import append
from scrutiny.store.engine import Store
from scrutiny.store.models import (
    Appeal,
    Case,
    Decision,
    DemandRecord,
    DemandTag,
    FollowUp,
    Notice,
    ReviewRecord,
    User,
    VerdictRecord,
)
from scrutiny.store.types import pack_json

H = dt.timedelta(hours=1)


@dataclass
class CaseSpec:
    country: str | None
    types: list[str]
    received: dt.datetime
    reason: str | None = None
    process: str | None = "court_order"
    judicial: bool | None = True
    cross_border: bool | None = False
    treaty: str | None = None
    channel: str | None = "portal"
    scope: str | None = None
    prohibited: bool | None = False
    accounts: int = 1
    targets: int = 1
    ack_h: float = 1.0
    outcome: str | None = None  # comply, comply_narrowed, reject, clarify
    decided_h: float = 24.0
    executed_h: float | None = None
    state: str = "in_review"
    closed_h: float | None = None
    recommendation: str | None = "comply"
    followed: bool | None = None
    notices: list[tuple[str, float]] = field(default_factory=list)  # (status, after hours)
    appeals: list[tuple[str, str | None, float]] = field(default_factory=list)
    followup: tuple[str, int, float | None] | None = None  # (status, due days, resolved h)
    verdicts: dict[str, str] = field(default_factory=dict)
    review_h: float = 0.5


def fill(store: Store, specs: list[CaseSpec]) -> None:
    """Write ``specs`` into ``store`` (one transaction)."""
    with store.write() as s:
        user = User(username="reviewer", name="R", created_at=dt.datetime(2020, 1, 1,
                                                                          tzinfo=dt.UTC))
        s.add(user)
        s.flush()
        for n, spec in enumerate(specs):
            _one(s, user.id, n, spec)


def _one(s: object, uid: int, n: int, spec: CaseSpec) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    r = spec.received
    demand = DemandRecord(
        content_hash=hashlib.sha256(f"demand-{n}".encode()).hexdigest(), source=f"spec{n}",
        reference=f"REF-{n}", country=spec.country, authority="Authority", authority_kind=None,
        process_type=spec.process, channel=spec.channel, cross_border=spec.cross_border,
        treaty_channel=spec.treaty, emergency="emergency_disclosure" in spec.types,
        judicial_authorisation=spec.judicial, confidentiality_requested=None,
        reporting_prohibited=spec.prohibited, territorial_scope=spec.scope,
        target_count=spec.targets, account_count=spec.accounts, letter_date=r.date(),
        received_at=r, body={"reference": f"REF-{n}"})
    s.add(demand)
    s.flush()
    for t in spec.types:
        s.add(DemandTag(demand_id=demand.id, facet="demand_type", value=t))
    if spec.reason:
        s.add(DemandTag(demand_id=demand.id, facet="reason_category", value=spec.reason))
    review_id = None
    if spec.verdicts:
        review = ReviewRecord(demand_id=demand.id, created_at=r + spec.review_h * H,
                              policy_id="gni-baseline", policy_version="t", as_of="2026-01-01",
                              engine_version="t", recommendation=spec.recommendation or "comply",
                              risk="normal", body_z=pack_json({}))
        s.add(review)
        s.flush()
        review_id = review.id
        for safeguard, status in spec.verdicts.items():
            s.add(VerdictRecord(review_id=review.id, safeguard=safeguard, status=status,
                                codes=[]))
    case = Case(demand_id=demand.id, review_id=review_id, state=spec.state, risk="normal",
                recommendation=spec.recommendation, received_at=r,
                acknowledged_at=r + spec.ack_h * H,
                decided_at=r + spec.decided_h * H if spec.outcome else None,
                executed_at=r + spec.executed_h * H if spec.executed_h is not None else None,
                closed_at=r + spec.closed_h * H if spec.closed_h is not None else None,
                updated_at=r + (spec.closed_h or spec.decided_h) * H)
    s.add(case)
    s.flush()
    if spec.outcome:
        s.add(Decision(case_id=case.id, review_id=review_id, outcome=spec.outcome,
                       status="effective", recommendation=spec.recommendation,
                       followed_recommendation=spec.followed,
                       override_reason=None if spec.followed is not False else "judgement",
                       reasons=["r"], scope=[], requires_approval=False, approval_grounds=[],
                       decided_by=uid, decided_at=r + spec.decided_h * H))
    for i, (status, after) in enumerate(spec.notices):
        s.add(Notice(case_id=case.id, target_index=i, target=f"user{i}@example.org",
                     status=status,
                     deferral_reason="gag_order" if status == "deferred" else None,
                     review_on=(r + 90 * 24 * H).date() if status == "deferred" else None,
                     notified_at=r + after * H if status == "notified" else None,
                     updated_by=uid, updated_at=r + after * H))
    for by, outcome, after in spec.appeals:
        s.add(Appeal(case_id=case.id, by=by, grounds="g",
                     status="decided" if outcome else "open", outcome=outcome,
                     filed_by=uid, filed_at=r + 48 * H,
                     decided_at=r + after * H if outcome else None))
    if spec.followup:
        status, due_days, resolved = spec.followup
        s.add(FollowUp(case_id=case.id, due_on=(r + due_days * 24 * H).date(), status=status,
                       opened_at=r + 2 * H,
                       resolved_at=r + resolved * H if resolved is not None else None))
    s.flush()
    append(s, AuditEvent(type=EventType.CASE_IMPORTED, actor="reviewer",
                         target_type=TargetType.CASE, target_id=str(case.id), case_id=case.id),
           at=r)
