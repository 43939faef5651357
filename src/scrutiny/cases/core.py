"""The shared core of the case services: transactions, loading, transitions.

:class:`ServiceCore` holds the store, the workflow parameters, the review engine and the
clock, and the helpers every service method uses: a write transaction whose lost races come
out as :class:`~scrutiny.errors.ConflictError`, loading a case at an expected version, and
:meth:`ServiceCore._move` — apply a transition from the table and write its audit event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from scrutiny.audit.events import AuditEvent, EventType, TargetType
from scrutiny.audit.log import append, utc_now
from scrutiny.cases.guards import Actor
from scrutiny.cases.params import WorkflowParams
from scrutiny.cases.rules import (
    MIN_REASON_LENGTH,
)
from scrutiny.cases.states import Transition, next_state
from scrutiny.cases.vocab import (
    CaseState,
)
from scrutiny.demands.model import Demand
from scrutiny.errors import ConflictError, InputError, NotFoundError
from scrutiny.safeguards.types import Review
from scrutiny.store.engine import Store
from scrutiny.store.models import (
    Attachment,
    Case,
    DemandRecord,
    ReviewRecord,
)

if TYPE_CHECKING:
    from scrutiny.policy import Policy


__all__ = ["TRANSITION_EVENTS", "Reviewer", "ServiceCore", "engine_reviewer", "required_reason"]

Reviewer = Callable[[Demand], Review]
"""Runs the review engine on a demand."""

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

def required_reason(text: str | None, what: str, *, required: bool = True) -> str | None:
    value = (text or "").strip() or None
    if required and (value is None or len(value) < MIN_REASON_LENGTH):
        raise InputError(f"{what} needs a written reason of at least {MIN_REASON_LENGTH} "
                         "characters", location="reason", code="input.reason_required")
    return value



class ServiceCore:
    """Infrastructure shared by :class:`~scrutiny.cases.service.CaseService` and its parts.

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

    @staticmethod
    def _put_blob(session: Session, content: bytes, media_type: str | None,
                  now: dt.datetime) -> str:
        digest = hashlib.sha256(content).hexdigest()
        if session.get(Attachment, digest) is None:
            session.add(Attachment(sha256=digest, size=len(content), media_type=media_type,
                                   content=content, created_at=now))
            session.flush()
        return digest
