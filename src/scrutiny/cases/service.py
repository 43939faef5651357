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
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from scrutiny.audit.events import AuditEvent, EventType, TargetType
from scrutiny.audit.log import append, append_many, utc_now
from scrutiny.cases import guards
from scrutiny.cases.guards import Actor, Permission
from scrutiny.cases.ingest import (
    ImportItem,
    content_hash,
    deadline_for,
    demand_columns,
    demand_tags,
    review_body,
    review_columns,
    verdict_rows,
)
from scrutiny.cases.params import WorkflowParams
from scrutiny.cases.rules import (
    MIN_REASON_LENGTH,
    approval_grounds,
    check_override,
    followed,
    resolve_scope,
)
from scrutiny.cases.states import Transition, next_state
from scrutiny.cases.vocab import (
    AppealBy,
    AppealOutcome,
    AppealStatus,
    ApprovalVerdict,
    CaseState,
    DecisionStatus,
    DeferralReason,
    FollowUpStatus,
    NoticeStatus,
    Outcome,
)
from scrutiny.demands.model import Demand
from scrutiny.errors import ConflictError, InputError, NotFoundError, StateError
from scrutiny.safeguards.types import Review
from scrutiny.store.bulk import bulk_insert, reserve_ids
from scrutiny.store.engine import Store
from scrutiny.store.models import (
    Appeal,
    Approval,
    Attachment,
    Case,
    CaseAttachment,
    Decision,
    DemandRecord,
    DemandTag,
    FollowUp,
    Notice,
    ReviewRecord,
    VerdictRecord,
)

if TYPE_CHECKING:
    from scrutiny.policy import Policy

__all__ = ["CaseService", "ImportResult", "Reviewer", "engine_reviewer"]

Reviewer = Callable[[Demand], Review]
"""Runs the review engine on a demand."""

IMPORT_RETRIES = 3
"""Attempts at a batch whose demands a concurrent import stored first."""

TRANSITION_EVENTS: Mapping[Transition, EventType] = {
    Transition.START_REVIEW: EventType.CASE_REVIEW_STARTED,
    Transition.REQUEST_CLARIFICATION: EventType.CASE_CLARIFICATION_REQUESTED,
    Transition.RESUME_REVIEW: EventType.CASE_CLARIFICATION_RECEIVED,
    Transition.DECIDE: EventType.CASE_DECIDED,
    Transition.REJECT: EventType.CASE_REJECTED,
    Transition.SUBMIT_FOR_APPROVAL: EventType.CASE_SUBMITTED_FOR_APPROVAL,
    Transition.APPROVE: EventType.CASE_APPROVED,
    Transition.APPROVE_REJECTION: EventType.CASE_APPROVED,
    Transition.RETURN_FOR_REVIEW: EventType.CASE_RETURNED,
    Transition.EXECUTE: EventType.CASE_EXECUTED,
    Transition.WITHDRAW: EventType.CASE_WITHDRAWN,
    Transition.REOPEN: EventType.CASE_REOPENED,
    Transition.CLOSE: EventType.CASE_CLOSED,
}
"""The audit event each transition writes."""


def engine_reviewer(as_of: dt.date | None = None, *, policy: Policy | None = None) -> Reviewer:
    """The review engine with the given (else the configured) policy and reference data."""
    import importlib

    from scrutiny.policy import load_policy, load_reference

    review = importlib.import_module("scrutiny.safeguards").review
    policy = policy if policy is not None else load_policy()
    reference = load_reference()

    def run(demand: Demand) -> Review:
        result: Review = review(demand, policy=policy, reference=reference, as_of=as_of)
        return result

    return run


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What happened to one imported demand (``created`` or already ``existing``)."""

    case_id: int
    content_hash: str
    status: str
    source: str | None
    state: str
    risk: str
    recommendation: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case_id, "content_hash": self.content_hash, "status": self.status,
                "source": self.source, "state": self.state, "risk": self.risk,
                "recommendation": self.recommendation}


def _reason(text: str | None, what: str, *, required: bool = True) -> str | None:
    value = (text or "").strip() or None
    if required and (value is None or len(value) < MIN_REASON_LENGTH):
        raise InputError(f"{what} needs a written reason of at least {MIN_REASON_LENGTH} "
                         "characters", location="reason", code="input.reason_required")
    return value


class CaseService:
    """The use cases of the case workflow.

    Args:
        store: the case store.
        params: workflow parameters from the policy pack.
        reviewer: runs the engine on imported or amended demands (lazy default: the engine
            with the configured policy).
        clock: the current UTC time (injectable for tests of deadlines).
    """

    def __init__(self, store: Store, params: WorkflowParams, *, reviewer: Reviewer | None = None,
                 clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.store = store
        self.params = params
        self._reviewer = reviewer
        self.clock = clock

    # --- infrastructure -----------------------------------------------------------------

    @property
    def reviewer(self) -> Reviewer:
        if self._reviewer is None:
            self._reviewer = engine_reviewer()
        return self._reviewer

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write transaction whose lost races come out as :class:`ConflictError`."""
        try:
            with self.store.write() as session:
                yield session
        except StaleDataError:
            raise ConflictError(
                "the case was changed by someone else at the same time; nothing was saved",
                hint="reload the case and try again") from None
        except OperationalError as exc:
            if "locked" in str(exc.orig) or "busy" in str(exc.orig):
                raise ConflictError("the database is busy; nothing was saved",
                                    hint="try again") from None
            raise
        except DBAPIError as exc:
            state = getattr(exc.orig, "sqlstate", None)
            if state in {"40001", "40P01"}:
                raise ConflictError("a concurrent change won; nothing was saved",
                                    hint="reload the case and try again") from None
            raise

    def _case(self, session: Session, case_id: int, expected_version: int | None) -> Case:
        case = session.get(Case, case_id, populate_existing=True)
        if case is None:
            raise NotFoundError(f"no case {case_id}", hint="see `scrutiny case list`")
        if expected_version is not None and case.version != expected_version:
            raise ConflictError(
                f"case {case_id} changed since you loaded it (version {expected_version}, "
                f"now {case.version}); nothing was saved",
                hint="reload the case and decide again",
                details={"case": case_id, "expected_version": expected_version,
                         "version": case.version})
        return case

    def _demand(self, session: Session, case: Case) -> Demand:
        record = session.get(DemandRecord, case.demand_id)
        assert record is not None
        return Demand.model_validate(record.body)

    def _review_body(self, session: Session, case: Case) -> dict[str, Any] | None:
        if case.review_id is None:
            return None
        record = session.get(ReviewRecord, case.review_id)
        return record.body if record is not None else None

    def _move(self, session: Session, actor: Actor, case: Case, transition: Transition,
              *, reason: str | None = None, details: dict[str, Any] | None = None) -> None:
        """Apply ``transition`` to ``case`` and write its audit event."""
        before = {"state": case.state.value, "version": case.version}
        case.state = next_state(case.state, transition, case_id=case.id)
        now = self.clock()
        case.updated_at = now
        if case.state is CaseState.DECIDED and transition in (Transition.DECIDE,
                                                               Transition.APPROVE):
            case.decided_at = now
        if case.state is CaseState.REJECTED:
            case.decided_at = now
        if case.state is CaseState.EXECUTED:
            case.executed_at = now
        if case.state is CaseState.CLOSED:
            case.closed_at = now
        session.flush()
        after = {"state": case.state.value, "version": case.version,
                 "transition": transition.value, **(details or {})}
        append(session, AuditEvent(TRANSITION_EVENTS[transition], actor.username,
                                   TargetType.CASE, str(case.id), case.id, before, after, reason),
               at=now)

    # --- import -------------------------------------------------------------------------

    def import_demand(self, actor: Actor, demand: Demand, *, review: Review | None = None,
                      source: str | None = None, original: bytes | None = None,
                      filename: str | None = None) -> ImportResult:
        """Import one demand (idempotent by content hash); runs the engine if no review."""
        item = ImportItem(demand, source, original, filename, review)
        return self.import_many(actor, [item])[0]

    def import_many(self, actor: Actor, items: Iterable[ImportItem], *, batch_size: int = 200,
                    on_batch: Callable[[list[ImportResult]], None] | None = None,
                    ) -> list[ImportResult]:
        """Import demands in batches of ``batch_size``, one transaction per batch.

        Every case of a committed batch is acknowledged (``on_batch`` is called after the
        commit); a crash loses at most the batch in flight, and running the import again
        skips what is already stored (same content hash).
        """
        guards.require(actor, Permission.CASE_IMPORT)
        results: list[ImportResult] = []
        batch: list[ImportItem] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                done = self._import_batch(actor, batch)
                results.extend(done)
                if on_batch:
                    on_batch(done)
                batch = []
        if batch:
            done = self._import_batch(actor, batch)
            results.extend(done)
            if on_batch:
                on_batch(done)
        return results

    def _import_batch(self, actor: Actor, items: Sequence[ImportItem]) -> list[ImportResult]:
        bodies = [it.demand.dump() for it in items]
        hashes = [content_hash(it.demand, it.original, body=bodies[n])
                  for n, it in enumerate(items)]
        with self.store.read() as session:
            known = set(session.scalars(
                select(DemandRecord.content_hash).where(DemandRecord.content_hash.in_(hashes))))
        reviews: dict[int, Review] = {}
        for n, it in enumerate(items):
            if hashes[n] not in known:
                reviews[n] = it.review if it.review is not None else self.reviewer(it.demand)
        for attempt in range(IMPORT_RETRIES):
            try:
                with self._writing() as session:
                    return self._write_batch(session, actor, items, hashes, reviews, bodies)
            except IntegrityError:
                # another importer stored some of these demands first (PostgreSQL runs
                # concurrent imports in parallel): the next attempt finds them as existing
                if attempt == IMPORT_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _write_batch(self, session: Session, actor: Actor, items: Sequence[ImportItem],
                     hashes: list[str], reviews: dict[int, Review],
                     bodies: list[dict[str, Any]]) -> list[ImportResult]:
        now = self.clock()
        existing = {
            row.content_hash: row for row in session.execute(
                select(DemandRecord.content_hash, Case.id, Case.state, Case.risk,
                       Case.recommendation)
                .join(Case, Case.demand_id == DemandRecord.id)
                .where(DemandRecord.content_hash.in_(hashes)))
        }
        new: list[int] = []
        seen: set[str] = set()
        for n, digest in enumerate(hashes):
            if digest not in existing and digest not in seen:
                seen.add(digest)
                new.append(n)
        created: dict[str, ImportResult] = {}
        if new:
            created = self._insert_new(session, actor, items, hashes, reviews, new, now,
                                       bodies)
        out: list[ImportResult] = []
        for n, digest in enumerate(hashes):
            if digest in created and n in new:
                out.append(created[digest])
            elif digest in created:
                r = created[digest]
                out.append(ImportResult(r.case_id, digest, "existing", items[n].source, r.state,
                                        r.risk, r.recommendation))
            else:
                row = existing[digest]
                out.append(ImportResult(row.id, digest, "existing", items[n].source,
                                        row.state.value, row.risk.value, row.recommendation))
        return out

    def _insert_new(self, session: Session, actor: Actor, items: Sequence[ImportItem],
                    hashes: list[str], reviews: dict[int, Review], new: list[int],
                    now: dt.datetime, bodies: list[dict[str, Any]]) -> dict[str, ImportResult]:
        """Batched Core inserts with reserved ids (no ORM bookkeeping per row)."""
        count = len(new)
        demand_ids = reserve_ids(session, DemandRecord, count)
        review_ids = reserve_ids(session, ReviewRecord, count)
        case_ids = reserve_ids(session, Case, count)
        received = [items[n].demand.received_at or now for n in new]
        demand_rows, tag_rows, review_rows, verdicts, case_rows = [], [], [], [], []
        for i, n in enumerate(new):
            demand = items[n].demand
            demand_rows.append({"id": demand_ids[i], **demand_columns(
                demand, digest=hashes[n], source=items[n].source, received_at=received[i],
                body=bodies[n])})
            tag_rows += [{"demand_id": demand_ids[i], "facet": f, "value": v}
                         for f, v in demand_tags(demand)]
            columns = review_columns(reviews[n], review_body(reviews[n]), self.params,
                                     created_at=now)
            review_rows.append({"id": review_ids[i], "demand_id": demand_ids[i], **columns})
            verdicts += [{**v, "review_id": review_ids[i]} for v in verdict_rows(reviews[n])]
            case_rows.append({
                "id": case_ids[i], "demand_id": demand_ids[i], "review_id": review_ids[i],
                "state": CaseState.RECEIVED, "version": 1, "risk": columns["risk"],
                "recommendation": columns["recommendation"], "assignee_id": None,
                "deadline_at": deadline_for(demand, received[i], self.params),
                "received_at": received[i], "acknowledged_at": now, "decided_at": None,
                "executed_at": None, "closed_at": None, "updated_at": now,
            })
        bulk_insert(session, DemandRecord, demand_rows)
        bulk_insert(session, DemandTag, tag_rows)
        bulk_insert(session, ReviewRecord, review_rows)
        bulk_insert(session, VerdictRecord, verdicts)
        bulk_insert(session, Case, case_rows)
        self._store_originals(session, actor, items, new, case_ids, now)
        events = []
        results: dict[str, ImportResult] = {}
        for i, n in enumerate(new):
            row = case_rows[i]
            after = {"state": CaseState.RECEIVED.value, "version": 1,
                     "demand_id": demand_ids[i], "review_id": review_ids[i],
                     "content_hash": hashes[n], "source": items[n].source,
                     "risk": row["risk"].value, "recommendation": row["recommendation"],
                     "deadline_at": row["deadline_at"], "received_at": row["received_at"]}
            events.append(AuditEvent(EventType.CASE_IMPORTED, actor.username, TargetType.CASE,
                                     str(case_ids[i]), case_ids[i], None, after))
            results[hashes[n]] = ImportResult(case_ids[i], hashes[n], "created", items[n].source,
                                              CaseState.RECEIVED.value, row["risk"].value,
                                              row["recommendation"])
        append_many(session, events, at=now)
        return results

    def _store_originals(self, session: Session, actor: Actor, items: Sequence[ImportItem],
                         new: list[int], case_ids: list[int], now: dt.datetime) -> None:
        for i, n in enumerate(new):
            original = items[n].original
            if original is None:
                continue
            digest = self._put_blob(session, original, None, now)
            session.add(CaseAttachment(case_id=case_ids[i], sha256=digest,
                                       filename=items[n].filename or items[n].source or digest,
                                       kind="original", added_by=actor.user_id, added_at=now))

    @staticmethod
    def _put_blob(session: Session, content: bytes, media_type: str | None,
                  now: dt.datetime) -> str:
        digest = hashlib.sha256(content).hexdigest()
        if session.get(Attachment, digest) is None:
            session.add(Attachment(sha256=digest, size=len(content), media_type=media_type,
                                   content=content, created_at=now))
            session.flush()
        return digest

    # --- review ------------------------------------------------------------------------

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
        text = _reason(answer, "resuming the review")
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
        text = _reason(note, "returning a decision")
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
        text = _reason(reason, "withdrawing a case")
        with self._writing() as session:
            case = self._case(session, case_id, expected_version)
            self._move(session, actor, case, Transition.WITHDRAW, reason=text)
            return case

    def reopen(self, actor: Actor, case_id: int, *, reason: str,
               expected_version: int | None = None) -> Case:
        """rejected → in_review (e.g. a court compels compliance, new facts arrive)."""
        guards.require(actor, Permission.CASE_REOPEN)
        text = _reason(reason, "reopening a case")
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

    # --- notification and remedy -------------------------------------------------------

    def _targets(self, demand: Demand, targets: Sequence[int] | None) -> list[int]:
        count = len(demand.targets)
        if count == 0:
            raise StateError("the demand names no target to notify",
                             code="state.no_targets")
        chosen = list(range(count)) if not targets else list(dict.fromkeys(targets))
        bad = [t for t in chosen if not 0 <= t < count]
        if bad:
            raise InputError(f"no target {bad[0]} (the demand has targets 0..{count - 1})",
                             location="target")
        return chosen

    def _set_notice(self, session: Session, actor: Actor, case: Case, demand: Demand,
                    index: int, event: EventType, reason: str | None,
                    **values: Any) -> Notice:
        now = self.clock()
        notice = session.scalars(select(Notice).where(Notice.case_id == case.id,
                                                      Notice.target_index == index)).first()
        fields = ("status", "deferral_reason", "legal_basis", "review_on", "notified_at",
                  "channel", "note")
        before = None
        if notice is None:
            notice = Notice(case_id=case.id, target_index=index,
                            target=demand.targets[index].value)
            session.add(notice)
        else:
            before = {f: getattr(notice, f) for f in fields}
        for key in fields:
            setattr(notice, key, values.get(key))
        notice.updated_by, notice.updated_at = actor.user_id, now
        session.flush()
        append(session, AuditEvent(event, actor.username, TargetType.NOTICE, str(notice.id),
                                   case.id, before,
                                   {"target": index, **{f: getattr(notice, f) for f in fields}},
                                   reason), at=now)
        return notice

    def _notice_case(self, session: Session, case_id: int) -> tuple[Case, Demand]:
        case = self._case(session, case_id, None)
        if case.state in (CaseState.RECEIVED, CaseState.CLOSED):
            raise StateError(f"case {case.id} is {case.state.value}: notices are recorded "
                             "from review until closure", code="state.notice_not_allowed")
        return case, self._demand(session, case)

    def notify(self, actor: Actor, case_id: int, *, targets: Sequence[int] | None = None,
               channel: str | None = None, note: str | None = None) -> list[Notice]:
        """Record that the affected users (all targets, or those given) were notified."""
        guards.require(actor, Permission.NOTICE_MANAGE)
        with self._writing() as session:
            case, demand = self._notice_case(session, case_id)
            return [self._set_notice(session, actor, case, demand, i, EventType.NOTICE_SENT,
                                     note, status=NoticeStatus.NOTIFIED,
                                     notified_at=self.clock(), channel=channel, note=note)
                    for i in self._targets(demand, targets)]

    def defer_notice(self, actor: Actor, case_id: int, *, reason: DeferralReason | str,
                     legal_basis: str, targets: Sequence[int] | None = None,
                     review_on: dt.date | None = None, note: str | None = None) -> list[Notice]:
        """Record that notice is deferred, with the legal reason and when to look again.

        ``review_on`` defaults to today plus the policy's ``deferral_review_days`` and is
        capped at the end of a confidentiality order the demand states.
        """
        guards.require(actor, Permission.NOTICE_MANAGE)
        try:
            why = DeferralReason(reason)
        except ValueError:
            raise InputError(f"unknown deferral reason {reason!r}", location="reason",
                             hint=f"one of {', '.join(r.value for r in DeferralReason)}"
                             ) from None
        basis = _reason(legal_basis, "deferring a notice")
        with self._writing() as session:
            case, demand = self._notice_case(session, case_id)
            today = self.clock().date()
            when = review_on or today + dt.timedelta(days=self.params.deferral_review_days)
            if review_on is None and demand.confidentiality_until:
                when = min(when, max(demand.confidentiality_until, today))
            if when < today:
                raise InputError(f"review date {when.isoformat()} is in the past",
                                 location="review_on")
            return [self._set_notice(session, actor, case, demand, i, EventType.NOTICE_DEFERRED,
                                     basis, status=NoticeStatus.DEFERRED, deferral_reason=why,
                                     legal_basis=basis, review_on=when, note=note)
                    for i in self._targets(demand, targets)]

    def notice_not_possible(self, actor: Actor, case_id: int, *, note: str,
                            targets: Sequence[int] | None = None) -> list[Notice]:
        """Record that a user cannot be notified (no contact information), with why."""
        guards.require(actor, Permission.NOTICE_MANAGE)
        text = _reason(note, "recording that notice is impossible")
        with self._writing() as session:
            case, demand = self._notice_case(session, case_id)
            return [self._set_notice(session, actor, case, demand, i,
                                     EventType.NOTICE_NOT_POSSIBLE, text,
                                     status=NoticeStatus.NOT_POSSIBLE, note=text)
                    for i in self._targets(demand, targets)]

    def file_appeal(self, actor: Actor, case_id: int, *, by: AppealBy | str, grounds: str,
                    target_index: int | None = None, forum: str | None = None) -> Appeal:
        """Open an appeal: by the affected user, or the company's own challenge."""
        guards.require(actor, Permission.APPEAL_MANAGE)
        try:
            who = AppealBy(by)
        except ValueError:
            raise InputError(f"unknown appellant {by!r}", location="by",
                             hint="user or company") from None
        text = _reason(grounds, "an appeal")
        with self._writing() as session:
            case = self._case(session, case_id, None)
            if case.state in (CaseState.RECEIVED, CaseState.CLOSED):
                raise StateError(f"case {case.id} is {case.state.value}: appeals are filed "
                                 "from review until closure", code="state.appeal_not_allowed")
            if target_index is not None:
                self._targets(self._demand(session, case), [target_index])
            appeal = Appeal(case_id=case.id, by=who, target_index=target_index, forum=forum,
                            grounds=text or "", status=AppealStatus.OPEN,
                            filed_by=actor.user_id, filed_at=self.clock())
            session.add(appeal)
            session.flush()
            append(session, AuditEvent(EventType.APPEAL_FILED, actor.username,
                                       TargetType.APPEAL, str(appeal.id), case.id, None,
                                       {"by": who.value, "target": target_index, "forum": forum,
                                        "status": AppealStatus.OPEN.value}, text))
            return appeal

    def decide_appeal(self, actor: Actor, appeal_id: int, *, outcome: AppealOutcome | str,
                      note: str) -> Appeal:
        """Record how an appeal ended."""
        guards.require(actor, Permission.APPEAL_MANAGE)
        try:
            result = AppealOutcome(outcome)
        except ValueError:
            raise InputError(f"unknown appeal outcome {outcome!r}", location="outcome",
                             hint=", ".join(o.value for o in AppealOutcome)) from None
        text = _reason(note, "an appeal outcome")
        with self._writing() as session:
            appeal = session.get(Appeal, appeal_id)
            if appeal is None:
                raise NotFoundError(f"no appeal {appeal_id}")
            if appeal.status is AppealStatus.DECIDED:
                raise StateError(f"appeal {appeal_id} is already decided "
                                 f"({appeal.outcome.value if appeal.outcome else ''})",
                                 code="state.appeal_decided")
            appeal.status, appeal.outcome = AppealStatus.DECIDED, result
            appeal.outcome_note, appeal.decided_at = text, self.clock()
            session.flush()
            append(session, AuditEvent(EventType.APPEAL_DECIDED, actor.username,
                                       TargetType.APPEAL, str(appeal.id), appeal.case_id,
                                       {"status": AppealStatus.OPEN.value},
                                       {"status": appeal.status.value, "outcome": result.value},
                                       text))
            return appeal

    def resolve_followup(self, actor: Actor, case_id: int, *, received: bool,
                         process_reference: str | None = None, note: str | None = None
                         ) -> FollowUp:
        """Record that the formal legal process arrived (``received``) or never did (lapsed)."""
        guards.require(actor, Permission.FOLLOWUP_MANAGE)
        if received and not (process_reference or "").strip():
            raise InputError("give the reference of the formal legal process received",
                             location="process_reference")
        text = note if received else _reason(note, "a lapsed follow-up")
        with self._writing() as session:
            fu = session.scalars(select(FollowUp).where(FollowUp.case_id == case_id)).first()
            if fu is None:
                raise NotFoundError(f"case {case_id} has no emergency follow-up")
            if fu.status is not FollowUpStatus.OPEN:
                raise StateError(f"the follow-up of case {case_id} is already {fu.status.value}",
                                 code="state.followup_resolved")
            before = {"status": fu.status.value}
            fu.status = FollowUpStatus.RECEIVED if received else FollowUpStatus.LAPSED
            fu.process_reference, fu.note, fu.resolved_at = process_reference, text, self.clock()
            session.flush()
            append(session, AuditEvent(
                EventType.FOLLOWUP_RECEIVED if received else EventType.FOLLOWUP_LAPSED,
                actor.username, TargetType.FOLLOWUP, str(fu.id), case_id, before,
                {"status": fu.status.value, "process_reference": process_reference}, text))
            return fu

    def add_attachment(self, actor: Actor, case_id: int, *, filename: str, content: bytes,
                       kind: str = "document", media_type: str | None = None) -> str:
        """Attach a file to a case (stored once by SHA-256); returns the digest."""
        guards.require(actor, Permission.ATTACHMENT_ADD)
        with self._writing() as session:
            case = self._case(session, case_id, None)
            now = self.clock()
            digest = self._put_blob(session, content, media_type, now)
            dup = session.scalars(select(CaseAttachment).where(
                CaseAttachment.case_id == case.id, CaseAttachment.sha256 == digest,
                CaseAttachment.kind == kind)).first()
            if dup is not None:
                return digest
            link = CaseAttachment(case_id=case.id, sha256=digest, filename=filename, kind=kind,
                                  added_by=actor.user_id, added_at=now)
            session.add(link)
            session.flush()
            append(session, AuditEvent(EventType.ATTACHMENT_ADDED, actor.username,
                                       TargetType.ATTACHMENT, digest, case.id, None,
                                       {"filename": filename, "kind": kind, "size": len(content),
                                        "sha256": digest}), at=now)
            return digest

    def attachment(self, actor: Actor, digest: str) -> Attachment:
        """The stored content of an attachment."""
        guards.require(actor, Permission.ATTACHMENT_READ)
        with self.store.read() as session:
            att = session.get(Attachment, digest)
            if att is None:
                raise NotFoundError(f"no attachment {digest}")
            return att

