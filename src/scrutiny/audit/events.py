"""Typed audit events: the closed list of event types (documented in ``docs/audit.md``).

Pure: no database imports. An :class:`AuditEvent` is what a service hands to the log; the
log adds the sequence number, the previous hash and its own hash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["AuditEvent", "EventType", "TargetType", "jsonable"]


class EventType(StrEnum):
    """Every kind of change the store records."""

    CASE_IMPORTED = "case.imported"
    CASE_REVIEWED = "case.reviewed"
    CASE_ASSIGNED = "case.assigned"
    CASE_REVIEW_STARTED = "case.review_started"
    CASE_CLARIFICATION_REQUESTED = "case.clarification_requested"
    CASE_CLARIFICATION_RECEIVED = "case.clarification_received"
    CASE_DECIDED = "case.decided"
    CASE_SUBMITTED_FOR_APPROVAL = "case.submitted_for_approval"
    CASE_APPROVED = "case.approved"
    CASE_RETURNED = "case.returned"
    CASE_REJECTED = "case.rejected"
    CASE_EXECUTED = "case.executed"
    CASE_WITHDRAWN = "case.withdrawn"
    CASE_REOPENED = "case.reopened"
    CASE_CLOSED = "case.closed"
    NOTICE_SENT = "notice.sent"
    NOTICE_DEFERRED = "notice.deferred"
    NOTICE_NOT_POSSIBLE = "notice.not_possible"
    APPEAL_FILED = "appeal.filed"
    APPEAL_DECIDED = "appeal.decided"
    FOLLOWUP_OPENED = "followup.opened"
    FOLLOWUP_RECEIVED = "followup.received"
    FOLLOWUP_LAPSED = "followup.lapsed"
    ATTACHMENT_ADDED = "attachment.added"
    USER_CREATED = "user.created"
    USER_UPDATED = "user.updated"
    USER_PASSWORD_SET = "user.password_set"
    TOKEN_CREATED = "token.created"
    TOKEN_REVOKED = "token.revoked"


class TargetType(StrEnum):
    """What an event is about."""

    CASE = "case"
    DECISION = "decision"
    NOTICE = "notice"
    APPEAL = "appeal"
    FOLLOWUP = "followup"
    ATTACHMENT = "attachment"
    USER = "user"
    TOKEN = "token"


def jsonable(value: Any) -> Any:
    """A JSON-native copy of ``value`` (dates as ISO text, enums as values, tuples as lists)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value.value if isinstance(value, StrEnum) else value
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    raise TypeError(f"cannot record {type(value).__name__} in an audit event")


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One change, as a service describes it.

    Attributes:
        type: the event type.
        actor: username of the person (or ``system``) who made the change.
        target_type: kind of record changed.
        target_id: its id (as text).
        case_id: the case it belongs to, if any (for per-case history).
        before: structured state before (JSON-native), ``None`` for a creation.
        after: structured state after (JSON-native).
        reason: the written reason, when the action has one.
    """

    type: EventType
    actor: str
    target_type: TargetType
    target_id: str
    case_id: int | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = field(default=None)
    reason: str | None = None
