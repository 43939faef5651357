"""Named aggregate queries over the case store (SQLAlchemy Core; SQLite and PostgreSQL).

Every figure of a report comes from here. The work is done by the database in two steps:

1. :func:`facts_select` — one row per case received in the period (and by ``as_of``), with
   the case's state *as of* ``as_of`` reduced to report dimensions (primary demand type,
   outcome, tenths of an hour to acknowledge and to act…). It is materialised once per
   report as a temporary table, so the joins run once.
2. Seven ``GROUP BY`` scans of that table (:data:`PASSES`), from which every named grouping
   (:data:`GROUPINGS`) is read by summing over the other dimensions, plus grouped queries
   over notices, appeals, follow-ups and verdicts — results of a few thousand rows whatever
   the size of the store.

Medians are computed from per-bucket histograms grouped in the database, so no per-case
rows cross the wire. State as of a date comes from the records' own timestamps: a case
counts as executed only if ``executed_at <= as_of``, a decision only if it was taken by then,
and so on; records created after ``as_of`` are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import ClauseElement, Executable, Select
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Integer as IntegerType

from scrutiny.store.models import (
    Appeal,
    AuditRecord,
    Case,
    Decision,
    DemandRecord,
    DemandTag,
    FollowUp,
    Notice,
    ReviewRecord,
    VerdictRecord,
)
from scrutiny.store.types import UTCDateTime

__all__ = [
    "FACTS",
    "GROUPINGS",
    "NATIONAL_SECURITY_PROCESSES",
    "OUTCOMES",
    "PASSES",
    "TYPE_PRECEDENCE",
    "Checkpoint",
    "Facts",
    "Grouping",
    "Pass",
    "Subset",
    "appeal_outcome",
    "collect",
    "collect_on",
    "day_after",
    "facts_select",
    "followup_status",
    "notice_status",
    "snapshot",
]

TYPE_PRECEDENCE = (
    "emergency_disclosure",
    "interception",
    "disclosure",
    "content_restriction",
    "account_action",
    "preservation",
)
"""A demand of several types is reported under the first of its types in this order."""

OUTCOMES = ("produced", "narrowed", "none", "rejected", "pending")
"""Outcome of a demand as of the report date (``docs/reports.md`` defines each)."""

UNKNOWN = "unknown"


def _per_dialect(function: type[FunctionElement[Any]], **templates: str) -> None:
    """Compile ``function`` on each back end (``sqlite=``, ``postgresql=``) from a template
    where ``{0}``, ``{1}``… stand for its compiled arguments."""
    for dialect, template in templates.items():
        def render(element: FunctionElement[Any], compiler: Any, _template: str = template,
                   **kw: Any) -> str:
            return _template.format(*(compiler.process(c, **kw) for c in element.clauses))

        compiles(function, dialect)(render)


class seconds_between(FunctionElement[int]):
    """Whole seconds from the first timestamp to the second, on either back end."""

    type = IntegerType()
    inherit_cache = True


_per_dialect(
    seconds_between,
    sqlite="(CAST(strftime('%s', {1}) AS INTEGER) - CAST(strftime('%s', {0}) AS INTEGER))",
    postgresql="(CAST(FLOOR(EXTRACT(EPOCH FROM {1})) AS BIGINT) - "
               "CAST(FLOOR(EXTRACT(EPOCH FROM {0})) AS BIGINT))")


def tenth_hours_between(start: Any, end: Any) -> ColumnElement[int]:
    """Whole tenths of an hour (6-minute steps, rounded down) from ``start`` to ``end``."""
    return seconds_between(start, end) // 360


class year_month(FunctionElement[str]):
    """``YYYY-MM`` of a UTC timestamp."""

    type = String()
    inherit_cache = True


_per_dialect(year_month, sqlite="substr({0}, 1, 7)",
             postgresql="to_char({0} AT TIME ZONE 'UTC', 'YYYY-MM')")


class day_after(FunctionElement[dt.datetime]):
    """Midnight UTC at the start of the day after a date (when a due date has passed)."""

    type = UTCDateTime()
    inherit_cache = True


_per_dialect(day_after, sqlite="(date({0}, '+1 day') || ' 00:00:00.000000')",
             postgresql="((CAST({0} AS timestamp) + interval '1 day') AT TIME ZONE 'UTC')")


class _CreateTempAs(Executable, ClauseElement):
    inherit_cache = False

    def __init__(self, name: str, query: Select[Any]) -> None:
        self.name = name
        self.query = query


@compiles(_CreateTempAs)
def _create_temp_as(element: _CreateTempAs, compiler: Any, **kw: Any) -> str:
    return f"CREATE TEMPORARY TABLE {element.name} AS {compiler.process(element.query, **kw)}"


NATIONAL_SECURITY_PROCESSES: tuple[str, ...] = ("national_security_letter",)
"""Processes whose counts the law allows to publish only in bands (50 U.S.C. 1874(a))."""

FACT_COLUMNS = (
    "country", "rtype", "month", "reason", "eu_reason", "action", "process", "authority",
    "judicial",
    "xborder", "treaty", "unofficial", "prohibited", "data_scope", "outcome", "recommendation",
    "followed",
)
"""Dimension columns of the facts table."""

FACTS = Table(
    "scrutiny_report_facts", MetaData(),
    Column("case_id", Integer),
    Column("demand_id", Integer),
    Column("review_id", Integer),
    Column("received_at", String),
    *(Column(name, String) for name in FACT_COLUMNS),
    Column("accounts", Integer),
    Column("targets", Integer),
    Column("ack_dh", Integer),
    Column("act_dh", Integer),
    prefixes=["TEMPORARY"],
)
"""The per-report facts table (one row per case in the period)."""


def _as_text(flag: Any, yes: str, no: str) -> ColumnElement[str]:
    return case((flag.is_(True), literal(yes)), (flag.is_(False), literal(no)),
                else_=literal(UNKNOWN))


@dataclass(frozen=True)
class Subset:
    """A set of cases to restrict :func:`facts_select` to (subqueries of their ids).

    Attributes:
        case_ids: ``SELECT`` of case ids.
        demand_ids: ``SELECT`` of the same cases' demand ids.
    """

    case_ids: Select[Any]
    demand_ids: Select[Any]


def facts_select(start: dt.datetime | None, end: dt.datetime | None, as_of: dt.datetime,
                 dialect: str = "postgresql", eu_states: Sequence[str] = (),
                 subset: Subset | None = None) -> Select[Any]:
    """One row per case received in ``[start, end)`` and no later than ``as_of``.

    ``start``/``end`` ``None``: no bound. ``subset``: only those cases (every lookup is
    restricted to them, so a small subset is cheap whatever the size of the store).

    Columns: see :data:`FACTS`; ``ack_dh``/``act_dh`` are tenths of an hour from receipt to
    acknowledgement / to execution (``NULL`` when that had not happened by ``as_of``).
    ``outcome`` is the state as of ``as_of``: ``produced`` or ``narrowed`` once executed (by
    the latest effective decision's outcome), ``rejected`` once a reject decision was taken,
    ``none`` for cases withdrawn or closed without action, else ``pending``. ``eu_reason`` is
    the reason for demands from ``eu_states`` (the DSA part), ``-`` for the others.

    Two layers: ``report_base`` looks up, once per case, the primary type, reason, data scope
    and the latest decision and review by ``as_of`` (grouped subqueries, one pass over each
    table); the outer query derives the report dimensions from it. On SQLite the base is
    materialised so that its lookups are not evaluated again for every use.
    """
    tag = DemandTag.__table__.alias("tag")
    type_rank = case({t: i for i, t in enumerate(TYPE_PRECEDENCE)}, value=tag.c.value,
                     else_=len(TYPE_PRECEDENCE))
    is_content = case((tag.c.value.in_(("content", "rt_content")), 1), else_=0)
    decision_filter = (Decision.decided_at <= as_of, Decision.status == "effective")
    joins: list[tuple[Any, Any]] = []
    lookups: dict[str, Any] = {}

    def grouped(agg: Any, facet: str, name: str) -> Any:
        if dialect == "sqlite":  # answered from the primary key index, once per case
            return (select(agg).where(tag.c.demand_id == Case.demand_id, tag.c.facet == facet)
                    .scalar_subquery())
        sub_q = select(tag.c.demand_id.label("demand_id"), agg.label("v")).where(
            tag.c.facet == facet)
        if subset is not None:
            sub_q = sub_q.where(tag.c.demand_id.in_(subset.demand_ids))
        sub = sub_q.group_by(tag.c.demand_id).subquery(name)
        joins.append((sub, sub.c.demand_id == Case.demand_id))
        return sub.c.v

    lookups["rank"] = grouped(func.min(type_rank), "demand_type", "ptype")
    lookups["reason"] = grouped(func.min(tag.c.value), "reason_category", "preason")
    lookups["content"] = grouped(func.max(is_content), "data_category", "pscope")
    dec_q = select(Decision.case_id.label("case_id"), func.max(Decision.id).label("v")).where(
        *decision_filter)
    rev_q = select(ReviewRecord.demand_id.label("demand_id"),
                   func.max(ReviewRecord.id).label("v")).where(ReviewRecord.created_at <= as_of)
    if subset is not None:
        dec_q = dec_q.where(Decision.case_id.in_(subset.case_ids))
        rev_q = rev_q.where(ReviewRecord.demand_id.in_(subset.demand_ids))
    lastdec = dec_q.group_by(Decision.case_id).subquery("lastdec")
    joins.append((lastdec, lastdec.c.case_id == Case.id))
    lookups["decision_id"] = lastdec.c.v
    lastrev = rev_q.group_by(ReviewRecord.demand_id).subquery("lastrev")
    joins.append((lastrev, lastrev.c.demand_id == Case.demand_id))
    lookups["review_id"] = lastrev.c.v
    base_q = select(
        Case.id.label("case_id"), Case.demand_id, Case.state, Case.recommendation,
        Case.received_at,
        Case.acknowledged_at, Case.executed_at, Case.closed_at, Case.updated_at,
        DemandRecord.country, DemandRecord.process_type, DemandRecord.authority_kind,
        DemandRecord.channel, DemandRecord.judicial_authorisation, DemandRecord.cross_border,
        DemandRecord.treaty_channel, DemandRecord.reporting_prohibited,
        DemandRecord.territorial_scope, DemandRecord.account_count, DemandRecord.target_count,
        *(v.label(k) for k, v in lookups.items()),
    ).select_from(Case).join(DemandRecord, DemandRecord.id == Case.demand_id)
    for sub, on in joins:
        base_q = base_q.outerjoin(sub, on)
    base_q = base_q.where(Case.received_at <= as_of)
    if start is not None:
        base_q = base_q.where(Case.received_at >= start)
    if end is not None:
        base_q = base_q.where(Case.received_at < end)
    if subset is not None:
        base_q = base_q.where(Case.id.in_(subset.case_ids))
    base = base_q.cte("report_base")
    if dialect == "sqlite":
        base = base.prefix_with("MATERIALIZED")
    b = base.c
    dec = Decision.__table__.alias("dec")
    rtype = case({i: literal(t) for i, t in enumerate(TYPE_PRECEDENCE)}, value=b.rank,
                 else_=literal(UNKNOWN))
    executed = and_(b.executed_at.is_not(None), b.executed_at <= as_of)
    outcome = case(
        (executed, case((dec.c.outcome == "comply_narrowed", literal("narrowed")),
                        else_=literal("produced"))),
        (dec.c.outcome == "reject", literal("rejected")),
        (and_(b.state == "rejected", b.updated_at <= as_of), literal("rejected")),
        (or_(and_(b.state == "withdrawn", b.updated_at <= as_of),
             and_(b.state == "closed", b.closed_at <= as_of)), literal("none")),
        else_=literal("pending"),
    )
    followed = case((dec.c.followed_recommendation.is_(True), literal("followed")),
                    (dec.c.followed_recommendation.is_(False), literal("overridden")),
                    else_=literal("undecided"))
    unofficial = case(
        (or_(b.channel == "tos_flag", b.process_type.in_(("none", "informal_letter"))),
         literal("yes")), else_=literal("no"))
    action = case(
        (rtype != literal("content_restriction"), literal("-")),
        (outcome == literal("produced"),
         case((b.territorial_scope.in_(("local", "national", "regional")),
               literal("geo_restricted")), else_=literal("removed"))),
        (outcome == literal("narrowed"), literal("geo_restricted")),
        (outcome == literal("rejected"), literal("declined")),
        (outcome == literal("none"), literal("withdrawn")),
        else_=literal("pending"))
    return select(
        b.case_id,
        b.demand_id,
        b.review_id,
        b.received_at,
        func.coalesce(b.country, literal(UNKNOWN)).label("country"),
        rtype.label("rtype"),
        year_month(b.received_at).label("month"),
        func.coalesce(b.reason, literal("other")).label("reason"),
        (case((b.country.in_(list(eu_states)), func.coalesce(b.reason, literal("other"))),
              else_=literal("-")) if eu_states else literal("-")).label("eu_reason"),
        action.label("action"),
        func.coalesce(b.process_type, literal(UNKNOWN)).label("process"),
        func.coalesce(b.authority_kind, literal(UNKNOWN)).label("authority"),
        _as_text(b.judicial_authorisation, "court", "not_court").label("judicial"),
        _as_text(b.cross_border, "cross_border", "domestic").label("xborder"),
        func.coalesce(b.treaty_channel, literal("none")).label("treaty"),
        unofficial.label("unofficial"),
        case((b.reporting_prohibited.is_(True), literal("yes")),
             else_=literal("no")).label("prohibited"),
        case((b.content == 1, literal("content")), (b.content == 0, literal("non_content")),
             else_=literal(UNKNOWN)).label("data_scope"),
        outcome.label("outcome"),
        func.coalesce(dec.c.recommendation, b.recommendation,
                      literal("none")).label("recommendation"),
        followed.label("followed"),
        b.account_count.label("accounts"),
        b.target_count.label("targets"),
        case((b.acknowledged_at <= as_of,
              tenth_hours_between(b.received_at, b.acknowledged_at)),
             else_=None).label("ack_dh"),
        case((executed, tenth_hours_between(b.received_at, b.executed_at)),
             else_=None).label("act_dh"),
    ).select_from(base).outerjoin(dec, dec.c.id == b.decision_id)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The audit-log position a report was computed at.

    Attributes:
        seq: sequence number of the last audit event at or before ``as_of`` (0: none).
        hash: that event's chain hash (``""`` when the log is empty by then).
        at: that event's time.
    """

    seq: int
    hash: str
    at: str | None


@dataclass(frozen=True, slots=True)
class Pass:
    """One ``GROUP BY`` scan of the facts table; several named groupings are read from it.

    Attributes:
        dims: facts columns (or ``eu_reason``: the reason for EU Member States, else ``-``).
        measures: ``n`` (cases), ``accounts``, ``targets`` (sums).
    """

    dims: tuple[str, ...]
    measures: tuple[str, ...] = ("n",)


PASSES: dict[str, Pass] = {
    "main": Pass(("country", "rtype", "outcome", "month"), ("n", "accounts", "targets")),
    "subject": Pass(("country", "rtype", "reason", "action"), ("n", "targets")),
    "process": Pass(("country", "rtype", "process", "judicial", "authority", "unofficial")),
    "routing": Pass(("country", "xborder", "treaty", "unofficial", "prohibited",
                     "data_scope")),
    "decision": Pass(("recommendation", "followed")),
    "ack": Pass(("country", "rtype", "eu_reason", "ack_dh")),
    "act": Pass(("country", "rtype", "eu_reason", "act_dh")),
}
"""The scans of the facts table (seven, whatever the number of named groupings; one
``GROUPING SETS`` query was measured slower on PostgreSQL than these seven scans)."""


@dataclass(frozen=True, slots=True)
class Grouping:
    """A named aggregate, read from one :class:`Pass` by summing over the other dimensions.

    Attributes:
        source: the pass it is read from.
        dims: the dimensions kept.
        measures: the measures kept.
        eu_only: keep only rows whose country is an EU Member State (the DSA part).
    """

    source: str
    dims: tuple[str, ...]
    measures: tuple[str, ...] = ("n",)
    eu_only: bool = False


GROUPINGS: dict[str, Grouping] = {
    "country_type_outcome": Grouping("main", ("country", "rtype", "outcome"),
                                     ("n", "accounts", "targets")),
    "month_type": Grouping("main", ("month", "rtype")),
    "country_process": Grouping("process", ("country", "process", "judicial")),
    "country_route": Grouping("routing", ("country", "xborder", "treaty", "unofficial")),
    "country_prohibited": Grouping("routing", ("country", "prohibited")),
    "country_scope": Grouping("routing", ("country", "data_scope")),
    "type_process": Grouping("process", ("rtype", "process")),
    "type_authority": Grouping("process", ("rtype", "authority")),
    "type_unofficial": Grouping("process", ("rtype", "unofficial")),
    "restriction": Grouping("subject", ("reason", "action")),
    "decision": Grouping("decision", ("recommendation", "followed")),
    "ack_country": Grouping("ack", ("country", "ack_dh")),
    "act_country": Grouping("act", ("country", "act_dh")),
    "ack_type": Grouping("ack", ("rtype", "ack_dh")),
    "act_type": Grouping("act", ("rtype", "act_dh")),
    "dsa": Grouping("subject", ("country", "rtype", "reason"), ("n", "targets"), eu_only=True),
    "dsa_ack": Grouping("ack", ("country", "rtype", "eu_reason", "ack_dh"), eu_only=True),
    "dsa_act": Grouping("act", ("country", "rtype", "eu_reason", "act_dh"), eu_only=True),
}
"""Every named aggregate (see ``docs/reports.md``); timing groupings drop cases not yet
acknowledged / acted on by the report date."""

Rows = dict[tuple[str, ...], tuple[int, ...]]
Refiner = Callable[[str, frozenset[tuple[str, ...]], int], dict[int, int]]


@dataclass
class Facts:
    """Raw, exact results of every named query for one period and as-of instant.

    ``groups[name]`` maps the dimension values of :data:`GROUPINGS` ``[name]`` (as strings)
    to the measures; the other fields come from the notices, appeals, follow-ups, verdicts
    and audit tables.
    """

    groups: dict[str, Rows] = field(default_factory=dict)
    notices: Rows = field(default_factory=dict)
    """(country, given/deferred_<reason>/not_possible/pending) -> users concerned."""
    appeals: Rows = field(default_factory=dict)
    """(user/company, outcome or open) -> appeals."""
    followups: Rows = field(default_factory=dict)
    """(country, received/overdue/lapsed/awaiting) -> emergency follow-ups."""
    verdicts: Rows = field(default_factory=dict)
    """(safeguard, status) -> demands (latest review by as_of)."""
    reviewed: int = 0
    """Demands in the period with a review by ``as_of``."""
    overrides: list[dict[str, Any]] = field(default_factory=list)
    """Internal only: cases whose decision overrode the recommendation (ids, reasons)."""
    checkpoint: Checkpoint = field(default_factory=lambda: Checkpoint(0, "", None))
    national_security: int = 0
    """Demands in the period under national-security process (published only in bands)."""
    national_security_separated: bool = False
    """True when those demands were left out of every other figure (public reports)."""
    timing_step: int = 1
    """Width (tenths of an hour) of the duration buckets in the timed groupings' last
    dimension: 1 for exact tenths; more when they come from the cubes' coarse buckets."""
    refine: Refiner | None = None
    """With coarse buckets: ``refine(grouping, prefixes, bucket)`` gives the exact
    ``{tenths: cases}`` inside one bucket for the rows whose other dimensions are in
    ``prefixes`` (valid while the report's snapshot is open)."""
    method: str = "scan"
    """How the figures were computed: ``scan`` (every case) or ``cube``."""


def _measure(name: str) -> ColumnElement[Any]:
    if name == "n":
        return func.count()
    return func.coalesce(func.sum(FACTS.c[name]), 0)


def _rows(conn: Connection, query: Select[Any], width: int) -> Rows:
    out: Rows = {}
    for row in conn.execute(query):
        out[tuple("" if v is None else str(v) for v in row[:width])] = tuple(
            int(v or 0) for v in row[width:])
    return out


def _pass_query(p: Pass) -> Select[Any]:
    cols = [FACTS.c[d] for d in p.dims]
    return select(*cols, *(_measure(m) for m in p.measures)).group_by(*cols)


def _derive(rows: Rows, p: Pass, g: Grouping, eu: frozenset[str]) -> Rows:
    keep = [p.dims.index(d) for d in g.dims]
    take = [p.measures.index(m) for m in g.measures]
    country = p.dims.index("country") if "country" in p.dims else None
    timed = [i for i in keep if p.dims[i].endswith("_dh")]
    out: dict[tuple[str, ...], list[int]] = {}
    for dims, values in rows.items():
        if any(dims[i] == "" for i in timed):
            continue
        if g.eu_only and (country is None or dims[country] not in eu):
            continue
        key = tuple(dims[i] for i in keep)
        acc = out.setdefault(key, [0] * len(take))
        for k, i in enumerate(take):
            acc[k] += values[i]
    return {k: tuple(v) for k, v in out.items()}


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    if engine.dialect.name == "postgresql":
        conn = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    else:
        conn = engine.connect().execution_options(scrutiny_read_only=True)
    try:
        with conn.begin():
            yield conn
    finally:
        conn.close()


def collect(engine: Engine, start: dt.datetime, end: dt.datetime, as_of: dt.datetime,
            *, eu_states: Sequence[str] = (), internal: bool = False,
            separate_national_security: bool = False) -> Facts:
    """Run every named query for the period ``[start, end)`` as of ``as_of``, by scanning
    every case of the period (the reference computation; :mod:`scrutiny.reports.cubed` reads
    the cubes instead and gives the same figures).

    Args:
        engine: the case store's engine.
        start, end: the period as aware UTC datetimes.
        as_of: records created after it are left out; states are taken as of it.
        eu_states: ISO codes of EU Member States (rows of the DSA part).
        internal: also list override cases (identifiers, free text) for the internal view.
        separate_national_security: leave demands under national-security process
            (:data:`NATIONAL_SECURITY_PROCESSES`) out of every figure; they are only counted
            in ``Facts.national_security`` (the public report publishes them in bands).

    Returns:
        The exact figures, in one consistent snapshot of the store.
    """
    with snapshot(engine) as conn:
        return collect_on(conn, start, end, as_of, eu_states=eu_states, internal=internal,
                          separate_national_security=separate_national_security)


def collect_on(conn: Connection, start: dt.datetime, end: dt.datetime, as_of: dt.datetime,
               *, eu_states: Sequence[str] = (), internal: bool = False,
               separate_national_security: bool = False) -> Facts:
    """:func:`collect` on an open connection (inside a snapshot)."""
    facts = Facts()
    FACTS.drop(conn, checkfirst=True)
    conn.execute(_CreateTempAs(FACTS.name, facts_select(
        start, end, as_of, conn.dialect.name, eu_states)))
    conn.exec_driver_sql(f"CREATE INDEX ix_{FACTS.name}_case ON {FACTS.name} (case_id)")
    nsl = FACTS.c.process.in_(NATIONAL_SECURITY_PROCESSES)
    facts.national_security = int(conn.execute(
        select(func.count()).select_from(FACTS).where(nsl)).scalar_one())
    if separate_national_security:
        conn.execute(FACTS.delete().where(nsl))
        facts.national_security_separated = True
    scans = {name: _rows(conn, _pass_query(p), len(p.dims)) for name, p in PASSES.items()}
    eu = frozenset(eu_states)
    for name, g in GROUPINGS.items():
        facts.groups[name] = _derive(scans[g.source], PASSES[g.source], g, eu)
    facts.notices = _rows(conn, _notices_query(as_of), 2)
    facts.appeals = _rows(conn, _appeals_query(as_of), 2)
    facts.followups = _rows(conn, _followups_query(as_of), 2)
    facts.verdicts, facts.reviewed = _verdicts(conn)
    if internal:
        facts.overrides = _overrides(conn, as_of)
    facts.checkpoint = _checkpoint(conn, as_of)
    FACTS.drop(conn)
    return facts


def notice_status(as_of: dt.datetime) -> ColumnElement[str]:
    """A notice's report status as of ``as_of`` (``given``, ``deferred_<reason>``…)."""
    return case(
        (and_(Notice.notified_at.is_not(None), Notice.notified_at <= as_of), literal("given")),
        (and_(Notice.status == "deferred", Notice.updated_at <= as_of),
         literal("deferred_") + func.coalesce(cast(Notice.deferral_reason, String),
                                              literal(UNKNOWN))),
        (and_(Notice.status == "not_possible", Notice.updated_at <= as_of),
         literal("not_possible")),
        else_=literal("pending"))


def appeal_outcome(as_of: dt.datetime) -> ColumnElement[str]:
    """An appeal's outcome as of ``as_of`` (``open`` until decided by then)."""
    return case(
        (and_(Appeal.decided_at.is_not(None), Appeal.decided_at <= as_of,
              Appeal.outcome.is_not(None)), cast(Appeal.outcome, String)),
        else_=literal("open"))


def followup_status(as_of: dt.datetime) -> ColumnElement[str]:
    """An emergency follow-up's status as of ``as_of``."""
    resolved = and_(FollowUp.resolved_at.is_not(None), FollowUp.resolved_at <= as_of)
    return case(
        (and_(resolved, FollowUp.status == "received"), literal("received")),
        (and_(resolved, FollowUp.status == "lapsed"), literal("lapsed")),
        (FollowUp.due_on < as_of.date(), literal("overdue")),
        else_=literal("awaiting"))


def _notices_query(as_of: dt.datetime) -> Select[Any]:
    f = FACTS.c
    status = notice_status(as_of)
    return (select(f.country, status, func.count())
            .select_from(Notice).join(FACTS, FACTS.c.case_id == Notice.case_id)
            .group_by(f.country, status))


def _appeals_query(as_of: dt.datetime) -> Select[Any]:
    outcome = appeal_outcome(as_of)
    return (select(cast(Appeal.by, String), outcome, func.count())
            .select_from(Appeal).join(FACTS, FACTS.c.case_id == Appeal.case_id)
            .where(Appeal.filed_at <= as_of)
            .group_by(cast(Appeal.by, String), outcome))


def _followups_query(as_of: dt.datetime) -> Select[Any]:
    f = FACTS.c
    status = followup_status(as_of)
    return (select(f.country, status, func.count())
            .select_from(FollowUp).join(FACTS, FACTS.c.case_id == FollowUp.case_id)
            .where(FollowUp.opened_at <= as_of)
            .group_by(f.country, status))


def _verdicts(conn: Connection) -> tuple[Rows, int]:
    f = FACTS.c
    reviewed = conn.execute(select(func.count()).where(f.review_id.is_not(None))).scalar_one()
    rows = _rows(conn, select(VerdictRecord.safeguard, VerdictRecord.status, func.count())
                 .where(VerdictRecord.review_id.in_(select(f.review_id)))
                 .group_by(VerdictRecord.safeguard, VerdictRecord.status), 2)
    return rows, int(reviewed)


def _overrides(conn: Connection, as_of: dt.datetime) -> list[dict[str, Any]]:
    query = (
        select(Decision.case_id, Decision.recommendation, Decision.outcome,
               Decision.override_reason, Decision.decided_at)
        .join(FACTS, FACTS.c.case_id == Decision.case_id)
        .where(Decision.followed_recommendation.is_(False), Decision.decided_at <= as_of,
               Decision.status == "effective")
        .order_by(Decision.case_id, Decision.id)
    )
    return [{"case_id": r[0], "recommendation": r[1], "outcome": str(r[2]),
             "override_reason": r[3], "decided_at": r[4].isoformat()}
            for r in conn.execute(query)]


def _checkpoint(conn: Connection, as_of: dt.datetime) -> Checkpoint:
    stamp = as_of.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    row = conn.execute(
        select(AuditRecord.seq, AuditRecord.hash, AuditRecord.at)
        .where(AuditRecord.at <= stamp).order_by(AuditRecord.seq.desc()).limit(1)).first()
    if row is None:
        return Checkpoint(0, "", None)
    return Checkpoint(int(row[0]), str(row[1]), str(row[2]))
