"""Cases: list, show, history, and one route per transition (each calls one service method)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import StringConstraints

from scrutiny.api.deps import ActorDep, CasesDep, ReaderDep
from scrutiny.api.portal import case_reference
from scrutiny.api.routes._common import AUTH_ERRORS, summary
from scrutiny.api.schemas import (
    AppealIn,
    ApprovalIn,
    CaseList,
    CaseStateOut,
    ClarificationIn,
    CloseIn,
    DecisionIn,
    DeferIn,
    NoteIn,
    NoticeIn,
    ResumeIn,
)
from scrutiny.cases.vocab import ApprovalVerdict, CaseState, Risk
from scrutiny.demands.vocab import DemandType
from scrutiny.store.models import Case
from scrutiny.store.queries import CaseFilter, deadline_cursor

__all__ = ["router"]

router = APIRouter(prefix="/cases", tags=["cases"], responses=AUTH_ERRORS)

CaseId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The case id.")]
CountryParam = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]


def _state(case: Case) -> CaseStateOut:
    return CaseStateOut(id=case.id, reference=case_reference(case.id), state=case.state,
                        version=case.version)


@router.get("", response_model=CaseList, summary="List cases")
def list_cases(
    actor: ActorDep,
    reader: ReaderDep,
    state: Annotated[list[CaseState] | None, Query(description="Any of these states.")] = None,
    risk: Risk | None = None,
    country: Annotated[list[CountryParam] | None, Query(
        description="Any of these ISO 3166-1 alpha-2 codes.")] = None,
    demand_type: DemandType | None = None,
    overdue: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    before: Annotated[int | None, Query(ge=1, le=2**31 - 1,
                                        description="Keyset cursor: ids below this.")] = None,
    order: Annotated[Literal["newest", "deadline"], Query(
        description="newest: newest first; deadline: deadline ascending (none last), then "
                    "high risk first, then id (the reviewers' queue).")] = "newest",
    after: Annotated[str | None, Query(max_length=80, pattern=r"^[0-9T:.+\-]*~[01]~[0-9]{1,10}$",
                                       description="order=deadline: the previous page's "
                                                   "`next_after`.")] = None,
    total: Annotated[bool, Query(description="Also count the matching cases.")] = False,
) -> CaseList:
    """Cases filtered, one keyset page: newest first (page on with `before` = `next_before`)
    or by deadline and risk (`order=deadline`; page on with `after` = `next_after`)."""
    f = CaseFilter(states=state or (), countries=country or (), risk=risk, overdue=overdue,
                   demand_type=demand_type.value if demand_type else None)
    rows = reader.cases(actor, f, limit=limit, before_id=before, order=order, after=after)
    items = [summary(r.to_dict()) for r in rows]
    full = len(items) == limit
    return CaseList(
        items=items, limit=limit,
        next_before=items[-1].id if full and order == "newest" else None,
        next_after=deadline_cursor(rows[-1]) if full and order == "deadline" else None,
        total=reader.count(actor, f) if total else None)


@router.get("/{case_id}", summary="Show a case")
def show_case(case_id: CaseId, actor: ActorDep, reader: ReaderDep) -> dict[str, Any]:
    """The internal case view: demand, latest review, decisions, notices, appeals, history."""
    detail = reader.detail(actor, case_id)
    detail["reference"] = case_reference(case_id)
    return detail


@router.get("/{case_id}/review", summary="The case's latest review")
def case_review(case_id: CaseId, actor: ActorDep, reader: ReaderDep) -> dict[str, Any]:
    """The latest review of the case's demand (verdicts, recommendation, questions)."""
    detail = reader.detail(actor, case_id, with_history=False)
    review: dict[str, Any] = detail["review"] or {}
    return review


@router.get("/{case_id}/history", summary="The case's audit trail")
def case_history(case_id: CaseId, actor: ActorDep, reader: ReaderDep) -> list[dict[str, Any]]:
    """Every audit event of the case, oldest first."""
    reader.detail(actor, case_id, with_history=False)  # 404 for an unknown case
    return reader.history(actor, case_id)


@router.post("/{case_id}/start-review", response_model=CaseStateOut, summary="Start review")
def start_review(case_id: CaseId, actor: ActorDep, cases: CasesDep) -> CaseStateOut:
    """received → in_review (assigns the case to the caller if unassigned)."""
    return _state(cases.start_review(actor, case_id))


@router.post("/{case_id}/clarification", response_model=CaseStateOut,
             summary="Ask the authority questions")
def request_clarification(case_id: CaseId, body: ClarificationIn, actor: ActorDep,
                          cases: CasesDep) -> CaseStateOut:
    """in_review → awaiting_clarification, recording the questions sent."""
    return _state(cases.request_clarification(actor, case_id, body.questions))


@router.post("/{case_id}/resume", response_model=CaseStateOut, summary="Resume after an answer")
def resume_review(case_id: CaseId, body: ResumeIn, actor: ActorDep,
                  cases: CasesDep) -> CaseStateOut:
    """awaiting_clarification → in_review with the authority's answer."""
    return _state(cases.resume_review(actor, case_id, answer=body.answer))


@router.post("/{case_id}/decide", response_model=CaseStateOut, summary="Decide")
def decide(case_id: CaseId, body: DecisionIn, actor: ActorDep, cases: CasesDep) -> CaseStateOut:
    """Record a decision; a high-risk one waits for a legal lead's approval (four eyes)."""
    scope = [s.model_dump(exclude_none=True) for s in body.scope]
    return _state(cases.decide(actor, case_id, body.outcome, body.reasons, scope=scope or None,
                               override_reason=body.override_reason,
                               expected_version=body.expected_version))


@router.post("/{case_id}/approve", response_model=CaseStateOut,
             summary="Approve or return a decision (four eyes)")
def approve(case_id: CaseId, body: ApprovalIn, actor: ActorDep, cases: CasesDep) -> CaseStateOut:
    """A second person with the legal_lead role approves, or returns it for review."""
    if body.verdict is ApprovalVerdict.RETURN:
        return _state(cases.return_for_review(actor, case_id, note=body.note or ""))
    return _state(cases.approve(actor, case_id, note=body.note))


@router.post("/{case_id}/execute", response_model=CaseStateOut, summary="Mark as executed")
def execute(case_id: CaseId, body: CloseIn, actor: ActorDep, cases: CasesDep) -> CaseStateOut:
    """decided → executed: the released scope was produced or the restriction applied."""
    return _state(cases.execute(actor, case_id, note=body.note))


@router.post("/{case_id}/notices", status_code=201, summary="Record a user notice")
def notify(case_id: CaseId, body: NoticeIn, actor: ActorDep,
           cases: CasesDep) -> dict[str, Any]:
    """The affected user (one target) was notified, or cannot be notified."""
    if body.status == "not_possible":
        cases.notice_not_possible(actor, case_id, note=body.note or "",
                                  targets=[body.target_index])
    else:
        cases.notify(actor, case_id, targets=[body.target_index], channel=body.channel,
                     note=body.note)
    return {"case": case_id, "target": body.target_index, "status": body.status}


@router.post("/{case_id}/notices/defer", status_code=201, summary="Defer a user notice")
def defer_notice(case_id: CaseId, body: DeferIn, actor: ActorDep,
                 cases: CasesDep) -> dict[str, Any]:
    """Defer notice to one target for a legal reason, with the date to look again."""
    notices = cases.defer_notice(actor, case_id, reason=body.reason,
                                 legal_basis=body.legal_basis, targets=[body.target_index],
                                 review_on=body.review_on)
    return {"case": case_id, "target": body.target_index, "status": "deferred",
            "review_on": notices[0].review_on.isoformat() if notices[0].review_on else None}


@router.post("/{case_id}/appeals", status_code=201, summary="File an appeal or challenge")
def appeal(case_id: CaseId, body: AppealIn, actor: ActorDep, cases: CasesDep) -> dict[str, Any]:
    """An appeal by the affected user, or the company's own challenge of the demand."""
    filed = cases.file_appeal(actor, case_id, by=body.by, grounds=body.grounds,
                              target_index=body.target_index, forum=body.forum)
    return {"id": filed.id, "case": case_id, "status": filed.status.value}


@router.post("/{case_id}/withdraw", response_model=CaseStateOut, summary="Withdrawn")
def withdraw(case_id: CaseId, body: NoteIn, actor: ActorDep, cases: CasesDep) -> CaseStateOut:
    """The authority withdrew the demand."""
    return _state(cases.withdraw(actor, case_id, reason=body.note))


@router.post("/{case_id}/close", response_model=CaseStateOut, summary="Close")
def close(case_id: CaseId, body: CloseIn, actor: ActorDep, cases: CasesDep) -> CaseStateOut:
    """executed / rejected / withdrawn → closed (refused while appeals or notices are open)."""
    return _state(cases.close(actor, case_id, reason=body.note))
