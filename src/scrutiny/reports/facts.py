"""Keeping the report facts and cubes current (``scrutiny report-facts``; docs/reports.md).

``report_facts`` holds one row per case in its current state (as of +infinity), reduced to
report dimensions by the same query a report uses (:func:`~scrutiny.reports.queries.
facts_select`), with ``last_change_at``: the latest instant at which the case's state as of
a date can change (every timestamp of the case, its decisions, reviews, notices, appeals and
follow-ups, and the day after a follow-up falls due). ``report_fact_items`` holds the case's
notices, appeals and follow-ups by status, and ``report_cube`` the sum of all of it per
received month (:mod:`scrutiny.reports.cube`).

Every change to a case is written with an audit event naming the case, in the same
transaction and in commit order (``scrutiny.audit.log``). :func:`refresh` folds in the cases
named by events after the watermark ``report_state.audit_seq`` (and cases with ids above
``max_case_id``, in case rows were added without an event): it subtracts their stored
contribution from the cube, recomputes their rows and adds the new contribution, in one
transaction. A full rebuild recomputes everything; both are idempotent.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    union,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.sql.expression import Select

from scrutiny.reports.cube import (
    CUBE,
    ITEMS,
    KEYS,
    STORED,
    CubeRows,
    _table,
    contributions,
    pre_aggregates,
    read_rows,
)
from scrutiny.reports.queries import (
    FACTS,
    Subset,
    _CreateTempAs,
    appeal_outcome,
    day_after,
    facts_select,
    followup_status,
    notice_status,
)
from scrutiny.store.models import (
    REPORT_DIMENSIONS,
    Appeal,
    AuditHead,
    AuditRecord,
    Case,
    Decision,
    FollowUp,
    Notice,
    ReportState,
    ReviewRecord,
)

__all__ = [
    "FORMAT_VERSION",
    "INFINITY",
    "RefreshResult",
    "facts_built",
    "item_selects",
    "last_change_select",
    "read_state",
    "refresh",
    "signature",
    "stale_cases",
]

FORMAT_VERSION = 1
"""Bumped when the facts' definition changes: stored facts of another version are rebuilt."""

INFINITY = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)
"""The as-of instant of the stored facts (every recorded change has happened by then)."""

STATE = _table(ReportState)
CHANGED = Table("scrutiny_report_changed", MetaData(), Column("case_id", Integer),
                Column("demand_id", Integer), prefixes=["TEMPORARY"])
_LOCK_KEY = 0x5C7E6
REBUILD_ABOVE = 100_000
"""A refresh with more changed cases than this (and than a fifth of all cases) rebuilds."""


def signature(eu_states: Sequence[str]) -> str:
    """What stored facts depend on besides the records: format version and EU states."""
    return f"v{FORMAT_VERSION};eu={','.join(sorted(eu_states))}"


def _latest(dialect: str, first: Any, *others: Any) -> Any:
    """The latest of timestamps, ``first`` never NULL (NULLs among ``others`` ignored)."""
    if dialect == "postgresql":
        return func.greatest(first, *others)
    return func.max(first, *(func.coalesce(o, first) for o in others))  # scalar max()


def last_change_select(case_ids: Select[Any] | None, dialect: str = "postgresql"
                       ) -> Select[Any]:
    """``(case_id, t)``: the latest instant at which each case's as-of state can change."""
    def only(col: Any) -> list[Any]:
        return [] if case_ids is None else [col.in_(case_ids)]

    parts: list[Select[Any]] = [
        select(Case.id.label("case_id"), _latest(
            dialect, Case.received_at, Case.acknowledged_at, Case.decided_at,
            Case.executed_at, Case.closed_at, Case.updated_at).label("t")).where(*only(Case.id)),
        select(Decision.case_id, Decision.decided_at).where(*only(Decision.case_id)),
        select(Case.id, ReviewRecord.created_at)
        .join(Case, Case.demand_id == ReviewRecord.demand_id).where(*only(Case.id)),
        select(Notice.case_id, _latest(dialect, Notice.updated_at, Notice.notified_at,
                                       Notice.created_at, Notice.deferred_at))
        .where(*only(Notice.case_id)),
        select(Appeal.case_id, _latest(dialect, Appeal.filed_at, Appeal.decided_at))
        .where(*only(Appeal.case_id)),
        select(FollowUp.case_id, _latest(dialect, FollowUp.opened_at, FollowUp.resolved_at,
                                         day_after(FollowUp.due_on)))
        .where(*only(FollowUp.case_id)),
    ]
    u = union_all(*parts).subquery("changes")
    return (select(u.c.case_id, func.max(u.c.t).label("t")).where(u.c.t.is_not(None))
            .group_by(u.c.case_id))


def item_selects(as_of: dt.datetime, case_ids: Select[Any] | None) -> list[Select[Any]]:
    """``(case_id, family, k1, k2, n)``: notices, appeals, follow-ups by status as of ``as_of``
    (the same status rules as the report's own queries)."""
    def only(col: Any) -> list[Any]:
        return [] if case_ids is None else [col.in_(case_ids)]

    empty = literal("")
    status = notice_status(as_of)
    outcome = appeal_outcome(as_of)
    by = cast(Appeal.by, String)
    follow = followup_status(as_of)
    return [
        select(Notice.case_id, literal("notice"), status, empty, func.count())
        .where(*only(Notice.case_id)).group_by(Notice.case_id, status),
        select(Appeal.case_id, literal("appeal"), by, outcome, func.count())
        .where(Appeal.filed_at <= as_of, *only(Appeal.case_id))
        .group_by(Appeal.case_id, by, outcome),
        select(FollowUp.case_id, literal("followup"), follow, empty, func.count())
        .where(FollowUp.opened_at <= as_of, *only(FollowUp.case_id))
        .group_by(FollowUp.case_id, follow),
    ]


@dataclass(frozen=True)
class RefreshResult:
    """What :func:`refresh` did.

    Attributes:
        full: the facts were rebuilt from scratch.
        cases: cases whose facts were (re)computed.
        audit_seq: the audit event the facts are now current with.
        seconds: time taken.
    """

    full: bool
    cases: int
    audit_seq: int
    seconds: float


def read_state(conn: Connection) -> Any:
    """The ``report_state`` row, or ``None`` before the first build."""
    return conn.execute(select(STATE).where(STATE.c.id == 1)).first()


def facts_built(engine: Engine) -> bool:
    """Whether the report facts were built (a first report builds them, which takes a while on
    a large store)."""
    from sqlalchemy import inspect

    if not inspect(engine).has_table(STATE.name):
        return False
    with engine.connect().execution_options(scrutiny_read_only=True) as conn:
        return read_state(conn) is not None


def stale_cases(state: Any, upto: int | None = None) -> Select[Any]:
    """Ids of cases changed since the facts were folded in (audit events, new ids)."""
    events = select(AuditRecord.case_id).where(AuditRecord.seq > state.audit_seq,
                                               AuditRecord.case_id.is_not(None))
    if upto is not None:
        events = events.where(AuditRecord.seq <= upto)
    return union(events, select(Case.id).where(Case.id > state.max_case_id))  # type: ignore[return-value]


def _insert_facts(conn: Connection, eu: Sequence[str], subset: Subset | None) -> None:
    FACTS.drop(conn, checkfirst=True)
    conn.execute(_CreateTempAs(FACTS.name, facts_select(
        None, None, INFINITY, conn.dialect.name, eu, subset)))
    ids = None if subset is None else subset.case_ids
    lc = last_change_select(ids, conn.dialect.name).subquery("lc")
    f = FACTS.c
    cols = ["case_id", "demand_id", "review_id", "month", "received_at", *REPORT_DIMENSIONS,
            "accounts", "targets", "ack_dh", "act_dh"]
    conn.execute(insert(STORED).from_select(
        [*cols, "last_change_at"],
        select(*(f[c] for c in cols), lc.c.t).select_from(FACTS)
        .join(lc, lc.c.case_id == f.case_id)))
    FACTS.drop(conn)
    for q in item_selects(INFINITY, ids):
        conn.execute(insert(ITEMS).from_select(["case_id", "family", "k1", "k2", "n"], q))


def _pre_table(key: str, query: Select[Any]) -> Table:
    return Table(f"scrutiny_report_pre_{key}", MetaData(),
                 *(Column(c.name, c.type) for c in query.selected_columns),
                 prefixes=["TEMPORARY"])


def _upsert(conn: Connection, delta: CubeRows) -> None:
    if not delta:
        return
    names = ["family", "month", "nsl", *KEYS, "b"]
    rows = [{**dict(zip(names, key, strict=True)), "n": v[0], "accounts": v[1],
             "targets": v[2]} for key, v in delta.items()]
    ins = (postgresql.insert(CUBE) if conn.dialect.name == "postgresql"
           else sqlite.insert(CUBE))
    conn.execute(ins.on_conflict_do_update(
        index_elements=names,
        set_={m: CUBE.c[m] + ins.excluded[m] for m in ("n", "accounts", "targets")}), rows)
    conn.execute(delete(CUBE).where(*(CUBE.c[k] == bindparam(f"k_{k}") for k in names),
                                    CUBE.c.n == 0, CUBE.c.accounts == 0, CUBE.c.targets == 0),
                 [{f"k_{k}": r[k] for k in names} for r in rows])


def refresh(engine: Engine, eu_states: Sequence[str] | None = None, *,
            full: bool = False) -> RefreshResult:
    """Bring the report facts and cubes up to date with the case store.

    Args:
        engine: the case store's engine.
        eu_states: EU Member States (default: the DSA conventions' list).
        full: rebuild everything (also done when nothing was built yet, or the stored facts
            were computed with another format version or list of Member States).

    Returns:
        What was done. Idempotent: a second call right after does nothing.
    """
    from scrutiny.reports.conventions import dsa_conventions

    eu = tuple(dsa_conventions().member_states if eu_states is None else eu_states)
    sig = signature(eu)
    started = time.perf_counter()
    with engine.connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(_LOCK_KEY)))
        state = read_state(conn)
        head = int(conn.execute(select(func.coalesce(func.max(AuditHead.seq), 0))).scalar_one())
        max_case = int(conn.execute(select(func.coalesce(func.max(Case.id), 0))).scalar_one())
        rebuild = full or state is None or state.signature != sig
        if not rebuild and state.audit_seq == head and state.max_case_id == max_case:
            return RefreshResult(False, 0, head, time.perf_counter() - started)
        if not rebuild:
            CHANGED.drop(conn, checkfirst=True)
            CHANGED.create(conn)
            ids = stale_cases(state, head).subquery("stale")
            conn.execute(insert(CHANGED).from_select(
                ["case_id", "demand_id"],
                select(ids.c[0], Case.demand_id).select_from(ids)
                .outerjoin(Case, Case.id == ids.c[0])))
            count = int(conn.execute(select(func.count()).select_from(CHANGED)).scalar_one())
            if count > max(REBUILD_ABOVE, max_case // 5):  # e.g. after a bulk import
                CHANGED.drop(conn)
                rebuild = True
        if rebuild:
            for table in (CUBE, ITEMS, STORED):
                conn.execute(delete(table))
            _insert_facts(conn, eu, None)
            pre = {}
            for key, q in pre_aggregates(STORED).items():
                table = _pre_table(key, q)
                table.drop(conn, checkfirst=True)
                conn.execute(_CreateTempAs(table.name, q))
                pre[key] = table
            for q in contributions(STORED, ITEMS, None, eu, pre=pre):
                conn.execute(insert(CUBE).from_select(
                    ["family", "month", "nsl", *KEYS, "b", "n", "accounts", "targets"], q))
            for table in pre.values():
                table.drop(conn)
            count = int(conn.execute(select(func.count()).select_from(STORED)).scalar_one())
        else:
            changed = select(CHANGED.c.case_id)
            mine = STORED.c.case_id.in_(changed)
            delta = read_rows(conn, contributions(STORED, ITEMS, mine, eu), sign=-1,
                              by_month=True)
            conn.execute(delete(ITEMS).where(ITEMS.c.case_id.in_(changed)))
            conn.execute(delete(STORED).where(mine))
            _insert_facts(conn, eu, Subset(changed, select(CHANGED.c.demand_id).where(
                CHANGED.c.demand_id.is_not(None))))
            read_rows(conn, contributions(STORED, ITEMS, mine, eu), into=delta, by_month=True)
            _upsert(conn, delta)
            CHANGED.drop(conn)
        now = dt.datetime.now(dt.UTC)
        conn.execute(delete(STATE))
        conn.execute(insert(STATE).values(
            id=1, audit_seq=head, max_case_id=max_case, signature=sig,
            built_at=now if rebuild else state.built_at, refreshed_at=now))
    return RefreshResult(rebuild, count, head, time.perf_counter() - started)

