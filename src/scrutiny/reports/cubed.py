"""Report figures from the cubes, corrected exactly for recent changes (docs/reports.md).

For a period and an as-of instant, with *M* the whole calendar months inside the period:

    figures = Σ cube rows of the months in M
              − contribution of the stored facts of Y
              + contribution of the cases of Z, computed as of ``as_of``

*Y*: stored facts of months in *M* that may differ as of ``as_of`` from their stored state —
``last_change_at > as_of`` (this includes cases received after ``as_of``) — or that are
stale (named by an audit event after the facts' watermark, or added since). *Z*: the cases
of the period received by ``as_of`` that are in *Y*, stale, or received in a part of the
period that is not a whole month; their state as of ``as_of`` comes from the reference query
(:func:`~scrutiny.reports.queries.facts_select`) restricted to them. Counts and histograms
are sums, so the result equals the full scan exactly; with ``as_of`` = now and fresh facts,
*Y* and *Z* are empty for whole-month periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Table,
    and_,
    insert,
    select,
    union,
)

from scrutiny.reports.cube import (
    CUBE,
    ITEMS,
    KEYS,
    LIVE_ITEMS,
    STEP,
    STORED,
    CubeRows,
    add_rows,
    bucket_range,
    contributions,
    fine,
    read_rows,
)
from scrutiny.reports.facts import item_selects, read_state, signature, stale_cases
from scrutiny.reports.queries import (
    FACTS,
    GROUPINGS,
    Checkpoint,
    Facts,
    Rows,
    Subset,
    _checkpoint,
    _CreateTempAs,
    facts_select,
)
from scrutiny.store.models import Case, Decision

__all__ = ["collect_cubed", "whole_months"]

FAMILIES = (*GROUPINGS, "notices", "appeals", "followups", "verdicts", "reviewed")
"""Every family summed for a report (the ``…:f`` fine families are only read to refine)."""
D = Table("scrutiny_report_d", MetaData(), Column("case_id", Integer), prefixes=["TEMPORARY"])
Y = Table("scrutiny_report_y", MetaData(), Column("case_id", Integer), prefixes=["TEMPORARY"])
YF = STORED.to_metadata(MetaData(), name="scrutiny_report_yf")
YI = ITEMS.to_metadata(MetaData(), name="scrutiny_report_yi")
Z = Table("scrutiny_report_z", MetaData(), Column("case_id", Integer),
          Column("demand_id", Integer), prefixes=["TEMPORARY"])


def whole_months(start: dt.datetime, end: dt.datetime
                 ) -> tuple[list[str], list[tuple[dt.datetime, dt.datetime]]]:
    """The calendar months inside ``[start, end)`` and the parts of it outside them."""
    months: list[str] = []
    parts: list[tuple[dt.datetime, dt.datetime]] = []
    cursor = start
    while cursor < end:
        first = cursor.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        if cursor == first and nxt <= end:
            months.append(f"{first.year:04d}-{first.month:02d}")
        else:
            lo, hi = cursor, min(nxt, end)
            if parts and parts[-1][1] == lo:
                lo = parts.pop()[0]
            parts.append((lo, hi))
        cursor = nxt
    return months, parts


def _temp(conn: Connection, table: Table) -> None:
    table.drop(conn, checkfirst=True)
    table.create(conn)


def _analyze(conn: Connection, *tables: Table) -> None:
    """Statistics for freshly filled temporary tables (PostgreSQL plans joins with them by
    their size: a few rows must be looked up by key, not joined by scanning the store)."""
    if conn.dialect.name == "postgresql":
        for table in tables:
            conn.exec_driver_sql(f"ANALYZE {table.name}")


def collect_cubed(conn: Connection, start: dt.datetime, end: dt.datetime,
                  as_of: dt.datetime, *, eu_states: Sequence[str] = (), internal: bool = False,
                  separate_national_security: bool = False) -> Facts | None:
    """The same :class:`~scrutiny.reports.queries.Facts` as
    :func:`~scrutiny.reports.queries.collect`, from the cubes; ``None`` when no facts were
    built for these EU Member States (the caller then scans)."""
    state = read_state(conn)
    if state is None or state.signature != signature(eu_states):
        return None
    months, parts = whole_months(start, end)
    if conn.dialect.name == "postgresql":  # many small statements: compiling them costs more
        conn.exec_driver_sql("SET LOCAL jit = off")
    _temp(conn, D)
    stale = stale_cases(state).subquery("stale")
    conn.execute(insert(D).from_select(["case_id"], select(stale.c[0])))
    _analyze(conn, D)
    _temp(conn, Y)
    f = STORED.c
    conn.execute(insert(Y).from_select(["case_id"], union(
        select(f.case_id).where(f.month.in_(months), f.last_change_at > as_of),
        select(f.case_id).select_from(D.join(STORED, f.case_id == D.c.case_id))
        .where(f.month.in_(months)))))
    _analyze(conn, Y)
    _temp(conn, Z)
    in_parts = [and_(Case.received_at >= lo, Case.received_at < hi) for lo, hi in parts]
    period_cases = (Case.received_at >= start, Case.received_at < end,
                    Case.received_at <= as_of)
    conn.execute(insert(Z).from_select(["case_id", "demand_id"], union(
        select(Case.id, Case.demand_id).where(Case.id.in_(select(Y.c.case_id)), *period_cases),
        select(Case.id, Case.demand_id).where(Case.id.in_(select(D.c.case_id)), *period_cases),
        *(select(Case.id, Case.demand_id).where(*period_cases, part) for part in in_parts))))
    _analyze(conn, Z)
    # Σ cube over the whole months
    total: CubeRows = {}
    fine_delta: CubeRows = {}
    if months:  # tens of thousands of rows: plain SQL on the driver, no result processing
        ph = _placeholder(conn)
        keys = ", ".join(KEYS)
        sql = (f"SELECT family, nsl, {keys}, b, n, accounts, targets "
               f"FROM {CUBE.name} WHERE family IN "
               f"({', '.join(ph(f'f{i}') for i in range(len(FAMILIES)))}) AND month IN "
               f"({', '.join(ph(f'm{i}') for i in range(len(months)))})")
        params = {**{f"f{i}": v for i, v in enumerate(FAMILIES)},
                  **{f"m{i}": v for i, v in enumerate(months)}}
        cursor = conn.connection.cursor()  # the snapshot's own connection, plain tuples
        try:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        finally:
            cursor.close()
        for row in rows:  # summed over the months here: no sort in the database
            key = row[:7]
            acc = total.get(key)
            if acc is None:
                total[key] = [int(row[7]), int(row[8]), int(row[9])]
            else:
                acc[0] += int(row[7])
                acc[1] += int(row[8])
                acc[2] += int(row[9])
    # − stored contribution of Y, + live contribution of Z as of as_of
    delta: CubeRows = {}
    if conn.execute(select(Y.c.case_id).limit(1)).first() is not None:
        # copied once (a key lookup per case), then grouped like any facts table
        for table, source in ((YF, STORED), (YI, ITEMS)):
            table.drop(conn, checkfirst=True)
            conn.execute(_CreateTempAs(table.name, select(source).where(
                source.c.case_id.in_(select(Y.c.case_id)))))
        _analyze(conn, YF, YI)
        read_rows(conn, contributions(YF, YI, None, eu_states), into=delta, sign=-1)
        for table in (YF, YI):
            table.drop(conn)
    if conn.execute(select(Z.c.case_id).limit(1)).first() is not None:
        FACTS.drop(conn, checkfirst=True)
        conn.execute(_CreateTempAs(FACTS.name, facts_select(
            start, end, as_of, conn.dialect.name, eu_states,
            Subset(select(Z.c.case_id), select(Z.c.demand_id)))))
        _analyze(conn, FACTS)
        _temp(conn, LIVE_ITEMS)
        for iq in item_selects(as_of, select(FACTS.c.case_id)):
            conn.execute(insert(LIVE_ITEMS).from_select(
                ["case_id", "family", "k1", "k2", "n"], iq))
        _analyze(conn, LIVE_ITEMS)
        read_rows(conn, contributions(FACTS, LIVE_ITEMS, None, eu_states), into=delta)
        for table in (FACTS, LIVE_ITEMS):
            table.drop(conn)
    for key, values in delta.items():
        add_rows(fine_delta if key[0].endswith(":f") else total, {key: values})
    facts = _facts(total, separate_national_security)
    nsl_ok = (0,) if separate_national_security else (0, 1)
    facts.timing_step = STEP
    facts.refine = _refiner(conn, months, nsl_ok, fine_delta)
    if internal:
        facts.overrides = _overrides(conn, start, end, as_of)
    facts.checkpoint = _checkpoint(conn, as_of)
    facts.method = "cube"
    for table in (D, Y, Z):
        table.drop(conn)
    return facts


_SHAPES: dict[str, tuple[int, bool]] = {
    **{name: ((len(g.dims) - 1, True) if g.dims[-1].endswith("_dh") else (len(g.dims), False))
       for name, g in GROUPINGS.items()},
    "notices": (2, False), "appeals": (2, False), "followups": (2, False),
    "verdicts": (2, False), "reviewed": (0, False)}
"""Per family: how many of ``k1``…``k4`` it uses, and whether ``b`` is a duration bucket."""


def _facts(total: CubeRows, separate: bool) -> Facts:
    facts = Facts(checkpoint=Checkpoint(0, "", None))
    facts.national_security = sum(v[0] for k, v in total.items()
                                  if k[0] == "country_type_outcome" and k[1] == 1)
    facts.national_security_separated = separate
    merged: dict[str, dict[tuple[str, ...], list[int]]] = {f: {} for f in _SHAPES}
    for key, values in total.items():
        if separate and key[1] == 1:
            continue
        width, timed = _SHAPES[key[0]]
        dims: tuple[str, ...] = (*key[2:2 + width], str(key[6])) if timed else key[2:2 + width]
        rows = merged[key[0]]
        acc = rows.get(dims)
        if acc is None:
            rows[dims] = list(values)
        else:
            acc[0] += values[0]
            acc[1] += values[1]
            acc[2] += values[2]
    index = {"n": 0, "accounts": 1, "targets": 2}
    for name, g in GROUPINGS.items():
        take = [index[m] for m in g.measures]
        facts.groups[name] = {d: tuple(v[i] for i in take)
                              for d, v in merged[name].items() if v[0]}

    def plain(family: str) -> Rows:
        return {d: (v[0],) for d, v in merged[family].items() if v[0]}

    facts.notices = plain("notices")
    facts.appeals = plain("appeals")
    facts.followups = plain("followups")
    facts.verdicts = plain("verdicts")
    facts.reviewed = sum(v[0] for v in merged["reviewed"].values())
    return facts


def _placeholder(conn: Connection) -> Any:
    """Named parameter placeholders of the driver (sqlite3 ``:name``, psycopg ``%(name)s``)."""
    if conn.dialect.name == "sqlite":
        return lambda name: f":{name}"
    return lambda name: f"%({name})s"


def _refiner(conn: Connection, months: list[str], nsl_ok: tuple[int, ...],
             fine_delta: CubeRows) -> Any:
    """``refine(family, prefixes, b)``: exact tenths inside coarse bucket ``b`` — one index
    range read of the fine cube per (grouping row, bucket), memoised, plus the corrections.
    (Plain SQL on the driver: hundreds of tiny reads, so no per-statement compilation.)"""
    ph = _placeholder(conn)
    sql = ("SELECT b, SUM(n) FROM report_cube WHERE family = " + ph("family")
           + " AND month IN (" + ", ".join(ph(f"m{i}") for i in range(len(months)))
           + ") AND nsl IN (" + ", ".join(ph(f"s{i}") for i in range(len(nsl_ok)))
           + ") AND " + " AND ".join(f"{k} = {ph(k)}" for k in KEYS)
           + " AND b >= " + ph("lo") + " AND b <= " + ph("hi") + " GROUP BY b")
    fixed: dict[str, Any] = {**{f"m{i}": m for i, m in enumerate(months)},
                             **{f"s{i}": v for i, v in enumerate(nsl_ok)}}
    memo: dict[tuple[str, tuple[str, ...], int], dict[int, int]] = {}
    corrections: dict[tuple[str, tuple[str, ...]], list[tuple[int, int]]] = {}
    for key, values in fine_delta.items():
        if key[1] in nsl_ok:
            corrections.setdefault((key[0], tuple(key[2:6])), []).append((key[6], values[0]))

    def one(name: str, padded: tuple[str, ...], b: int) -> dict[int, int]:
        got = memo.get((name, padded, b))
        if got is not None:
            return got
        lo, hi = bucket_range(b)
        out: dict[int, int] = {}
        if months:
            params = {**fixed, "family": name, "lo": lo, "hi": hi,
                      **dict(zip(KEYS, padded, strict=True))}
            for tenths, n in conn.exec_driver_sql(sql, params):
                out[int(tenths)] = out.get(int(tenths), 0) + int(n)
        for tenths, n in corrections.get((name, padded), ()):
            if lo <= tenths <= hi:
                out[tenths] = out.get(tenths, 0) + n
        memo[(name, padded, b)] = out
        return out

    def refine(family: str, prefixes: frozenset[tuple[str, ...]], b: int) -> dict[int, int]:
        out: dict[int, int] = {}
        for prefix in prefixes:
            padded = (*prefix, *([""] * (len(KEYS) - len(prefix))))
            for tenths, n in one(fine(family), padded, b).items():
                out[tenths] = out.get(tenths, 0) + n
        return {k: v for k, v in out.items() if v}

    return refine


def _overrides(conn: Connection, start: dt.datetime, end: dt.datetime,
               as_of: dt.datetime) -> list[dict[str, Any]]:
    query = (
        select(Decision.case_id, Decision.recommendation, Decision.outcome,
               Decision.override_reason, Decision.decided_at)
        .join(Case, Case.id == Decision.case_id)
        .where(Case.received_at >= start, Case.received_at < end, Case.received_at <= as_of,
               Decision.followed_recommendation.is_(False), Decision.decided_at <= as_of,
               Decision.status == "effective")
        .order_by(Decision.case_id, Decision.id)
    )
    return [{"case_id": r[0], "recommendation": r[1], "outcome": str(r[2]),
             "override_reason": r[3], "decided_at": r[4].isoformat()}
            for r in conn.execute(query)]
