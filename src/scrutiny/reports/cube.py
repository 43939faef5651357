"""Report cubes: every named grouping of the report, counted per received month.

A *family* is one named grouping (:data:`~scrutiny.reports.queries.GROUPINGS`) or one of
``notices``, ``appeals``, ``followups``, ``verdicts``, ``reviewed``. Its *contribution*
from a facts-shaped table (the persistent ``report_facts``, or a per-report temporary table
of cases computed as of a date) is one ``GROUP BY`` over that table, grouped additionally by
``month`` and ``nsl`` (national-security process or not). Stored, these rows are the cube
``report_cube``; at report time the same queries, restricted to a few cases, give the exact
corrections. Counts and histograms add up, so sums of contributions are exact.

Durations (tenths of an hour) are kept twice: in a ``…:f`` family at full resolution, and
in the grouping's own family in coarse buckets of :data:`STEP` tenths (truncated towards
zero, like the SQL division). A median is located in the coarse buckets and read exactly from
the fine rows of the one or two buckets it falls in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    case,
    false,
    func,
    literal,
    select,
    true,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import Select

from scrutiny.reports.queries import GROUPINGS, NATIONAL_SECURITY_PROCESSES
from scrutiny.store.models import ReportCube, ReportFact, ReportFactItem, VerdictRecord

__all__ = [
    "CUBE",
    "ITEMS",
    "KEYS",
    "LIVE_ITEMS",
    "STEP",
    "STORED",
    "CubeRows",
    "add_rows",
    "bucket",
    "bucket_range",
    "contributions",
    "fine",
    "pre_aggregates",
    "read_rows",
]

STEP = 100
"""Coarse duration bucket: 100 tenths of an hour (10 hours)."""

KEYS = ("k1", "k2", "k3", "k4")
"""Dimension columns of a cube row."""



def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


CUBE = _table(ReportCube)
ITEMS = _table(ReportFactItem)
STORED = _table(ReportFact)
VERDICTS = _table(VerdictRecord)

LIVE_ITEMS = Table(
    "scrutiny_report_items", MetaData(),
    Column("case_id", Integer), Column("family", String), Column("k1", String),
    Column("k2", String), Column("n", Integer),
    prefixes=["TEMPORARY"],
)
"""Per-report temporary table: notices, appeals and follow-ups of the cases in ``FACTS``."""

CubeRows = dict[tuple[Any, ...], list[int]]
"""``(family, nsl, k1, k2, k3, k4, b) -> [n, accounts, targets]``."""


def fine(family: str) -> str:
    """The full-resolution family of a timed grouping."""
    return family + ":f"


def bucket(tenths: int) -> int:
    """The coarse bucket of a duration (integer division truncated towards zero, as SQL)."""
    q = abs(tenths) // STEP
    return -q if tenths < 0 else q


def bucket_range(b: int) -> tuple[int, int]:
    """The durations (tenths, inclusive) whose coarse bucket is ``b``."""
    if b > 0:
        return b * STEP, b * STEP + STEP - 1
    if b < 0:
        return b * STEP - STEP + 1, b * STEP
    return -STEP + 1, STEP - 1


def _nsl(f: Any) -> ColumnElement[int]:
    return case((f.process.in_(NATIONAL_SECURITY_PROCESSES), literal(1)), else_=literal(0))


def _pad(values: Sequence[Any]) -> list[Any]:
    return [*values, *(literal("") for _ in range(len(KEYS) - len(values)))]


PRE_DIMENSIONS = ("month", "process", "country", "rtype", "reason", "eu_reason", "action",
                  "authority", "judicial", "xborder", "treaty", "unofficial", "prohibited",
                  "data_scope", "outcome", "recommendation", "followed")
"""Columns of the pre-aggregate of every untimed grouping (a full rebuild groups the facts
once by these, then each grouping from that much smaller table)."""
PRE_TIMED = ("month", "process", "country", "rtype", "eu_reason")
"""Columns (besides the duration) of the pre-aggregates of the timed groupings."""


def pre_aggregates(facts: Table) -> dict[str, Select[Any]]:
    """``main``, ``ack_dh``, ``act_dh``: ``GROUP BY`` queries pre-aggregating ``facts``
    (columns as in ``facts`` plus ``n``), for :func:`contributions` ``pre=``."""
    f = facts.c
    main = [f[c] for c in PRE_DIMENSIONS]
    out = {"main": select(*main, func.count().label("n"),
                          func.sum(f.accounts).label("accounts"),
                          func.sum(f.targets).label("targets")).group_by(*main)}
    for dh in ("ack_dh", "act_dh"):
        cols = [*(f[c] for c in PRE_TIMED), f[dh]]
        out[dh] = (select(*cols, func.count().label("n"), literal(0).label("accounts"),
                          literal(0).label("targets"))
                   .where(f[dh].is_not(None)).group_by(*cols))
    return out


def contributions(facts: Table, items: Table, where: ColumnElement[bool] | None,
                  eu_states: Sequence[str], pre: dict[str, Table] | None = None
                  ) -> list[Select[Any]]:
    """Queries giving every family's rows from ``facts``/``items`` (cases matching ``where``).

    Each query yields ``family, month, nsl, k1, k2, k3, k4, b, n, accounts, targets``.
    ``pre``: the groupings are read from these tables of :func:`pre_aggregates` of all of
    ``facts`` instead (same result, faster for a full rebuild; ``where`` must be ``None``).
    """
    cond = true() if where is None else where
    out: list[Select[Any]] = []
    for name, g in GROUPINGS.items():
        timed = g.dims[-1] if g.dims[-1].endswith("_dh") else None
        src = facts.c if pre is None else pre[timed or "main"].c
        out.extend(_grouping(name, g.dims, g.measures, timed, g.eu_only, src, cond,
                             eu_states, weighted=pre is not None))
    out.extend(_item_families(facts, items, cond))
    return out


def _grouping(name: str, gdims: tuple[str, ...], gmeasures: tuple[str, ...], timed: str | None,
              eu_only: bool, f: Any, cond: ColumnElement[bool], eu_states: Sequence[str],
              *, weighted: bool) -> list[Select[Any]]:
    nsl = _nsl(f)
    zero = literal(0)
    measures = [
        func.sum(f.n) if weighted else func.count(),
        func.coalesce(func.sum(f.accounts), 0) if "accounts" in gmeasures else zero,
        func.coalesce(func.sum(f.targets), 0) if "targets" in gmeasures else zero,
    ]
    dims = [f[d] for d in (gdims[:-1] if timed else gdims)]
    filters = [cond]
    if eu_only:
        filters.append(f.country.in_(list(eu_states)) if eu_states else false())
    if timed is None:
        return [select(literal(name), f.month, nsl, *_pad(dims), zero, *measures)
                .where(*filters).group_by(f.month, nsl, *dims)]
    dh = f[timed]
    filters.append(dh.is_not(None))
    return [select(literal(family), f.month, nsl, *_pad(dims), b, *measures)
            .where(*filters).group_by(f.month, nsl, *dims, b)
            for family, b in ((name, dh // STEP), (fine(name), dh))]


def _item_families(facts: Table, items: Table, cond: ColumnElement[bool]) -> list[Select[Any]]:
    f = facts.c
    nsl = _nsl(f)
    zero = literal(0)
    out: list[Select[Any]] = []
    i = items.c
    joined = items.join(facts, f.case_id == i.case_id)
    for family, item, keys in (("notices", "notice", (f.country, i.k1)),
                               ("appeals", "appeal", (i.k1, i.k2)),
                               ("followups", "followup", (f.country, i.k1))):
        out.append(select(literal(family), f.month, nsl, *_pad(keys), zero,
                          func.coalesce(func.sum(i.n), 0), zero, zero)
                   .select_from(joined).where(cond, i.family == item)
                   .group_by(f.month, nsl, *keys))
    v = VERDICTS.c
    out.append(select(literal("verdicts"), f.month, nsl, *_pad([v.safeguard, v.status]), zero,
                      func.count(), zero, zero)
               .select_from(VERDICTS.join(facts, v.review_id == f.review_id))
               .where(cond).group_by(f.month, nsl, v.safeguard, v.status))
    out.append(select(literal("reviewed"), f.month, nsl, *_pad([]), zero, func.count(), zero,
                      zero).where(cond, f.review_id.is_not(None)).group_by(f.month, nsl))
    return out


def read_rows(conn: Connection, queries: Sequence[Select[Any]], into: CubeRows | None = None,
              sign: int = 1, *, by_month: bool = False) -> CubeRows:
    """Run contribution queries and add their rows into ``into``.

    Keys are ``(family, nsl, k1, k2, k3, k4, b)`` summed over months, or with
    ``by_month`` ``(family, month, nsl, k1, k2, k3, k4, b)``.
    """
    out: CubeRows = {} if into is None else into
    for q in queries:
        for row in conn.execute(q):
            key: tuple[Any, ...] = (str(row[0]), int(row[2]), *(str(v) for v in row[3:7]),
                                    int(row[7]))
            if by_month:
                key = (key[0], str(row[1]), *key[1:])
            add_rows(out, {key: [int(row[8]), int(row[9]), int(row[10])]}, sign)
    return out


def add_rows(into: CubeRows, rows: CubeRows, sign: int = 1) -> CubeRows:
    """``into += sign * rows`` (rows that come to zero are dropped)."""
    for key, values in rows.items():
        acc = into.get(key)
        if acc is None:
            acc = into[key] = [0, 0, 0]
        for j, v in enumerate(values):
            acc[j] += sign * v
        if not any(acc):
            del into[key]
    return into

