"""Report facts and cubes (issue 6): the cube path gives exactly the reference scan's figures,
and incremental maintenance from the audit log equals a full rebuild — on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from fixed_store import FIXED, T
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from storefill import _one, fill
from test_properties import case_specs

from scrutiny.audit.events import AuditEvent, EventType, TargetType
from scrutiny.audit.log import append
from scrutiny.reports.build import (
    ReportParams,
    build_report,
    median_hours,
    refined_median_hours,
)
from scrutiny.reports.conventions import dsa_conventions
from scrutiny.reports.cube import STEP, bucket, bucket_range
from scrutiny.reports.cubed import collect_cubed, whole_months
from scrutiny.reports.export import make_report
from scrutiny.reports.facts import refresh
from scrutiny.reports.period import parse_period
from scrutiny.reports.queries import GROUPINGS, collect_on, snapshot
from scrutiny.store.engine import Store
from scrutiny.store.models import (
    Appeal,
    Case,
    Decision,
    FollowUp,
    Notice,
    ReviewRecord,
    User,
    VerdictRecord,
)
from scrutiny.store.types import pack_json

EU = dsa_conventions().member_states
H = dt.timedelta(hours=1)


def params(period: str, as_of: dt.datetime, audience: str = "internal") -> ReportParams:
    return ReportParams(period=parse_period(period), as_of=as_of,
                        audience=audience,  # type: ignore[arg-type]
                        band_size=1000, small_count_threshold=3, policy_id="p",
                        policy_version="t", generator="t")


def test_whole_months_split_a_period() -> None:
    p = parse_period("2026-01-15..2026-04-10")
    months, parts = whole_months(p.start_utc, p.end_utc)
    assert months == ["2026-02", "2026-03"]
    assert parts == [(T(2026, 1, 15), T(2026, 2, 1)), (T(2026, 4, 1), T(2026, 4, 11))]
    h1 = parse_period("2026H1")
    assert whole_months(h1.start_utc, h1.end_utc) == (
        ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"], [])
    inside = parse_period("2026-03-03..2026-03-09")
    assert whole_months(inside.start_utc, inside.end_utc) == (
        [], [(T(2026, 3, 3), T(2026, 3, 10))])


@given(st.lists(st.integers(-250, 3000), min_size=1, max_size=60))
def test_refined_median_equals_the_full_histogram_median(values: list[int]) -> None:
    full: dict[int, int] = {}
    coarse: dict[int, int] = {}
    for v in values:
        full[v] = full.get(v, 0) + 1
        coarse[bucket(v)] = coarse.get(bucket(v), 0) + 1
        lo, hi = bucket_range(bucket(v))
        assert lo <= v <= hi
    def fine(b: int) -> dict[int, int]:
        return {v: n for v, n in full.items() if bucket(v) == b}
    assert refined_median_hours(coarse, fine) == median_hours(full)
    assert bucket(STEP - 1) == 0 and bucket(-(STEP - 1)) == 0 and bucket(STEP) == 1


PERIODS = ("2026H1", "2026", "2026-02-01..2026-05-17", "2026-03")
AS_OFS = (T(2026, 2, 4, 10), T(2026, 3, 15, 1), T(2026, 6, 1), T(2026, 7, 1), T(2027, 1, 1))


def test_cube_reports_equal_the_reference_scan(database_url: str) -> None:
    store = Store(database_url)
    try:
        fill(store, FIXED)
        for period, as_of, audience in itertools.product(PERIODS, AS_OFS,
                                                         ("internal", "public")):
            p = params(period, as_of, audience)
            assert make_report(store.engine, p, "cube") == make_report(store.engine, p, "scan"), (
                period, as_of, audience)
    finally:
        store.dispose()


# --- random changes through the audit log ---------------------------------------------------

CHANGES = ("decide", "execute", "withdraw", "notice", "appeal", "review", "followup")


@st.composite
def changes(draw: st.DrawFn, n: int) -> list[tuple[str, int, int]]:
    """(kind, case index, hours after 2026-01-01) triples."""
    return draw(st.lists(st.tuples(st.sampled_from(CHANGES), st.integers(0, max(n - 1, 0)),
                                   st.integers(0, 24 * 220)), max_size=12))


def _apply(s: Session, uid: int, case_id: int, kind: str, at: dt.datetime, k: int) -> None:
    case = s.get(Case, case_id)
    assert case is not None
    if kind == "decide":
        s.add(Decision(case_id=case_id, review_id=None,
                       outcome=("comply", "comply_narrowed", "reject")[k % 3],
                       status="effective", recommendation="comply",
                       followed_recommendation=k % 2 == 0,
                       override_reason=None if k % 2 == 0 else "judgement", reasons=["r"],
                       scope=[], requires_approval=False, approval_grounds=[],
                       decided_by=uid, decided_at=at))
    elif kind == "execute":
        case.state = "executed"  # type: ignore[assignment]
        case.executed_at = at
        case.updated_at = at
    elif kind == "withdraw":
        case.state = "withdrawn"  # type: ignore[assignment]
        case.updated_at = at
    elif kind == "notice":
        index = int(s.execute(select(func.count()).select_from(Notice)
                              .where(Notice.case_id == case_id)).scalar_one())
        s.add(Notice(case_id=case_id, target_index=index, target="u@example.org",
                     status="notified" if k % 2 else "deferred",
                     deferral_reason=None if k % 2 else "gag_order",
                     review_on=None if k % 2 else (at + 900 * H).date(),
                     notified_at=at if k % 2 else None, updated_by=uid, updated_at=at,
                     created_at=at))
    elif kind == "appeal":
        s.add(Appeal(case_id=case_id, by="user" if k % 2 else "company", grounds="g",
                     status="decided" if k % 3 else "open",
                     outcome="upheld" if k % 3 else None, filed_by=uid, filed_at=at,
                     decided_at=at + 100 * H if k % 3 else None))
    elif kind == "review":
        review = ReviewRecord(demand_id=case.demand_id, created_at=at, policy_id="p",
                              policy_version="t", as_of="2026-01-01", engine_version="t",
                              recommendation="reject", risk="normal", body_z=pack_json({}))
        s.add(review)
        s.flush()
        s.add(VerdictRecord(review_id=review.id, safeguard="legality",
                            status=("met", "unmet", "concern")[k % 3], codes=[]))
    elif kind == "followup":
        existing = s.execute(select(FollowUp).where(FollowUp.case_id == case_id)).scalar()
        if existing is None:
            s.add(FollowUp(case_id=case_id, due_on=(at + 72 * H).date(), status="open",
                           opened_at=at))
        elif existing.resolved_at is None:
            existing.status = "received" if k % 2 else "lapsed"  # type: ignore[assignment]
            existing.resolved_at = at
    s.flush()
    append(s, AuditEvent(EventType.CASE_REVIEWED, "reviewer", TargetType.CASE, str(case_id),
                         case_id), at=at)


def _dump(store: Store) -> dict[str, list[Any]]:
    with store.engine.connect() as conn:
        return {t: sorted(tuple(str(v) for v in r) for r in conn.execute(text(
            f"SELECT * FROM {t}")))
                for t in ("report_facts", "report_fact_items", "report_cube")}


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = Store(database_url)
    with s.write() as session:
        session.add(User(username="reviewer", name="R",
                         created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)))
    try:
        yield s
    finally:
        s.dispose()


_counter = itertools.count()


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_incremental_maintenance_equals_a_full_rebuild(store: Store, data: Any) -> None:
    specs = data.draw(st.lists(case_specs(), min_size=1, max_size=8))
    with store.write() as s:
        uid = int(s.execute(select(User.id)).scalar_one())
        for spec in specs:
            _one(s, uid, next(_counter), spec)
    refresh(store.engine)
    with store.read() as s:  # this example's cases (the store keeps earlier examples')
        ids = list(s.execute(select(Case.id).order_by(Case.id)).scalars())[-len(specs):]
    todo = data.draw(changes(len(specs)))
    as_of = T(2026, 1, 1) + data.draw(st.integers(0, 24 * 230)) * H
    with store.write() as s:
        for k, (kind, index, hours) in enumerate(todo):
            _apply(s, uid, ids[index % len(ids)], kind, T(2026, 1, 1) + hours * H, k)
    # before folding the changes in: the report corrects for the stale cases exactly
    for period in ("2026H1", "2026-02-10..2026-05-20"):
        p = parse_period(period)
        for audience in (False, True):
            with snapshot(store.engine) as conn:
                scanned = collect_on(conn, p.start_utc, p.end_utc, as_of, eu_states=EU,
                                     internal=True, separate_national_security=audience)
                cubed = collect_cubed(conn, p.start_utc, p.end_utc, as_of, eu_states=EU,
                                      internal=True, separate_national_security=audience)
                assert cubed is not None and cubed.method == "cube"
                assert _comparable(cubed) == _comparable(scanned), (period, as_of)
                rp = params(period, as_of)
                assert build_report(cubed, rp) == build_report(scanned, rp), (period, as_of)
    refresh(store.engine)
    incremental = _dump(store)
    again = refresh(store.engine)
    assert again.cases == 0 and _dump(store) == incremental  # idempotent
    refresh(store.engine, full=True)
    assert _dump(store) == incremental
    p = params("2026H1", as_of)
    assert make_report(store.engine, p, "cube") == make_report(store.engine, p, "scan")


def _comparable(facts: Any) -> dict[str, Any]:
    """Facts with the duration histograms summed over their buckets (the cube path keeps
    coarse buckets; medians are compared through the built reports)."""
    groups = {}
    for name, rows in facts.groups.items():
        if GROUPINGS[name].dims[-1].endswith("_dh"):
            merged: dict[tuple[str, ...], int] = {}
            for dims, (n,) in rows.items():
                merged[dims[:-1]] = merged.get(dims[:-1], 0) + n
            groups[name] = merged
        else:
            groups[name] = rows
    return {"groups": groups, "notices": facts.notices, "appeals": facts.appeals,
            "followups": facts.followups, "verdicts": facts.verdicts,
            "reviewed": facts.reviewed, "ns": facts.national_security,
            "overrides": facts.overrides, "checkpoint": facts.checkpoint}


def test_facts_cli_rebuilds_and_refreshes(sqlite_url: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from scrutiny.cli import main

    store = Store(sqlite_url)
    fill(store, FIXED)
    store.dispose()
    assert main(["report-facts", "--db", sqlite_url, "--json"]) == 0
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert first["full"] is True and first["cases"] == len(FIXED)
    assert main(["report-facts", "--db", sqlite_url, "--json"]) == 0
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert second["full"] is False and second["cases"] == 0
    assert main(["report-facts", "--rebuild", "--db", sqlite_url, "--json"]) == 0
    third = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert third["full"] is True and third["audit_seq"] == first["audit_seq"]

