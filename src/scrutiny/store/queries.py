"""Read queries over the case store: listing and filtering cases, overdue items, deferrals.

Plain functions taking a session; the permission check is the caller's
(:class:`scrutiny.cases.views.CaseReader`). Listing is keyset-paginated so pages stay fast on
millions of cases: newest first (``before_id``), or the reviewers' order — deadline ascending
(none last), then high risk first, then id — continued with an ``after`` cursor
(:func:`deadline_cursor` of the last row of the previous page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, text
from sqlalchemy.orm import Session

from scrutiny.cases.states import OPEN_STATES
from scrutiny.cases.vocab import CaseState, FollowUpStatus, NoticeStatus, Risk
from scrutiny.errors import InputError
from scrutiny.store.models import (
    OPEN_STATE_SQL,
    Case,
    DemandRecord,
    DemandTag,
    FollowUp,
    Notice,
    User,
)

__all__ = [
    "CaseFilter",
    "CaseRow",
    "DueItem",
    "count_cases",
    "deadline_cursor",
    "deferrals_due",
    "list_cases",
    "overdue_items",
]


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """Filters for :func:`list_cases` (all optional; lists mean "any of")."""

    states: Sequence[CaseState] = ()
    countries: Sequence[str] = ()
    risk: Risk | None = None
    overdue: bool | None = None
    assignee_id: int | None = None
    demand_type: str | None = None
    primary_type: str | None = None
    authority_kind: str | None = None
    received_from: dt.datetime | None = None
    received_to: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of a case list."""

    id: int
    state: str
    version: int
    risk: str
    recommendation: str | None
    country: str | None
    authority: str | None
    authority_kind: str | None
    target_count: int
    received_at: dt.datetime
    deadline_at: dt.datetime | None
    overdue: bool
    assignee: str | None
    demand_types: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "state": self.state, "version": self.version, "risk": self.risk,
            "recommendation": self.recommendation, "country": self.country,
            "authority": self.authority, "authority_kind": self.authority_kind,
            "demand_types": self.demand_types, "target_count": self.target_count,
            "received_at": self.received_at.isoformat(),
            "deadline_at": self.deadline_at.isoformat() if self.deadline_at else None,
            "overdue": self.overdue, "assignee": self.assignee,
        }


OPEN_CASE = text("cases." + OPEN_STATE_SQL)
"""Open states as literal SQL, so the partial index ``ix_cases_open_deadline`` applies."""


OPEN_DEADLINE_HINT = "INDEXED BY ix_cases_open_deadline"
"""SQLite's planner, with statistics of a store where most cases are open, prefers the state
index and sorts (seconds at a million cases); the partial index answers in under a
millisecond. PostgreSQL needs no hint."""


def _filtered(stmt: Select[Any], f: CaseFilter, now: dt.datetime) -> Select[Any]:
    if f.states:
        stmt = stmt.where(Case.state.in_(list(f.states)))
    if f.countries:
        # the copy on cases: (country, id) serves a newest-first page without a sort
        stmt = stmt.where(Case.country.in_([c.upper() for c in f.countries]))
    if f.risk is not None:
        stmt = stmt.where(Case.risk == f.risk)
    if f.overdue is True:
        stmt = stmt.where(OPEN_CASE, Case.deadline_at < now)
    elif f.overdue is False:
        stmt = stmt.where(or_(Case.state.not_in(list(OPEN_STATES)), Case.deadline_at.is_(None),
                              Case.deadline_at >= now))
    if f.assignee_id is not None:
        stmt = stmt.where(Case.assignee_id == f.assignee_id)
    if f.authority_kind:
        stmt = stmt.where(DemandRecord.authority_kind == f.authority_kind)
    if f.primary_type:
        stmt = stmt.where(Case.primary_type == f.primary_type)
    if f.demand_type:
        stmt = stmt.where(select(DemandTag.demand_id).where(
            DemandTag.demand_id == DemandRecord.id, DemandTag.facet == "demand_type",
            DemandTag.value == f.demand_type).exists())
    if f.received_from:
        stmt = stmt.where(Case.received_at >= f.received_from)
    if f.received_to:
        stmt = stmt.where(Case.received_at < f.received_to)
    return stmt


_risk_rank = case((Case.risk == Risk.HIGH, 0), else_=1)
"""High risk sorts first within a deadline."""


def deadline_cursor(row: CaseRow) -> str:
    """The ``after`` cursor continuing a deadline-ordered list after ``row``."""
    deadline = row.deadline_at.isoformat() if row.deadline_at else ""
    return f"{deadline}~{0 if row.risk == Risk.HIGH.value else 1}~{row.id}"


def _after(cursor: str) -> ColumnElement[bool]:
    """Rows strictly after ``cursor`` in (deadline nulls last, risk rank, id) order."""
    try:
        deadline_text, rank_text, id_text = cursor.split("~")
        rank, last_id = int(rank_text), int(id_text)
        deadline = dt.datetime.fromisoformat(deadline_text) if deadline_text else None
        if deadline is not None and deadline.tzinfo is None:
            deadline = deadline.replace(tzinfo=dt.UTC)
    except ValueError:
        raise InputError(f"not a case-list cursor: {cursor[:60]!r}", location="after",
                         hint="pass the next_after value of the previous page") from None
    if rank not in (0, 1):
        raise InputError(f"not a case-list cursor: {cursor[:60]!r}", location="after",
                         hint="pass the next_after value of the previous page")
    same_deadline_later = or_(_risk_rank > rank, and_(_risk_rank == rank, Case.id > last_id))
    if deadline is None:
        return and_(Case.deadline_at.is_(None), same_deadline_later)
    return or_(Case.deadline_at.is_(None), Case.deadline_at > deadline,
               and_(Case.deadline_at == deadline, same_deadline_later))


def count_cases(session: Session, f: CaseFilter, *, now: dt.datetime) -> int:
    """How many cases match ``f`` (for "N cases" above a list)."""
    stmt = _filtered(select(func.count()).select_from(Case)
                     .join(DemandRecord, DemandRecord.id == Case.demand_id), f, now)
    return int(session.scalar(stmt) or 0)


def list_cases(session: Session, f: CaseFilter, *, now: dt.datetime, limit: int = 50,
               before_id: int | None = None, order: str = "newest",
               after: str | None = None) -> list[CaseRow]:
    """Cases matching ``f`` in ``order``, one keyset page of at most ``limit``.

    ``order="newest"``: newest first (overdue lists: most overdue first); ``before_id``
    continues from a previous page. ``order="deadline"``: deadline ascending with cases
    without one last, then high risk first, then id; ``after`` (a :func:`deadline_cursor`)
    continues from a previous page.

    Raises:
        InputError: an unknown ``order`` or a malformed ``after`` cursor.
    """
    if order not in ("newest", "deadline"):
        raise InputError(f"unknown case order {order!r}", location="order",
                         hint="use newest or deadline")
    stmt = (select(Case.id, Case.state, Case.version, Case.risk, Case.recommendation,
                   Case.received_at, Case.deadline_at, Case.demand_id,
                   DemandRecord.country, DemandRecord.authority, DemandRecord.authority_kind,
                   DemandRecord.target_count, User.username)
            .join(DemandRecord, DemandRecord.id == Case.demand_id)
            .outerjoin(User, User.id == Case.assignee_id))
    stmt = _filtered(stmt, f, now)
    keys: tuple[Any, ...]
    if order == "deadline":
        if after:
            stmt = stmt.where(_after(after))
        keys = (Case.deadline_at.is_(None), Case.deadline_at, _risk_rank, Case.id)
    else:
        if before_id is not None:
            stmt = stmt.where(Case.id < before_id)
        # overdue lists: most overdue first, read from the partial index of open deadlines
        keys = ((Case.deadline_at, Case.id) if f.overdue is True else (Case.id.desc(),))
        if f.overdue is True:
            stmt = stmt.with_hint(Case, OPEN_DEADLINE_HINT, "sqlite")
    rows = session.execute(stmt.order_by(*keys).limit(limit)).all()
    types: dict[int, list[str]] = {}
    if rows:
        for demand_id, value in session.execute(
                select(DemandTag.demand_id, DemandTag.value).where(
                    DemandTag.demand_id.in_([r.demand_id for r in rows]),
                    DemandTag.facet == "demand_type")):
            types.setdefault(demand_id, []).append(value)
    return [CaseRow(
        id=r.id, state=r.state.value, version=r.version, risk=r.risk.value,
        recommendation=r.recommendation, country=r.country, authority=r.authority,
        authority_kind=r.authority_kind, target_count=r.target_count,
        received_at=r.received_at, deadline_at=r.deadline_at,
        overdue=bool(r.deadline_at and r.deadline_at < now and r.state in OPEN_STATES),
        assignee=r.username, demand_types=sorted(types.get(r.demand_id, [])),
    ) for r in rows]


@dataclass(frozen=True, slots=True)
class DueItem:
    """Something past (or at) its date: a response deadline, a follow-up, a deferral review."""

    kind: str
    case_id: int
    due: str
    state: str
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "case": self.case_id, "due": self.due, "state": self.state,
                **self.detail}


def overdue_items(session: Session, *, now: dt.datetime, limit: int = 1000) -> list[DueItem]:
    """Open cases past their response deadline and emergency follow-ups past due."""
    out: list[DueItem] = []
    cases = session.execute(
        select(Case.id, Case.state, Case.deadline_at, Case.risk, DemandRecord.country,
               DemandRecord.authority)
        .join(DemandRecord, DemandRecord.id == Case.demand_id)
        .where(and_(OPEN_CASE, Case.deadline_at < now))
        .with_hint(Case, OPEN_DEADLINE_HINT, "sqlite")
        .order_by(Case.deadline_at).limit(limit)).all()
    for r in cases:
        late = now - r.deadline_at
        out.append(DueItem("response_deadline", r.id, r.deadline_at.isoformat(), r.state.value,
                           {"hours_late": round(late.total_seconds() / 3600, 1),
                            "risk": r.risk.value, "country": r.country,
                            "authority": r.authority}))
    fus = session.execute(
        select(FollowUp.case_id, FollowUp.due_on, Case.state)
        .join(Case, Case.id == FollowUp.case_id)
        .where(FollowUp.status == FollowUpStatus.OPEN, FollowUp.due_on < now.date())
        .order_by(FollowUp.due_on).limit(limit)).all()
    for case_id, due_on, state in fus:
        out.append(DueItem("emergency_followup", case_id, due_on.isoformat(), state.value,
                           {"days_late": (now.date() - due_on).days}))
    return out


def deferrals_due(session: Session, *, on: dt.date, limit: int = 1000) -> list[DueItem]:
    """Deferred user notices whose review date is ``on`` or earlier."""
    rows = session.execute(
        select(Notice, Case.state).join(Case, Case.id == Notice.case_id)
        .where(Notice.status == NoticeStatus.DEFERRED, Notice.review_on <= on)
        .order_by(Notice.review_on, Notice.case_id).limit(limit)).all()
    return [DueItem("deferral_review", n.case_id, n.review_on.isoformat() if n.review_on else "",
                    state.value,
                    {"target": n.target_index, "value": n.target,
                     "reason": n.deferral_reason.value if n.deferral_reason else None,
                     "legal_basis": n.legal_basis})
            for n, state in rows]
