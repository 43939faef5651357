"""The case store's tables (SQLAlchemy 2, typed ``Mapped[...]``).

One module for the schema so that the Alembic migrations have one metadata to agree with
(``tests/store/test_migrations.py`` checks they do). Reports (``scrutiny.reports``) and the
web app read these tables through :mod:`scrutiny.store.queries` and the case services; they
never write them directly.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from scrutiny.audit.events import EventType, TargetType
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
    Risk,
    Role,
)
from scrutiny.store.types import BigId, Json, UTCDateTime, unpack_json

__all__ = [
    "ApiToken",
    "Appeal",
    "Approval",
    "Attachment",
    "AuditHead",
    "AuditRecord",
    "Base",
    "Case",
    "CaseAttachment",
    "Decision",
    "DemandRecord",
    "DemandTag",
    "FollowUp",
    "IdempotencyKey",
    "Notice",
    "ReportCube",
    "ReportFact",
    "ReportFactItem",
    "ReportState",
    "ReviewRecord",
    "User",
    "UserRole",
    "VerdictRecord",
]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(kind: type[StrEnum], name: str) -> Enum:
    """A portable enum column: VARCHAR of the values (no native PostgreSQL type)."""
    return Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


OPEN_STATE_SQL = "state IN ('received', 'in_review', 'awaiting_approval', 'decided')"
"""SQL of ``scrutiny.cases.states.OPEN_STATES`` (the deadline runs); a test checks they agree."""


class Base(DeclarativeBase):
    """Declarative base with a naming convention (stable constraint names in migrations)."""

    metadata = MetaData(naming_convention=NAMING)


# --- demands and reviews ------------------------------------------------------------------


class DemandRecord(Base):
    """One demand as received: the full Demand JSON plus columns to filter and report on."""

    __tablename__ = "demands"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    authority: Mapped[str | None] = mapped_column(Text)
    authority_kind: Mapped[str | None] = mapped_column(String(40), index=True)
    process_type: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str | None] = mapped_column(String(40))
    cross_border: Mapped[bool | None] = mapped_column(Boolean)
    treaty_channel: Mapped[str | None] = mapped_column(String(40))
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    judicial_authorisation: Mapped[bool | None] = mapped_column(Boolean)
    confidentiality_requested: Mapped[bool | None] = mapped_column(Boolean)
    reporting_prohibited: Mapped[bool | None] = mapped_column(Boolean)
    territorial_scope: Mapped[str | None] = mapped_column(String(40))
    target_count: Mapped[int] = mapped_column(Integer, default=0)
    account_count: Mapped[int] = mapped_column(Integer, default=0)
    letter_date: Mapped[dt.date | None] = mapped_column()
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    body: Mapped[dict[str, Any]] = mapped_column(Json)

    tags: Mapped[list[DemandTag]] = relationship(back_populates="demand", lazy="raise")


class DemandTag(Base):
    """A list-valued facet of a demand, one row per value, for filtering and counting.

    ``facet`` is one of ``demand_type``, ``action``, ``data_category``, ``reason_category``,
    ``target_profile``; ``value`` is the vocabulary value (``scrutiny.demands.vocab``).
    """

    __tablename__ = "demand_tags"

    demand_id: Mapped[int] = mapped_column(
        ForeignKey("demands.id", ondelete="CASCADE"), primary_key=True
    )
    facet: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(60), primary_key=True)

    demand: Mapped[DemandRecord] = relationship(back_populates="tags", lazy="raise")

    __table_args__ = (Index("ix_demand_tags_facet_value", "facet", "value"),)


class ReviewRecord(Base):
    """One run of the review engine on a demand; reproducible from (demand, policy, as_of)."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    policy_id: Mapped[str] = mapped_column(String(120))
    policy_version: Mapped[str | None] = mapped_column(String(60))
    as_of: Mapped[str] = mapped_column(String(40))
    engine_version: Mapped[str] = mapped_column(String(60))
    recommendation: Mapped[str] = mapped_column(String(40))
    risk: Mapped[Risk] = mapped_column(_enum(Risk, "risk"))
    body_z: Mapped[bytes] = mapped_column(LargeBinary)

    @property
    def body(self) -> dict[str, Any]:
        """The full review JSON (stored zlib-compressed: reviews are ~30 kB of mostly
        repeated legal sources; compressed they take ~5 kB)."""
        body: dict[str, Any] = unpack_json(self.body_z)
        return body


class VerdictRecord(Base):
    """One verdict of a review, as a row (the full verdict stays in the review body)."""

    __tablename__ = "verdicts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    safeguard: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20))
    codes: Mapped[list[str]] = mapped_column(Json)

    __table_args__ = (Index("ix_verdicts_safeguard_status", "safeguard", "status"),)


# --- cases --------------------------------------------------------------------------------


class Case(Base):
    """The workflow around one demand: one ``state``, optimistic locking by ``version``."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id"), unique=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"))
    state: Mapped[CaseState] = mapped_column(_enum(CaseState, "case_state"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    risk: Mapped[Risk] = mapped_column(_enum(Risk, "risk"))
    recommendation: Mapped[str | None] = mapped_column(String(40))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    deadline_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    executed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    country: Mapped[str | None] = mapped_column(String(2))
    """Copy of ``demands.country`` so country-filtered lists read ``(country, id)`` in order."""
    primary_type: Mapped[str | None] = mapped_column(String(40))
    """The demand's leading type (:data:`~scrutiny.cases.ingest.PRIMARY_TYPE_ORDER`)."""

    demand: Mapped[DemandRecord] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        # newest-first lists filtered by state or risk read these in order (no sort)
        Index("ix_cases_state_id", "state", "id"),
        Index("ix_cases_risk_id", "risk", "id"),
        Index("ix_cases_received_at", "received_at"),
        Index("ix_cases_country_id", "country", "id"),
        Index("ix_cases_primary_type_id", "primary_type", "id"),
        # open cases by deadline (overdue lists); partial: closed cases are not in it
        Index("ix_cases_open_deadline", "deadline_at",
              sqlite_where=text(OPEN_STATE_SQL), postgresql_where=text(OPEN_STATE_SQL)),
    )


class Decision(Base):
    """A reviewer's decision on a case, with reasons, scope and (if needed) approvals."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"))
    outcome: Mapped[Outcome] = mapped_column(_enum(Outcome, "outcome"))
    status: Mapped[DecisionStatus] = mapped_column(_enum(DecisionStatus, "decision_status"))
    recommendation: Mapped[str | None] = mapped_column(String(40))
    followed_recommendation: Mapped[bool | None] = mapped_column(Boolean)
    override_reason: Mapped[str | None] = mapped_column(Text)
    reasons: Mapped[list[str]] = mapped_column(Json)
    scope: Mapped[list[dict[str, Any]]] = mapped_column(Json)
    requires_approval: Mapped[bool] = mapped_column(Boolean)
    approval_grounds: Mapped[list[str]] = mapped_column(Json)
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint(
            "followed_recommendation IS NOT FALSE OR override_reason IS NOT NULL "
            "OR outcome = 'clarify'",
            name="override_has_reason",
        ),
    )


class Approval(Base):
    """The second person's verdict on a decision that needs four eyes."""

    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    verdict: Mapped[ApprovalVerdict] = mapped_column(_enum(ApprovalVerdict, "approval_verdict"))
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Notice(Base):
    """Notification of one affected user (one target of the demand)."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    target_index: Mapped[int] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(Text)
    status: Mapped[NoticeStatus] = mapped_column(_enum(NoticeStatus, "notice_status"))
    deferral_reason: Mapped[DeferralReason | None] = mapped_column(
        _enum(DeferralReason, "deferral_reason")
    )
    legal_basis: Mapped[str | None] = mapped_column(Text)
    review_on: Mapped[dt.date | None] = mapped_column(index=True)
    notified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    channel: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """When the notice was first recorded (set by the services; migration 0004 backfilled
    older rows with ``updated_at``)."""
    deferred_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """When the notice was first deferred (kept after it is later sent)."""

    __table_args__ = (
        UniqueConstraint("case_id", "target_index", name="uq_notices_case_target"),
        CheckConstraint(
            "status <> 'deferred' OR (deferral_reason IS NOT NULL AND review_on IS NOT NULL)",
            name="deferral_complete",
        ),
    )


class Appeal(Base):
    """A challenge: by the affected user, or the company's own challenge of the demand."""

    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    by: Mapped[AppealBy] = mapped_column(_enum(AppealBy, "appeal_by"))
    target_index: Mapped[int | None] = mapped_column(Integer)
    forum: Mapped[str | None] = mapped_column(Text)
    grounds: Mapped[str] = mapped_column(Text)
    status: Mapped[AppealStatus] = mapped_column(_enum(AppealStatus, "appeal_status"))
    outcome: Mapped[AppealOutcome | None] = mapped_column(_enum(AppealOutcome, "appeal_outcome"))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    filed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class FollowUp(Base):
    """Formal legal process owed after an emergency disclosure, due within policy days."""

    __tablename__ = "followups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    due_on: Mapped[dt.date] = mapped_column(index=True)
    status: Mapped[FollowUpStatus] = mapped_column(_enum(FollowUpStatus, "followup_status"))
    process_reference: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)


class Attachment(Base):
    """File content stored once by its SHA-256 (deduplicated across cases)."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str | None] = mapped_column(String(120))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CaseAttachment(Base):
    """A file attached to a case (the original letter, a response, a court order…)."""

    __tablename__ = "case_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"))
    filename: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("case_id", "sha256", "kind", name="uq_case_attachments_case_sha_kind"),
    )


# --- people -------------------------------------------------------------------------------


class User(Base):
    """A person using Scrutiny (password hash: argon2id, for the web app)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(320))
    password_hash: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    roles: Mapped[list[UserRole]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", back_populates="user"
    )


class UserRole(Base):
    """One role held by a user."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class ApiToken(Base):
    """An API token; only its SHA-256 is stored (the token is shown once)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class IdempotencyKey(Base):
    """An ``Idempotency-Key`` of a submission, bound to its request and case.

    ``scope`` is who used the key (the actor's username), so keys of different clients never
    collide; the row is written in the import's transaction, so every worker sees it.
    """

    __tablename__ = "idempotency_keys"

    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


# --- audit log ----------------------------------------------------------------------------


class AuditRecord(Base):
    """One audit event in the hash chain. Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    type: Mapped[EventType] = mapped_column(_enum(EventType, "event_type"))
    actor: Mapped[str] = mapped_column(String(80))
    target_type: Mapped[TargetType] = mapped_column(_enum(TargetType, "target_type"))
    target_id: Mapped[str] = mapped_column(String(80))
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(Json)
    after: Mapped[dict[str, Any] | None] = mapped_column(Json)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The single lock row of the audit chain: last sequence number and hash.

    Appending locks this row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite write
    transactions begin ``IMMEDIATE``), so events get gap-free numbers in commit order.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigId)
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)


# --- report aggregates (docs/reports.md; kept by scrutiny.reports.facts) ------------------

REPORT_DIMENSIONS = (
    "country", "rtype", "reason", "eu_reason", "action", "process", "authority", "judicial",
    "xborder", "treaty", "unofficial", "prohibited", "data_scope", "outcome", "recommendation",
    "followed",
)
"""Report dimension columns of :class:`ReportFact` (besides ``month``)."""


class ReportFact(Base):
    """One case reduced to report dimensions, in its current state (as of +infinity).

    Derived data, rebuilt by ``scrutiny report-facts --rebuild`` and kept current from the
    audit log; ``last_change_at`` is the latest instant at which the case's as-of state can
    change (the latest timestamp of the case and its records, due dates included).
    """

    __tablename__ = "report_facts"

    case_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    demand_id: Mapped[int] = mapped_column(Integer)
    review_id: Mapped[int | None] = mapped_column(BigInteger)
    month: Mapped[str] = mapped_column(String(7))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_change_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    country: Mapped[str] = mapped_column(String(60))
    rtype: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(String(60))
    eu_reason: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(60))
    process: Mapped[str] = mapped_column(String(60))
    authority: Mapped[str] = mapped_column(String(60))
    judicial: Mapped[str] = mapped_column(String(60))
    xborder: Mapped[str] = mapped_column(String(60))
    treaty: Mapped[str] = mapped_column(String(60))
    unofficial: Mapped[str] = mapped_column(String(60))
    prohibited: Mapped[str] = mapped_column(String(60))
    data_scope: Mapped[str] = mapped_column(String(60))
    outcome: Mapped[str] = mapped_column(String(60))
    recommendation: Mapped[str] = mapped_column(String(60))
    followed: Mapped[str] = mapped_column(String(60))
    accounts: Mapped[int | None] = mapped_column(Integer)
    targets: Mapped[int | None] = mapped_column(Integer)
    ack_dh: Mapped[int | None] = mapped_column(Integer)
    act_dh: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_report_facts_month_last_change", "month", "last_change_at"),)


class ReportFactItem(Base):
    """A case's notices, appeals or follow-ups counted by report status (current state)."""

    __tablename__ = "report_fact_items"

    case_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    family: Mapped[str] = mapped_column(String(16), primary_key=True)
    k1: Mapped[str] = mapped_column(String(60), primary_key=True)
    k2: Mapped[str] = mapped_column(String(60), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class ReportCube(Base):
    """Counts of :class:`ReportFact` rows per received month, for one named grouping.

    ``family`` is the grouping (``scrutiny.reports.queries.GROUPINGS`` plus notices, appeals,
    follow-ups, verdicts and reviewed); ``k1``…``k4`` its dimension values (``''`` when
    unused); ``b`` a duration bucket (tenths of an hour in ``…:f`` families, coarse buckets in
    the others; 0 when not timed); ``nsl`` 1 for national-security process.
    """

    __tablename__ = "report_cube"

    family: Mapped[str] = mapped_column(String(24), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    nsl: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    k1: Mapped[str] = mapped_column(String(60), primary_key=True)
    k2: Mapped[str] = mapped_column(String(60), primary_key=True)
    k3: Mapped[str] = mapped_column(String(60), primary_key=True)
    k4: Mapped[str] = mapped_column(String(60), primary_key=True)
    b: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(BigInteger)
    accounts: Mapped[int] = mapped_column(BigInteger)
    targets: Mapped[int] = mapped_column(BigInteger)


class ReportState(Base):
    """The single row saying up to where the report facts and cubes are current."""

    __tablename__ = "report_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    audit_seq: Mapped[int] = mapped_column(BigInteger)
    """Last audit event folded in."""
    max_case_id: Mapped[int] = mapped_column(Integer)
    """Highest case id when folded in (later ids are treated as changed)."""
    signature: Mapped[str] = mapped_column(Text)
    """Format version and EU Member States the facts were computed with."""
    built_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    refreshed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
