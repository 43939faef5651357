"""Wire formats of the API (request and response bodies), separate from the stored rows.

Each resource has what clients may send (``…In``) and what they get back (``…Out``);
nothing internal (password hashes, token hashes, raw SQL rows) ever appears here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from scrutiny.cases.vocab import (
    AppealBy,
    ApprovalVerdict,
    CaseState,
    DeferralReason,
    Outcome,
    Risk,
)

__all__ = [
    "AnswerIn",
    "AppealIn",
    "ApprovalIn",
    "CaseList",
    "CaseStateOut",
    "CaseSummary",
    "ClarificationIn",
    "CloseIn",
    "DecisionIn",
    "DeferIn",
    "ErrorBody",
    "ErrorOut",
    "FieldProblemOut",
    "MeOut",
    "NoteIn",
    "NoticeIn",
    "PortalReceipt",
    "PortalStatus",
    "Problems",
    "ResumeIn",
    "ScopeEntry",
    "SubmissionOut",
    "VerifyOut",
]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    """The inside of every error response."""

    code: str = Field(description="Stable machine-readable code, e.g. `permission.denied`.")
    message: str = Field(description="What is wrong.")
    location: str | None = Field(default=None, description="Field, parameter or file concerned.")
    hint: str | None = Field(default=None, description="How to fix it.")
    details: dict[str, Any] | None = Field(default=None, description="Structured details.")


class ErrorOut(BaseModel):
    """The one error shape: ``{"error": {...}}``."""

    error: ErrorBody


class FieldProblemOut(BaseModel):
    """A missing or invalid field of a submitted demand."""

    field: str
    message: str
    sources: list[str] = Field(default_factory=list)


class Problems(BaseModel):
    """Completeness check result (SAFEGUARDS.md §3)."""

    complete: bool
    problems: list[FieldProblemOut]


class MeOut(BaseModel):
    """Who the token belongs to."""

    username: str
    roles: list[str]
    permissions: list[str]


class CaseSummary(BaseModel):
    """One row of the queue."""

    id: int
    reference: str = Field(description="Scrutiny's reference, e.g. `SCR-000042`.")
    state: CaseState
    version: int
    risk: Risk
    recommendation: str | None
    country: str | None
    authority: str | None
    authority_kind: str | None
    demand_types: list[str]
    target_count: int
    received_at: dt.datetime
    deadline_at: dt.datetime | None
    overdue: bool
    assignee: str | None


class CaseList(BaseModel):
    """A page of cases (newest first: continue with ``before=next_before``; by deadline:
    continue with ``after=next_after``)."""

    items: list[CaseSummary]
    limit: int
    next_before: int | None = Field(description="order=newest: pass as `before` for the next "
                                    "page; null on the last page.")
    next_after: str | None = Field(default=None, description="order=deadline: pass as `after` "
                                   "for the next page; null on the last page.")
    total: int | None = Field(default=None, description="With `total=true`: how many cases "
                              "match the filters.")


class SubmissionOut(BaseModel):
    """Result of submitting a demand: the case and its review."""

    case_id: int
    reference: str
    state: CaseState
    risk: Risk
    recommendation: str | None
    created: bool = Field(description="False when an identical demand (or the same "
                          "Idempotency-Key) was already submitted.")
    review: dict[str, Any] | None


class ScopeEntry(_In):
    """One target released under ``comply_narrowed`` (targets not listed are withheld)."""

    target: int = Field(ge=0, description="Index of the target in the demand.")
    data_categories: list[str] | None = Field(
        default=None, description="Subset of the requested data categories.")
    time_range: list[str | None] | None = Field(
        default=None, min_length=2, max_length=2,
        description="[start, end] ISO dates within the requested period.")
    territory: str | None = Field(default=None, max_length=40)


class DecisionIn(_In):
    """A reviewer's decision."""

    outcome: Outcome
    reasons: list[str] = Field(min_length=1, description="Written reasons (at least one).")
    override_reason: str | None = Field(
        default=None, max_length=5000,
        description="Required when the outcome departs from the recommendation.")
    scope: list[ScopeEntry] = Field(
        default_factory=list, description="Released targets (comply_narrowed only).")
    expected_version: int | None = Field(default=None, description="Optimistic lock.")


class ApprovalIn(_In):
    """The second person's verdict (four eyes)."""

    verdict: ApprovalVerdict
    note: str | None = Field(default=None, max_length=5000)


class ClarificationIn(_In):
    """Questions sent back to the requesting authority."""

    questions: list[str] = Field(min_length=1)
    note: str | None = Field(default=None, max_length=5000)


class NoticeIn(_In):
    """The affected user (one target) was notified, or cannot be."""

    target_index: int = Field(ge=0)
    status: Literal["notified", "not_possible"] = "notified"
    channel: str | None = Field(default=None, max_length=60)
    note: str | None = Field(default=None, max_length=5000)


class DeferIn(_In):
    """Notice to one target deferred for a legal reason, with a review date."""

    target_index: int = Field(ge=0)
    reason: DeferralReason
    legal_basis: str = Field(min_length=1, max_length=2000)
    review_on: dt.date | None = None


class AppealIn(_In):
    """An appeal (by the user) or a challenge (by the company)."""

    by: AppealBy
    grounds: str = Field(min_length=1, max_length=10000)
    target_index: int | None = Field(default=None, ge=0)
    forum: str | None = Field(default=None, max_length=500)


class CloseIn(_In):
    """Closing note."""

    note: str | None = Field(default=None, max_length=5000)


class AnswerIn(_In):
    """The requesting authority's answers to clarification questions."""

    answers: str = Field(min_length=1, max_length=20000)


class PortalReceipt(BaseModel):
    """What an authority gets back on submission."""

    reference: str
    access_code: str = Field(description="Shown once; with the reference it opens the case "
                             "status and lets the authority answer questions.")
    received_at: dt.datetime
    status_url: str


class PortalStatus(BaseModel):
    """What an authority sees of its case."""

    reference: str
    your_reference: str | None
    state: CaseState
    received_at: dt.datetime
    questions: list[str]
    answered: bool


class VerifyOut(BaseModel):
    """Result of verifying the audit chain."""

    ok: bool
    result: dict[str, Any]


class CaseStateOut(BaseModel):
    """A case after a transition."""

    id: int
    reference: str
    state: CaseState
    version: int


class ResumeIn(_In):
    """The authority's answer, as relayed by the reviewer, to resume the review."""

    answer: str = Field(min_length=1, max_length=20000)


class NoteIn(_In):
    """A written note or reason."""

    note: str = Field(min_length=1, max_length=5000)
