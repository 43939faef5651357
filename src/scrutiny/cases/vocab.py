"""Closed vocabularies of the case workflow (DESIGN.md §8): values are the wire format.

Pure: no database, web or clock imports. The store, the services, the CLI and the API all
use these enums; ``docs/cases.md`` documents every value.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AppealBy",
    "AppealOutcome",
    "AppealStatus",
    "ApprovalVerdict",
    "CaseState",
    "DecisionStatus",
    "DeferralReason",
    "FollowUpStatus",
    "NoticeStatus",
    "Outcome",
    "Risk",
    "Role",
]


class CaseState(StrEnum):
    """The one state of a case (see :data:`scrutiny.cases.states.TRANSITIONS`)."""

    RECEIVED = "received"
    IN_REVIEW = "in_review"
    AWAITING_CLARIFICATION = "awaiting_clarification"
    AWAITING_APPROVAL = "awaiting_approval"
    DECIDED = "decided"
    EXECUTED = "executed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


class Outcome(StrEnum):
    """What a reviewer decides (the engine's recommendations minus ``escalate``)."""

    COMPLY = "comply"
    COMPLY_NARROWED = "comply_narrowed"
    REJECT = "reject"
    CLARIFY = "clarify"


class DecisionStatus(StrEnum):
    """Life of one decision record."""

    PENDING_APPROVAL = "pending_approval"
    EFFECTIVE = "effective"
    RETURNED = "returned"


class ApprovalVerdict(StrEnum):
    """What the second person (four eyes) does with a pending decision."""

    APPROVE = "approve"
    RETURN = "return"


class Risk(StrEnum):
    """Risk of a case, from its latest review."""

    NORMAL = "normal"
    HIGH = "high"


class NoticeStatus(StrEnum):
    """Whether an affected user (one target) was told."""

    NOTIFIED = "notified"
    DEFERRED = "deferred"
    NOT_POSSIBLE = "not_possible"


class DeferralReason(StrEnum):
    """Legal reason for not telling the user yet (SAFEGUARDS.md `user_notification`)."""

    GAG_ORDER = "gag_order"
    EMERGENCY = "emergency"
    INVESTIGATION = "investigation"


class AppealBy(StrEnum):
    """Who challenges: the affected user, or the company itself (challenge of the demand)."""

    USER = "user"
    COMPANY = "company"


class AppealStatus(StrEnum):
    """Whether an appeal is still pending."""

    OPEN = "open"
    DECIDED = "decided"


class AppealOutcome(StrEnum):
    """How an appeal ended."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    DISMISSED = "dismissed"
    WITHDRAWN = "withdrawn"


class FollowUpStatus(StrEnum):
    """Formal legal process owed after an emergency disclosure."""

    OPEN = "open"
    RECEIVED = "received"
    LAPSED = "lapsed"


class Role(StrEnum):
    """Roles a user holds (permissions per role: :mod:`scrutiny.cases.guards`)."""

    INTAKE = "intake"
    REVIEWER = "reviewer"
    LEGAL_LEAD = "legal_lead"
    AUDITOR = "auditor"
    ADMIN = "admin"
