"""Property tests: for any generated set of cases, every total equals the sum of its parts and
the count of the underlying records; banding never reveals a count below the band size."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterator
from itertools import product
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storefill import CaseSpec, fill
from test_disclosure import attack

from scrutiny.reports.build import ReportParams, build_report, published_grids
from scrutiny.reports.conventions import dsa_conventions
from scrutiny.reports.model import InternalReport, Table
from scrutiny.reports.period import parse_period
from scrutiny.reports.queries import TYPE_PRECEDENCE, collect
from scrutiny.store.engine import Store

PERIOD = parse_period("2026H1")
LATE = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    """An empty, migrated SQLite store, copied for each generated example."""
    folder = Path(tempfile.mkdtemp(prefix="scrutiny-reports-"))
    path = folder / "template.db"
    Store(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    yield path
    shutil.rmtree(folder, ignore_errors=True)


def fresh(template: Path) -> Store:
    path = template.parent / f"{uuid.uuid4().hex}.db"
    shutil.copy(template, path)
    return Store(f"sqlite:///{path}", migrate=False)


@st.composite
def case_specs(draw: st.DrawFn) -> CaseSpec:
    received = draw(st.datetimes(min_value=dt.datetime(2025, 12, 20),
                                 max_value=dt.datetime(2026, 7, 10))).replace(
        microsecond=0, tzinfo=dt.UTC)
    types = draw(st.lists(st.sampled_from(TYPE_PRECEDENCE), min_size=1, max_size=2,
                          unique=True))
    outcome = draw(st.sampled_from([None, "comply", "comply_narrowed", "reject", "clarify"]))
    executed = outcome in ("comply", "comply_narrowed") and draw(st.booleans())
    state = ("executed" if executed else "rejected" if outcome == "reject" else
             draw(st.sampled_from(["received", "in_review", "withdrawn"])))
    statuses = st.sampled_from(["met", "concern", "unmet", "unknown", "not_applicable"])
    return CaseSpec(
        country=draw(st.sampled_from(["DE", "FR", "RU", "US", "BR", None])),
        types=types, received=received,
        reason=draw(st.sampled_from([None, "hate_speech", "copyright",
                                     "political_expression"])),
        process=draw(st.sampled_from(["court_order", "subpoena", "mlat", None])),
        judicial=draw(st.sampled_from([True, False, None])),
        cross_border=draw(st.sampled_from([True, False, None])),
        treaty=draw(st.sampled_from([None, "mlat", "cloud_act_agreement"])),
        scope=draw(st.sampled_from([None, "global", "national"])),
        accounts=draw(st.integers(0, 4)), targets=draw(st.integers(0, 4)),
        ack_h=draw(st.integers(0, 96)) / 4, outcome=outcome,
        decided_h=draw(st.integers(1, 200)),
        executed_h=float(draw(st.integers(200, 400))) if executed else None,
        state=state, recommendation=draw(st.sampled_from([None, "comply", "reject"])),
        followed=draw(st.sampled_from([None, True, False])) if outcome else None,
        notices=draw(st.lists(st.tuples(st.sampled_from(["notified", "deferred",
                                                          "not_possible"]),
                                         st.integers(1, 100).map(float)), max_size=2)),
        appeals=draw(st.lists(st.tuples(st.sampled_from(["user", "company"]),
                                        st.sampled_from([None, "upheld", "dismissed"]),
                                        st.just(500.0)), max_size=1)),
        verdicts=draw(st.dictionaries(st.sampled_from(["legality", "necessity",
                                                       "protected_expression"]),
                                      statuses, max_size=3)),
    )


def primary(types: list[str]) -> str:
    return min(types, key=TYPE_PRECEDENCE.index)


def outcome_of(s: CaseSpec) -> str:
    if s.executed_h is not None:
        return "narrowed" if s.outcome == "comply_narrowed" else "produced"
    if s.outcome == "reject" or s.state == "rejected":
        return "rejected"
    if s.state == "withdrawn":
        return "none"
    return "pending"


def cells(t: Table) -> dict[tuple[str, str], int]:
    return {(r.key, c.key): f.value or 0 for r in t.rows
            for c, f in zip(t.columns, r.cells, strict=True) if f.value}


def internal(store: Store) -> InternalReport:
    facts = collect(store.engine, PERIOD.start_utc, PERIOD.end_utc, LATE,
                    eu_states=dsa_conventions().member_states, internal=True)
    return build_report(facts, ReportParams(
        period=PERIOD, as_of=LATE, audience="internal", band_size=1, policy_id="p",
        policy_version="t", generator="t"))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(specs=st.lists(case_specs(), max_size=14))
def test_totals_are_sums_of_parts_and_counts_of_records(template: Path,
                                                        specs: list[CaseSpec]) -> None:
    store = fresh(template)
    try:
        fill(store, specs)
        report = internal(store)
    finally:
        store.dispose()
    inside = [s for s in specs if PERIOD.start_utc <= s.received < PERIOD.end_utc]
    t = {x.id: x for x in report.tables}
    for table in report.tables:
        for r in [*table.rows, table.totals]:
            assert r.total.value == sum(f.value or 0 for f in r.cells), table.id
        assert table.totals.total.value == sum(r.total.value or 0 for r in table.rows)
        for j, col in enumerate(table.totals.cells):
            assert col.value == sum(r.cells[j].value or 0 for r in table.rows)
        if table.unit == "demands" and table.id not in ("restrictions_by_reason_action",
                                                        "safeguards"):
            assert table.totals.total.value == len(inside), table.id

    def c(s: CaseSpec) -> str:
        return s.country or "unknown"

    assert cells(t["demands_by_country_type"]) == Counter(
        (c(s), primary(s.types)) for s in inside)
    assert cells(t["outcomes_by_country"]) == Counter((c(s), outcome_of(s)) for s in inside)
    accounts = Counter[tuple[str, str]]()
    for s in inside:
        accounts[(c(s), primary(s.types))] += s.accounts
    assert cells(t["accounts_by_country_type"]) == +accounts
    notices = Counter((c(s), {"notified": "given", "deferred": "deferred_gag_order"}.get(
        st_, st_)) for s in inside for st_, _ in s.notices)
    assert cells(t["notices_by_country"]) == notices
    appeals = Counter((by, out or "open") for s in inside for by, out, _ in s.appeals)
    assert cells(t["appeals"]) == appeals
    reviewed = [s for s in inside if s.verdicts]
    sg = Counter((k, v) for s in reviewed for k, v in s.verdicts.items())
    for k in {k for k, _ in sg}:
        missing = len(reviewed) - sum(n for (kk, _), n in sg.items() if kk == k)
        if missing:
            sg[(k, "no_verdict")] = missing
    assert cells(t["safeguards"]) == sg
    restr = [s for s in inside if primary(s.types) == "content_restriction"]
    assert t["restrictions_by_reason_action"].totals.total.value == len(restr)
    demands = next(k for k in report.key_figures if k.id == "demands")
    assert demands.figure.value == len(inside)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(specs=st.lists(case_specs(), max_size=14), band=st.integers(2, 6))
def test_public_banding_never_reveals_a_small_count(template: Path, specs: list[CaseSpec],
                                                    band: int) -> None:
    store = fresh(template)
    try:
        fill(store, specs)
        facts = collect(store.engine, PERIOD.start_utc, PERIOD.end_utc, LATE,
                        eu_states=dsa_conventions().member_states)
    finally:
        store.dispose()
    params = ReportParams(period=PERIOD, as_of=LATE, audience="public", band_size=1000,
                          small_count_threshold=band, policy_id="p", policy_version="t",
                          generator="t")
    published = published_grids(facts, params)
    learned = attack(published)
    for gi, pg in enumerate(published):
        g = pg.grid
        for i, j in product(range(len(g.rows)), range(len(g.cols))):
            true, shown = g.cells[i][j], pg.cells[i][j]
            assert shown.contains(true)
            if 0 < true < band or (true == 0 and band == 2):
                assert shown.lo <= 1 and shown.hi >= band - 1, (g.id, g.rows[i], g.cols[j])
            assert learned[(gi, i, j)] == shown, (g.id, g.rows[i], g.cols[j])
    report = build_report(facts, params)
    for table in report.tables:
        for r in table.rows:
            for f in r.cells:
                assert f.value is None or f.value >= band or (f.value == 0 and f.max == 0)
