"""User notification and remedy: notices, deferrals, appeals, emergency follow-ups,
attachments (part of :class:`~scrutiny.cases.service.CaseService`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from scrutiny.audit.events import AuditEvent, EventType, TargetType
from scrutiny.audit.log import append
from scrutiny.cases import guards
from scrutiny.cases.core import ServiceCore, required_reason
from scrutiny.cases.guards import Actor, Permission
from scrutiny.cases.vocab import (
    AppealBy,
    AppealOutcome,
    AppealStatus,
    CaseState,
    DeferralReason,
    FollowUpStatus,
    NoticeStatus,
)
from scrutiny.demands.model import Demand
from scrutiny.errors import InputError, NotFoundError, StateError
from scrutiny.store.models import (
    Appeal,
    Attachment,
    Case,
    CaseAttachment,
    FollowUp,
    Notice,
)

__all__ = ["RemedyMixin"]


class RemedyMixin(ServiceCore):
    """Notices, appeals, follow-ups and attachments of a case."""

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
                            target=demand.targets[index].value, created_at=now)
            session.add(notice)
        else:
            before = {f: getattr(notice, f) for f in fields}
        for key in fields:
            setattr(notice, key, values.get(key))
        notice.updated_by, notice.updated_at = actor.user_id, now
        if notice.status == NoticeStatus.DEFERRED and notice.deferred_at is None:
            notice.deferred_at = now  # deferred since (kept when notified later)
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
        basis = required_reason(legal_basis, "deferring a notice")
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
        text = required_reason(note, "recording that notice is impossible")
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
        text = required_reason(grounds, "an appeal")
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
        text = required_reason(note, "an appeal outcome")
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
        text = note if received else required_reason(note, "a lapsed follow-up")
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
