"""Case services: one named method per transition, guards first, audit event in the same
transaction.

:class:`CaseService` is what the CLI, the web app and the API call. Each method opens one
write transaction, checks the actor's permission (:mod:`scrutiny.cases.guards`), loads the
case (optionally at the version the caller saw: ``expected_version``), checks the
transition table (:mod:`scrutiny.cases.states`), applies the change and appends the typed
audit event before committing. A concurrent change that won first raises
:class:`~scrutiny.errors.ConflictError` (optimistic locking on ``cases.version``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from scrutiny.audit.events import AuditEvent, EventType, TargetType
from scrutiny.audit.log import append
from scrutiny.cases import guards
from scrutiny.cases.core import (
    TRANSITION_EVENTS,
    Reviewer,
    ServiceCore,
    engine_reviewer,
    required_reason,
)
from scrutiny.cases.guards import Actor, Permission
from scrutiny.cases.importing import ImportMixin, ImportResult
from scrutiny.cases.ingest import (
    review_body,
    review_columns,
    verdict_rows,
)
from scrutiny.cases.remedy import RemedyMixin
from scrutiny.cases.rules import (
    approval_grounds,
    check_override,
    followed,
    resolve_scope,
)
from scrutiny.cases.states import Transition, next_state
from scrutiny.cases.vocab import (
    AppealStatus,
    ApprovalVerdict,
    CaseState,
    DecisionStatus,
    FollowUpStatus,
    NoticeStatus,
    Outcome,
)
from scrutiny.demands.model import Demand
from scrutiny.errors import InputError, StateError
from scrutiny.store.models import (
    Appeal,
    Approval,
    Case,
    Decision,
    DemandRecord,
    FollowUp,
    Notice,
    ReviewRecord,
    VerdictRecord,
)

__all__ = ["TRANSITION_EVENTS", "CaseService", "ImportResult", "Reviewer", "ServiceCore",
           "engine_reviewer"]


class CaseService(ImportMixin, RemedyMixin):
    """The use cases of the case workflow: import, the transitions, notices and remedies.

    Args:
        store: the case store.
        params: workflow parameters from the policy pack.
        reviewer: runs the engine on imported or amended demands (lazy default: the engine
            with the configured policy).
        clock: the current UTC time (injectable for tests of deadlines).
    """

    def assign(self, actor: Actor, case_id: int, assignee_id: int | None, *,
               expected_version: int | None = None) -> Case:
        """Assign the case to a person (or unassign with ``None``)."""
        guards.require(actor, Permission.CASE_ASSIGN)
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            before = {"assignee_id": case.assignee_id, "version": case.version}
            case.assignee_id = assignee_id
            case.updated_at = self.clock()
            session.flush()
            append(session, AuditEvent(EventType.CASE_ASSIGNED, actor.username, TargetType.CASE,
                                       str(case.id), case.id, before,
                                       {"assignee_id": assignee_id, "version": case.version}))
            return case

    def start_review(self, actor: Actor, case_id: int, *,
                     expected_version: int | None = None) -> Case:
        """received → in_review; assigns the case to the actor if unassigned."""
        guards.require(actor, Permission.CASE_REVIEW)
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            if case.assignee_id is None:
                case.assignee_id = actor.user_id
            self._move(session, actor, case, Transition.START_REVIEW,
                       details={"assignee_id": case.assignee_id})
            return case

    def request_clarification(self, actor: Actor, case_id: int, questions: Sequence[str], *,
                              expected_version: int | None = None) -> Case:
        """in_review → awaiting_clarification, recording the questions sent."""
        guards.require(actor, Permission.CASE_DECIDE)
        asked = [q.strip() for q in questions if q.strip()]
        if not asked:
            raise InputError("a request for clarification needs at least one question",
                             location="questions", code="input.questions_required")
        return self._decide(actor, case_id, Outcome.CLARIFY, asked, None, None, expected_version)

    def resume_review(self, actor: Actor, case_id: int, *, answer: str,
                      amended: Demand | None = None,
                      expected_version: int | None = None) -> Case:
        """awaiting_clarification → in_review with the authority's answer.

        An amended demand (the clarified facts) is stored and reviewed again; the case then
        points at the new review.
        """
        guards.require(actor, Permission.CASE_REVIEW)
        text = required_reason(answer, "resuming the review")
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            details: dict[str, Any] = {}
            if amended is not None:
                next_state(case.state, Transition.RESUME_REVIEW, case_id=case.id)
                details = self._rereview(session, actor, case, amended)
            self._move(session, actor, case, Transition.RESUME_REVIEW, reason=text,
                       details=details)
            return case

    def _rereview(self, session: Session, actor: Actor, case: Case,
                  amended: Demand) -> dict[str, Any]:
        review = self.reviewer(amended)
        record = session.get(DemandRecord, case.demand_id)
        assert record is not None
        record.body = amended.dump()
        body = review_body(review)
        now = self.clock()
        rr = ReviewRecord(demand_id=case.demand_id,
                          **review_columns(review, body, self.params, created_at=now))
        session.add(rr)
        session.flush()
        session.execute(insert(VerdictRecord),
                        [{**v, "review_id": rr.id} for v in verdict_rows(review)])
        before = {"review_id": case.review_id, "risk": case.risk.value,
                  "recommendation": case.recommendation}
        case.review_id, case.risk, case.recommendation = rr.id, rr.risk, rr.recommendation
        after = {"review_id": rr.id, "risk": rr.risk.value, "recommendation": rr.recommendation}
        append(session, AuditEvent(EventType.CASE_REVIEWED, actor.username, TargetType.CASE,
                                   str(case.id), case.id, before, after,
                                   "demand amended after clarification"), at=now)
        return after

    def decide(self, actor: Actor, case_id: int, outcome: Outcome | str,
               reasons: Sequence[str], *, scope: Sequence[Mapping[str, Any]] | None = None,
               override_reason: str | None = None,
               expected_version: int | None = None) -> Case:
        """Record a decision on a case in review.

        ``comply``/``comply_narrowed`` → decided, ``reject`` → rejected, ``clarify`` →
        awaiting_clarification; a decision with approval grounds (high-risk safeguard unmet,
        rejecting an emergency, engine escalation) goes to awaiting_approval instead, for a
        second person with the legal_lead role. Departing from the engine's recommendation
        needs ``override_reason``.
        """
        guards.require(actor, Permission.CASE_DECIDE)
        try:
            result = Outcome(outcome)
        except ValueError:
            raise InputError(f"unknown outcome {outcome!r}", location="outcome",
                             hint=f"one of {', '.join(o.value for o in Outcome)}") from None
        written = [r.strip() for r in reasons if r and r.strip()]
        if not written:
            raise InputError("a decision needs the reviewer's reasons", location="reasons",
                             code="input.reason_required", hint="give --reason at least once")
        return self._decide(actor, case_id, result, written, scope, override_reason,
                            expected_version)

    def _decide(self, actor: Actor, case_id: int, outcome: Outcome, reasons: list[str],
                scope: Sequence[Mapping[str, Any]] | None, override_reason: str | None,
                expected_version: int | None) -> Case:
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            if outcome is Outcome.CLARIFY:
                transition = Transition.REQUEST_CLARIFICATION
            else:
                transition = Transition.DECIDE if outcome in (
                    Outcome.COMPLY, Outcome.COMPLY_NARROWED) else Transition.REJECT
            next_state(case.state, transition, case_id=case.id)
            demand = self._demand(session, case)
            review = self._review_body(session, case)
            recommendation = review.get("recommendation") if review else None
            override = check_override(recommendation, outcome, override_reason)
            released = resolve_scope(demand, outcome, scope)
            record = session.get(DemandRecord, case.demand_id)
            grounds = approval_grounds(review, emergency=bool(record and record.emergency),
                                       outcome=outcome, params=self.params)
            if grounds:
                transition = Transition.SUBMIT_FOR_APPROVAL
            decision = Decision(
                case_id=case.id, review_id=case.review_id, outcome=outcome,
                status=DecisionStatus.PENDING_APPROVAL if grounds else DecisionStatus.EFFECTIVE,
                recommendation=recommendation,
                followed_recommendation=followed(recommendation, outcome),
                override_reason=override, reasons=reasons, scope=released,
                requires_approval=bool(grounds), approval_grounds=grounds,
                decided_by=actor.user_id, decided_at=self.clock())
            session.add(decision)
            session.flush()
            self._move(session, actor, case, transition, reason=override or "; ".join(reasons),
                       details={"decision_id": decision.id, "outcome": outcome.value,
                                "recommendation": recommendation,
                                "followed_recommendation": decision.followed_recommendation,
                                "requires_approval": bool(grounds),
                                "approval_grounds": grounds, "scope": released,
                                "reasons": reasons})
            return case

    def _pending_decision(self, session: Session, case: Case) -> Decision:
        decision = session.scalars(
            select(Decision).where(Decision.case_id == case.id,
                                   Decision.status == DecisionStatus.PENDING_APPROVAL)
            .order_by(Decision.id.desc())).first()
        if decision is None:
            raise StateError(f"case {case.id} has no decision awaiting approval",
                             details={"state": case.state.value})
        return decision

    def approve(self, actor: Actor, case_id: int, *, note: str | None = None,
                expected_version: int | None = None) -> Case:
        """awaiting_approval → decided (or rejected, for a rejection): the second pair of eyes.

        The approver needs the legal_lead role and must not be the person who decided.
        """
        guards.require(actor, Permission.CASE_APPROVE)
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            next_state(case.state, Transition.APPROVE, case_id=case.id)
            decision = self._pending_decision(session, case)
            guards.require_other_person(actor, decision.decided_by, "a decision")
            decision.status = DecisionStatus.EFFECTIVE
            session.add(Approval(decision_id=decision.id, verdict=ApprovalVerdict.APPROVE,
                                 approver_id=actor.user_id, note=note, at=self.clock()))
            transition = (Transition.APPROVE_REJECTION if decision.outcome is Outcome.REJECT
                          else Transition.APPROVE)
            self._move(session, actor, case, transition, reason=note,
                       details={"decision_id": decision.id, "outcome": decision.outcome.value,
                                "decided_by": decision.decided_by})
            return case

    def return_for_review(self, actor: Actor, case_id: int, *, note: str,
                          expected_version: int | None = None) -> Case:
        """awaiting_approval → in_review: the approver sends the decision back, with reasons."""
        guards.require(actor, Permission.CASE_APPROVE)
        text = required_reason(note, "returning a decision")
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            next_state(case.state, Transition.RETURN_FOR_REVIEW, case_id=case.id)
            decision = self._pending_decision(session, case)
            guards.require_other_person(actor, decision.decided_by, "a decision")
            decision.status = DecisionStatus.RETURNED
            session.add(Approval(decision_id=decision.id, verdict=ApprovalVerdict.RETURN,
                                 approver_id=actor.user_id, note=text, at=self.clock()))
            self._move(session, actor, case, Transition.RETURN_FOR_REVIEW, reason=text,
                       details={"decision_id": decision.id})
            return case

    def execute(self, actor: Actor, case_id: int, *, note: str | None = None,
                expected_version: int | None = None) -> Case:
        """decided → executed: the released scope was produced or the restriction applied.

        For an emergency demand this opens the follow-up: formal legal process is due
        within the policy's ``follow_up_days``.
        """
        guards.require(actor, Permission.CASE_EXECUTE)
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            self._move(session, actor, case, Transition.EXECUTE, reason=note)
            record = session.get(DemandRecord, case.demand_id)
            if record is not None and record.emergency:
                now = self.clock()
                due = now.date() + dt.timedelta(days=self.params.follow_up_days)
                fu = FollowUp(case_id=case.id, due_on=due, status=FollowUpStatus.OPEN,
                              opened_at=now)
                session.add(fu)
                session.flush()
                append(session, AuditEvent(
                    EventType.FOLLOWUP_OPENED, actor.username, TargetType.FOLLOWUP, str(fu.id),
                    case.id, None, {"status": fu.status.value, "due_on": due,
                                    "follow_up_days": self.params.follow_up_days,
                                    "policy_id": self.params.policy_id}), at=now)
            return case

    def withdraw(self, actor: Actor, case_id: int, *, reason: str,
                 expected_version: int | None = None) -> Case:
        """Any open state → withdrawn: the authority withdrew the demand."""
        guards.require(actor, Permission.CASE_WITHDRAW)
        text = required_reason(reason, "withdrawing a case")
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            self._move(session, actor, case, Transition.WITHDRAW, reason=text)
            return case

    def reopen(self, actor: Actor, case_id: int, *, reason: str,
               expected_version: int | None = None) -> Case:
        """rejected → in_review (e.g. a court compels compliance, new facts arrive)."""
        guards.require(actor, Permission.CASE_REOPEN)
        text = required_reason(reason, "reopening a case")
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            self._move(session, actor, case, Transition.REOPEN, reason=text)
            return case

    def close(self, actor: Actor, case_id: int, *, reason: str | None = None,
              expected_version: int | None = None) -> Case:
        """executed / rejected / withdrawn → closed.

        Refused while an appeal is open, an emergency follow-up is open, or (after
        execution) an affected user has neither been notified nor recorded as impossible to
        notify: deferred notices keep the case open until they are resolved.
        """
        guards.require(actor, Permission.CASE_CLOSE)
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            next_state(case.state, Transition.CLOSE, case_id=case.id)
            blockers = self._close_blockers(session, case)
            if blockers:
                raise StateError(f"case {case.id} cannot be closed yet: " + "; ".join(blockers),
                                 code="state.close_blocked", details={"blockers": blockers})
            self._move(session, actor, case, Transition.CLOSE, reason=reason)
            return case

    def _close_blockers(self, session: Session, case: Case) -> list[str]:
        out = []
        open_appeals = session.scalar(select(func.count()).select_from(Appeal).where(
            Appeal.case_id == case.id, Appeal.status == AppealStatus.OPEN)) or 0
        if open_appeals:
            out.append(f"{open_appeals} appeal(s) open")
        fu = session.scalars(select(FollowUp).where(FollowUp.case_id == case.id)).first()
        if fu is not None and fu.status is FollowUpStatus.OPEN:
            out.append(f"emergency follow-up open (due {fu.due_on.isoformat()})")
        if case.state is CaseState.EXECUTED:
            demand = self._demand(session, case)
            notices = {n.target_index: n for n in session.scalars(
                select(Notice).where(Notice.case_id == case.id))}
            pending = [i for i in range(len(demand.targets))
                       if i not in notices or notices[i].status is NoticeStatus.DEFERRED]
            if pending:
                out.append("affected users not yet notified: targets "
                           + ", ".join(str(i) for i in pending))
        return out
