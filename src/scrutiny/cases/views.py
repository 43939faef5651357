"""Reading cases: lists, the internal case view, history, due items — permission-checked.

:class:`CaseReader` is the read side of the workflow for the CLI, the web app and the API.
The internal case view (:meth:`CaseReader.detail`) is for the company's own reviewers; public
outputs go through the report serializers (``scrutiny.reports``), not through this view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from scrutiny.audit.events import jsonable
from scrutiny.audit.log import utc_now
from scrutiny.cases import guards
from scrutiny.cases.guards import Actor, Permission
from scrutiny.cases.states import OPEN_STATES, allowed_transitions
from scrutiny.errors import NotFoundError
from scrutiny.store.engine import Store
from scrutiny.store.models import (
    Appeal,
    Approval,
    AuditRecord,
    Case,
    CaseAttachment,
    Decision,
    DemandRecord,
    DemandTag,
    FollowUp,
    Notice,
    ReviewRecord,
    User,
)
from scrutiny.store.queries import (
    CaseFilter,
    CaseRow,
    DueItem,
    count_cases,
    deferrals_due,
    list_cases,
    overdue_items,
)

__all__ = ["CaseReader"]


class CaseReader:
    """Permission-checked reads over the case store."""

    def __init__(self, store: Store, *, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock

    def cases(self, actor: Actor, f: CaseFilter | None = None, *, limit: int = 50,
              before_id: int | None = None, order: str = "newest",
              after: str | None = None) -> list[CaseRow]:
        """Cases matching ``f``: newest first (keyset pagination with ``before_id``) or,
        with ``order="deadline"``, by deadline then high risk (continue with ``after`` =
        :func:`~scrutiny.store.queries.deadline_cursor` of the last row)."""
        guards.require(actor, Permission.CASE_READ)
        with self.store.read() as session:
            return list_cases(session, f or CaseFilter(), now=self.clock(), limit=limit,
                              before_id=before_id, order=order, after=after)

    def count(self, actor: Actor, f: CaseFilter | None = None) -> int:
        """How many cases match ``f``."""
        guards.require(actor, Permission.CASE_READ)
        with self.store.read() as session:
            return count_cases(session, f or CaseFilter(), now=self.clock())

    def overdue(self, actor: Actor) -> list[DueItem]:
        """Open cases past their response deadline and emergency follow-ups past due."""
        guards.require(actor, Permission.CASE_READ)
        with self.store.read() as session:
            return overdue_items(session, now=self.clock())

    def deferrals_due(self, actor: Actor, on: dt.date | None = None) -> list[DueItem]:
        """Deferred notices due for review on ``on`` (default today) or before."""
        guards.require(actor, Permission.CASE_READ)
        with self.store.read() as session:
            return deferrals_due(session, on=on or self.clock().date())

    def history(self, actor: Actor, case_id: int) -> list[dict[str, Any]]:
        """The audit events of one case, oldest first."""
        guards.require(actor, Permission.CASE_READ)
        with self.store.read() as session:
            rows = session.scalars(select(AuditRecord).where(AuditRecord.case_id == case_id)
                                   .order_by(AuditRecord.seq)).all()
            return [{"seq": r.seq, "at": r.at, "type": r.type.value, "actor": r.actor,
                     "target_type": r.target_type.value, "target_id": r.target_id,
                     "before": r.before, "after": r.after, "reason": r.reason} for r in rows]

    def detail(self, actor: Actor, case_id: int, *, with_history: bool = True
               ) -> dict[str, Any]:
        """The internal case view: case, demand, latest review, decisions, notices, appeals,
        follow-up, attachments, allowed transitions and (optionally) the history."""
        guards.require(actor, Permission.CASE_READ)
        with self.store.read() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise NotFoundError(f"no case {case_id}", hint="see `scrutiny case list`")
            demand = session.get(DemandRecord, case.demand_id)
            assert demand is not None
            review = session.get(ReviewRecord, case.review_id) if case.review_id else None
            names = dict(session.execute(select(User.id, User.username)).tuples().all())
            tags: dict[str, list[str]] = {}
            for t in session.scalars(select(DemandTag).where(DemandTag.demand_id == demand.id)):
                tags.setdefault(t.facet, []).append(t.value)
            decisions = session.scalars(select(Decision).where(Decision.case_id == case.id)
                                        .order_by(Decision.id)).all()
            approvals = session.scalars(
                select(Approval).where(Approval.decision_id.in_([d.id for d in decisions]))
                .order_by(Approval.id)).all() if decisions else []
            notices = session.scalars(select(Notice).where(Notice.case_id == case.id)
                                      .order_by(Notice.target_index)).all()
            appeals = session.scalars(select(Appeal).where(Appeal.case_id == case.id)
                                      .order_by(Appeal.id)).all()
            followup = session.scalars(select(FollowUp).where(FollowUp.case_id == case.id)
                                       ).first()
            attachments = session.scalars(select(CaseAttachment).where(
                CaseAttachment.case_id == case.id).order_by(CaseAttachment.id)).all()
            now = self.clock()
            view: dict[str, Any] = {
                "id": case.id, "state": case.state.value, "version": case.version,
                "risk": case.risk.value, "recommendation": case.recommendation,
                "assignee": names.get(case.assignee_id) if case.assignee_id else None,
                "received_at": case.received_at, "acknowledged_at": case.acknowledged_at,
                "deadline_at": case.deadline_at,
                "overdue": bool(case.deadline_at and case.deadline_at < now
                                and case.state in OPEN_STATES),
                "decided_at": case.decided_at, "executed_at": case.executed_at,
                "closed_at": case.closed_at,
                "allowed_transitions": [t.value for t in allowed_transitions(case.state)],
                "demand": {"id": demand.id, "content_hash": demand.content_hash,
                           "source": demand.source, "country": demand.country,
                           "authority": demand.authority,
                           "authority_kind": demand.authority_kind,
                           "emergency": demand.emergency, "tags": tags, "body": demand.body},
                "review": ({"id": review.id, "policy_id": review.policy_id,
                            "policy_version": review.policy_version, "as_of": review.as_of,
                            "engine_version": review.engine_version,
                            "created_at": review.created_at, "body": review.body}
                           if review else None),
                "decisions": [{
                    "id": d.id, "outcome": d.outcome.value, "status": d.status.value,
                    "recommendation": d.recommendation,
                    "followed_recommendation": d.followed_recommendation,
                    "override_reason": d.override_reason, "reasons": d.reasons,
                    "scope": d.scope, "requires_approval": d.requires_approval,
                    "approval_grounds": d.approval_grounds,
                    "decided_by": names.get(d.decided_by), "decided_at": d.decided_at,
                    "approvals": [{"verdict": a.verdict.value,
                                   "approver": names.get(a.approver_id), "note": a.note,
                                   "at": a.at} for a in approvals if a.decision_id == d.id],
                } for d in decisions],
                "notices": [{
                    "target": n.target_index, "value": n.target, "status": n.status.value,
                    "deferral_reason": n.deferral_reason.value if n.deferral_reason else None,
                    "legal_basis": n.legal_basis, "review_on": n.review_on,
                    "notified_at": n.notified_at, "channel": n.channel, "note": n.note,
                } for n in notices],
                "appeals": [{
                    "id": a.id, "by": a.by.value, "target": a.target_index, "forum": a.forum,
                    "grounds": a.grounds, "status": a.status.value,
                    "outcome": a.outcome.value if a.outcome else None,
                    "outcome_note": a.outcome_note, "filed_at": a.filed_at,
                    "decided_at": a.decided_at,
                } for a in appeals],
                "followup": ({"status": followup.status.value, "due_on": followup.due_on,
                              "process_reference": followup.process_reference,
                              "resolved_at": followup.resolved_at}
                             if followup else None),
                "attachments": [{"sha256": a.sha256, "filename": a.filename, "kind": a.kind,
                                 "added_at": a.added_at} for a in attachments],
            }
        if with_history:
            view["history"] = self.history(actor, case_id)
        result: dict[str, Any] = jsonable(view)
        return result
