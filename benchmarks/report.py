"""Benchmark: a transparency report over millions of cases, on SQLite and on PostgreSQL.

For each back end this (1) generates N cases in bulk *inside the database* (one
``INSERT … SELECT`` per table from a recursive CTE / ``generate_series``; untimed), in F's
schema: demands with tags, one review with two verdict rows per demand, cases, decisions,
notices, appeals, emergency follow-ups and a sparse audit chain; (2) times ``make_report``
for 2026H1 (the named queries, the public banding and the report model) and, separately,
writing every format (HTML with charts, CSV, JSON, Markdown); (3) measures a *floor* in the
same run: DuckDB generates the same rows from the same formulas and runs one
``GROUP BY country, type`` over them. It prints seconds and the ratio report/floor.

    python benchmarks/report.py --quick                  # 200,000 cases, both back ends
    python benchmarks/report.py                          # 10,000,000 cases
    python benchmarks/report.py --n 2000000 --backend sqlite --keep
    python benchmarks/report.py --n 2000000 --backend sqlite --keep --reuse   # reports again

Untimed: generation, and the maintenance — building the report facts and cubes with the
product's own full rebuild (``scrutiny.reports.facts.refresh``). Timed: ``make_report``
(the incremental refresh, the queries, banding and the model) as of 2026-07-01 (cases of the
period's last days still change after it, so the report corrects for them) and as of
2027-01-01 (everything settled), each ``--repeat`` times. The floor is measured again right
before each report (best of three).

PostgreSQL comes from SCRUTINY_BENCH_PG_URL, else SCRUTINY_TEST_DATABASE_URL (the server of
``scripts/pg-test-server``); the benchmark creates and drops its own database unless --keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

EPOCH_2026 = int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp())
PERIOD_SECONDS = 181 * 86400  # 2026-01-01 .. 2026-06-30
COUNTRIES = ("US DE FR GB IN BR RU TR JP KR MX AR ES IT NL PL CA AU ID PK BD NG EG SA AE IL "
             "UA KZ VN TH PH MY SG HK TW CN IR BE AT SE").split()
SAFEGUARDS = ("necessity", "proportionality", "independent_authorisation",
              "protected_expression", "data_minimisation", "user_notification")
STATUSES = ("met", "concern", "unmet", "unknown", "not_applicable")


class Dialect:
    """SQL spellings that differ between SQLite, PostgreSQL and DuckDB."""

    def __init__(self, name: str) -> None:
        self.name = name

    def idiv(self, a: str, b: str) -> str:
        return f"(({a}) // ({b}))" if self.name == "duckdb" else f"(({a}) / ({b}))"

    def ts(self, seconds: str) -> str:
        if self.name == "sqlite":
            return (f"(strftime('%Y-%m-%d %H:%M:%S', {EPOCH_2026} + ({seconds}), 'unixepoch')"
                    " || '.000000')")
        return f"to_timestamp({EPOCH_2026} + ({seconds}))"

    def day(self, seconds: str) -> str:
        if self.name == "sqlite":
            return f"date({EPOCH_2026} + ({seconds}), 'unixepoch')"
        return f"CAST(to_timestamp({EPOCH_2026} + ({seconds})) AS DATE)"

    def boolean(self, cond: str) -> str:
        return f"(CASE WHEN {cond} THEN 1 ELSE 0 END)" if self.name == "sqlite" else f"({cond})"

    def pad(self, expr: str) -> str:
        if self.name == "sqlite":
            return f"printf('%064d', {expr})"
        return f"lpad(CAST({expr} AS TEXT), 64, '0')"

    def pick(self, index: str, values: tuple[str, ...]) -> str:
        whens = " ".join(f"WHEN {k} THEN '{v}'" for k, v in enumerate(values))
        return f"(CASE {index} {whens} END)"

    def source(self, n: int) -> str:
        if self.name == "sqlite":
            return (f"(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s "
                    f"WHERE i < {n}) SELECT i FROM s) AS s")
        if self.name == "postgresql":
            return f"generate_series(CAST(1 AS BIGINT), {n}) AS s(i)"
        return f"range(1, {n + 1}) AS s(i)"


def h(k: int) -> str:
    """A cheap deterministic pseudo-random number 0..1000002 from the row number ``i``."""
    primes = (2654435761, 2246822519, 3266489917, 668265263, 374761393, 1181783497,
              1597334677, 3812015801, 2860486313, 1234567891)
    return f"((i * {primes[k]} + {k * 7919}) % 1000003)"


def generator_sql(d: Dialect, n: int) -> str:
    """``SELECT`` producing the generated attributes ``g`` of every case, one row per i."""
    country = d.pick(d.idiv(f"({h(0)} % 40) * ({h(1)} % 40)", "40"), tuple(COUNTRIES))
    t = f"({h(2)} % 100)"
    rtype = (f"(CASE WHEN {t} < 45 THEN 'disclosure' WHEN {t} < 60 THEN 'preservation' "
             f"WHEN {t} < 82 THEN 'content_restriction' WHEN {t} < 90 THEN 'account_action' "
             f"WHEN {t} < 95 THEN 'emergency_disclosure' ELSE 'interception' END)")
    reasons = ("hate_speech", "political_expression", "copyright", "defamation_insult",
               "extremism_terrorism", "fraud_scam", "child_safety", "misinformation")
    processes = ("court_order", "court_order", "subpoena", "search_warrant", "mlat",
                 "administrative_order", "informal_letter", "emergency_request")
    return f"""
SELECT i,
  {country} AS country,
  {rtype} AS rtype,
  ({h(3)} * 15 + i) % {PERIOD_SECONDS} AS off,
  {h(4)} % 7200 AS ack_s,
  3600 + {h(5)} % 864000 AS exec_s,
  {h(6)} % 100 AS o,
  {d.pick(f"{h(7)} % 8", reasons)} AS reason,
  {d.pick(f"{h(8)} % 8", processes)} AS process,
  {h(9)} % 10 AS r10,
  1 + {h(1)} % 3 AS accounts,
  1 + {h(3)} % 5 AS targets,
  {d.pick(f"{h(4)} % 6", SAFEGUARDS)} AS sg2,
  {d.pick(f"{h(5)} % 5", STATUSES)} AS st1,
  {d.pick(f"{h(7)} % 5", STATUSES)} AS st2
FROM {d.source(n)}"""


def load_sql(d: Dialect) -> list[str]:
    """``INSERT … SELECT`` statements filling F's tables from the staging table ``g``."""
    recv = d.ts("off")
    b = d.boolean
    executed = "o < 62"
    return [
        f"""INSERT INTO demands (id, content_hash, country, authority_kind, process_type,
  channel, cross_border, treaty_channel, emergency, judicial_authorisation,
  reporting_prohibited, territorial_scope, target_count, account_count, received_at, body)
SELECT i, {d.pad('i')}, country,
  CASE WHEN r10 < 5 THEN 'police' WHEN r10 < 8 THEN 'prosecutor' ELSE 'court' END,
  process, CASE WHEN r10 = 9 THEN 'tos_flag' ELSE 'portal' END,
  {b("country NOT IN ('US')")}, CASE WHEN country = 'US' THEN 'none' ELSE 'mlat' END,
  {b("rtype = 'emergency_disclosure'")}, {b("process IN ('court_order', 'search_warrant')")},
  {b("r10 = 0 AND country = 'US'")},
  CASE WHEN rtype = 'content_restriction' THEN
    CASE WHEN r10 < 6 THEN 'national' ELSE 'global' END END,
  targets, accounts, {recv}, '{{}}' FROM g""",
        "INSERT INTO demand_tags (demand_id, facet, value) "
        "SELECT i, 'demand_type', rtype FROM g",
        "INSERT INTO demand_tags (demand_id, facet, value) SELECT i, 'reason_category', reason "
        "FROM g WHERE rtype = 'content_restriction'",
        "INSERT INTO demand_tags (demand_id, facet, value) SELECT i, 'data_category', "
        "CASE WHEN r10 < 3 THEN 'content' ELSE 'subscriber' END FROM g "
        "WHERE rtype = 'disclosure'",
        f"""INSERT INTO reviews (id, demand_id, created_at, policy_id, policy_version, as_of,
  engine_version, recommendation, risk, body_z)
SELECT i, i, {d.ts('off + 600')}, 'gni-baseline', 'bench', '2026-01-01', 'bench',
  CASE WHEN st1 = 'unmet' THEN 'reject' WHEN st1 = 'concern' THEN 'clarify' ELSE 'comply' END,
  'normal', {"x''" if d.name == 'sqlite' else "''::bytea"} FROM g""",
        "INSERT INTO verdicts (review_id, safeguard, status, codes) "
        "SELECT i, 'legality', st1, '[]' FROM g",
        "INSERT INTO verdicts (review_id, safeguard, status, codes) "
        "SELECT i, sg2, st2, '[]' FROM g",
        f"""INSERT INTO cases (id, demand_id, review_id, state, version, risk, recommendation,
  received_at, acknowledged_at, decided_at, executed_at, closed_at, updated_at)
SELECT i, i, i,
  CASE WHEN {executed} THEN 'executed' WHEN o < 75 THEN 'rejected'
       WHEN o < 80 THEN 'withdrawn' ELSE 'in_review' END, 1, 'normal',
  CASE WHEN st1 = 'unmet' THEN 'reject' WHEN st1 = 'concern' THEN 'clarify' ELSE 'comply' END,
  {recv}, {d.ts('off + ack_s')},
  CASE WHEN o < 75 THEN {d.ts('off + 86400')} END,
  CASE WHEN {executed} THEN {d.ts('off + exec_s')} END, NULL,
  {d.ts('off + 90000')} FROM g""",
        f"""INSERT INTO decisions (id, case_id, review_id, outcome, status, recommendation,
  followed_recommendation, override_reason, reasons, scope, requires_approval,
  approval_grounds, decided_by, decided_at)
SELECT i, i, i, CASE WHEN o < 55 THEN 'comply' WHEN o < 62 THEN 'comply_narrowed'
  ELSE 'reject' END, 'effective',
  CASE WHEN st1 = 'unmet' THEN 'reject' WHEN st1 = 'concern' THEN 'clarify' ELSE 'comply' END,
  {b('r10 <> 1')}, CASE WHEN r10 = 1 THEN 'bench' END, '[]', '[]', {b('1 = 0')}, '[]', 1,
  {d.ts('off + 86400')} FROM g WHERE o < 75""",
        f"""INSERT INTO notices (case_id, target_index, target, status, deferral_reason,
  review_on, notified_at, updated_by, updated_at)
SELECT i, 0, 'user', CASE WHEN r10 < 7 THEN 'notified' ELSE 'deferred' END,
  CASE WHEN r10 >= 7 THEN 'gag_order' END,
  CASE WHEN r10 >= 7 THEN {d.day('off + 8000000')} END,
  CASE WHEN r10 < 7 THEN {d.ts('off + exec_s + 60')} END, 1, {d.ts('off + exec_s + 60')}
FROM g WHERE {executed} AND rtype = 'disclosure' AND i % 3 = 0""",
        f"""INSERT INTO appeals (case_id, by, grounds, status, outcome, filed_by, filed_at,
  decided_at)
SELECT i, CASE WHEN r10 < 5 THEN 'user' ELSE 'company' END, 'bench',
  CASE WHEN r10 < 8 THEN 'decided' ELSE 'open' END,
  CASE WHEN r10 < 4 THEN 'dismissed' WHEN r10 < 8 THEN 'upheld' END, 1,
  {d.ts('off + 172800')}, CASE WHEN r10 < 8 THEN {d.ts('off + 864000')} END
FROM g WHERE i % 100 = 7""",
        f"""INSERT INTO followups (case_id, due_on, status, opened_at, resolved_at)
SELECT i, {d.day('off + 259200')}, CASE WHEN r10 < 6 THEN 'received' ELSE 'open' END,
  {d.ts('off + 7200')}, CASE WHEN r10 < 6 THEN {d.ts('off + 200000')} END
FROM g WHERE rtype = 'emergency_disclosure' AND {executed}""",
        f"""INSERT INTO audit_events (seq, at, type, actor, target_type, target_id, case_id,
  prev_hash, hash)
SELECT {d.idiv('i', '1000')}, {d.ts('off')}, 'case.imported', 'bench', 'case',
  CAST(i AS TEXT), i, {d.pad('i - 1000')}, {d.pad('i')} FROM g WHERE i % 1000 = 0""",
    ]


def audit_time_fix(d: Dialect) -> str:
    """Audit ``at`` is ISO text (``…T…Z``); the generic timestamp is rewritten to that form."""
    if d.name == "sqlite":
        return ("UPDATE audit_events SET at = replace(substr(at, 1, 19), ' ', 'T') || "
                "'.000000Z'")
    return ""


def generate_sqlite(path: Path, n: int) -> None:
    from scrutiny.store.engine import Store

    Store(f"sqlite:///{path}").dispose()
    d = Dialect("sqlite")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO users (id, username, active, created_at) VALUES "
                 "(1, 'bench', 1, '2025-01-01 00:00:00.000000')")
    conn.execute(f"CREATE TEMP TABLE g AS {generator_sql(d, n)}")
    for sql in load_sql(d):
        if sql.startswith("INSERT INTO audit_events"):
            sql = sql.replace(d.ts("off"), "strftime('%Y-%m-%dT%H:%M:%S', "
                                           f"{EPOCH_2026} + off, 'unixepoch') || '.000000Z'")
        conn.execute(sql)
    conn.execute("UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_events), hash = "
                 "(SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1)")
    conn.execute("DROP TABLE g")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def generate_postgres(url: str, n: int) -> None:
    import psycopg

    from scrutiny.store.engine import Store

    Store(url).dispose()
    d = Dialect("postgresql")
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=False) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute("INSERT INTO users (id, username, active, created_at) VALUES "
                     "(1, 'bench', true, '2025-01-01T00:00:00Z')")
        conn.execute(f"CREATE UNLOGGED TABLE g AS {generator_sql(d, n)}")
        for sql in load_sql(d):
            if sql.startswith("INSERT INTO audit_events"):
                sql = sql.replace(d.ts("off"), f"to_char(to_timestamp({EPOCH_2026} + off) AT "
                                               "TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') "
                                               "|| '.000000Z'")
            conn.execute(sql)  # type: ignore[arg-type]
        conn.execute("UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_events), hash = "
                     "(SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1)")
        conn.execute("DROP TABLE g")
        conn.commit()
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


class Floor:
    """DuckDB holding the same generated rows in memory; :meth:`measure` times one
    ``GROUP BY country, type`` over them (best of three, so the floor is never inflated by a
    hiccup of the shared machine). Measured right before each report it is compared with."""

    def __init__(self, n: int) -> None:
        import duckdb

        self.con = duckdb.connect()
        self.con.execute(f"CREATE TABLE g AS {generator_sql(Dialect('duckdb'), n)}")
        self.groups = 0

    def measure(self) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            rows = self.con.execute(
                "SELECT country, rtype, count(*) FROM g GROUP BY country, rtype").fetchall()
            best = min(best, time.perf_counter() - start)
            self.groups = len(rows)
        return best

    def close(self) -> None:
        self.con.close()


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


AS_OF_PERIOD_END = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
"""As of the day after the period: cases received in its last days are still changing."""
AS_OF_SETTLED = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
"""As of a date after every generated change (like a report run today)."""


def maintain(url: str) -> tuple[float, object]:
    """Build the report facts and cubes with the product's own rebuild (untimed part)."""
    from scrutiny.reports.facts import refresh
    from scrutiny.store.engine import Store

    store = Store(url, migrate=False)
    try:
        return timed(lambda: refresh(store.engine, full=True))
    finally:
        store.dispose()


def run_report(url: str, out: Path, as_of: dt.datetime = AS_OF_PERIOD_END,
               method: str = "cube", render: bool = True) -> tuple[float, float, object]:
    from scrutiny.reports.build import ReportParams
    from scrutiny.reports.export import make_report, write_report
    from scrutiny.reports.period import parse_period
    from scrutiny.store.engine import Store

    store = Store(url, migrate=False)
    period = parse_period("2026H1")
    params = ReportParams(period=period, as_of=as_of,
                          audience="public", band_size=1000, policy_id="gni-baseline",
                          policy_version="bench", generator="benchmarks/report.py")
    try:
        query_s, report = timed(lambda: make_report(store.engine, params,
                                                    method=method))  # type: ignore[arg-type]
        render_s = 0.0
        if render:
            render_s, _ = timed(lambda: write_report(report, period,  # type: ignore[arg-type]
                                                     out, ["html", "csv", "json", "md"]))
    finally:
        store.dispose()
    return query_s, render_s, report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=10_000_000, help="cases to generate")
    ap.add_argument("--quick", action="store_true", help="200,000 cases")
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    ap.add_argument("--keep", action="store_true", help="keep the generated stores")
    ap.add_argument("--workdir", type=Path, default=None, help="where the SQLite file goes")
    ap.add_argument("--repeat", type=int, default=2, help="report runs per as-of date")
    ap.add_argument("--as-of", choices=["both", "2026-07-01", "2027-01-01"], default="both",
                    help="which report dates to time")
    ap.add_argument("--reuse", action="store_true",
                    help="use a store kept by an earlier --keep run (no generation/rebuild)")
    ap.add_argument("--scan", action="store_true",
                    help="also time the reference scan of every case and compare the reports")
    args = ap.parse_args(argv)
    n = 200_000 if args.quick else args.n
    work = args.workdir or Path(tempfile.mkdtemp(prefix="scrutiny-bench-report-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"report benchmark: {n:,} cases in 2026H1")
    floor = Floor(n)
    floor_s = floor.measure()
    print(f"  floor  duckdb   GROUP BY country, type over {n:,} rows: {floor_s:.3f} s "
          f"({floor.groups} groups; measured again before each report)")
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        if backend == "sqlite":
            path = work / f"report-{n}.db"
            url = f"sqlite:///{path}"
            if not (args.reuse and path.exists()):
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                gen_s, _ = timed(lambda p=path: generate_sqlite(p, n))  # type: ignore[misc]
            else:
                gen_s = -1.0
        else:
            admin = os.environ.get("SCRUTINY_BENCH_PG_URL") or os.environ.get(
                "SCRUTINY_TEST_DATABASE_URL")
            if not admin:
                print("  postgres: skipped (set SCRUTINY_TEST_DATABASE_URL; "
                      "scripts/pg-test-server prints it)")
                continue
            import psycopg

            name = f"bench_report_{n}"
            plain = admin.replace("postgresql+psycopg://", "postgresql://")
            url = f"{admin.rsplit('/', 1)[0]}/{name}"
            with psycopg.connect(plain, autocommit=True) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                      (name,)).fetchone() is not None
                if not (args.reuse and exists):
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    conn.execute(f'CREATE DATABASE "{name}"')
            if args.reuse and exists:
                gen_s = -1.0
            else:
                gen_s, _ = timed(lambda u=url: generate_postgres(u, n))  # type: ignore[misc]
        if gen_s >= 0:
            print(f"  {backend:8} generated in {gen_s:.1f} s (untimed part)")
            maint_s, result = maintain(url)
            print(f"  {backend:8} maintenance: report facts and cubes rebuilt in "
                  f"{maint_s:.1f} s (untimed part; {result.cases:,} cases)")  # type: ignore[attr-defined]
        else:
            print(f"  {backend:8} reusing the kept store and its report facts")
        dates = [("as of 2026-07-01", AS_OF_PERIOD_END), ("as of 2027-01-01", AS_OF_SETTLED)]
        for label, as_of in [d for d in dates if args.as_of in ("both", d[0][6:])]:
            for attempt in range(args.repeat):
                floor_s = floor.measure()
                query_s, render_s, report = run_report(url, work / f"out-{backend}", as_of,
                                                       render=attempt == 0)
                total = next(k.figure for k in report.key_figures  # type: ignore[attr-defined]
                             if k.id == "demands")
                extra = (f"; writing html+csv+json+md with charts: {render_s:.2f} s"
                         if attempt == 0 else "")
                print(f"  {backend:8} report {label} (refresh + queries + banding + model): "
                      f"{query_s:.2f} s  floor {floor_s:.3f} s  ratio {query_s / floor_s:.1f}x"
                      f"{extra}; demands {total.text()}")
        if args.scan:
            floor_s = floor.measure()
            query_s, _, scanned = run_report(url, work / f"out-{backend}", AS_OF_PERIOD_END,
                                             method="scan", render=False)
            _, _, cubed = run_report(url, work / f"out-{backend}", AS_OF_PERIOD_END,
                                     render=False)
            print(f"  {backend:8} reference scan of every case as of 2026-07-01: "
                  f"{query_s:.2f} s  floor {floor_s:.3f} s  ratio {query_s / floor_s:.1f}x; "
                  f"same report as the cubes: {scanned == cubed}")
        if not args.keep:
            if backend == "sqlite":
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{work / f'report-{n}.db'}{suffix}").unlink(missing_ok=True)
            else:
                with psycopg.connect(plain, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    floor.close()
    if not args.keep and args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"  kept in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
