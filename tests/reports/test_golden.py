"""Golden tests on a small fixed store: exact tables, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fixed_store import T
from sqlalchemy import select

from scrutiny.reports.build import ReportParams
from scrutiny.reports.export import make_report
from scrutiny.reports.model import InternalReport, PublicReport, Table
from scrutiny.reports.period import parse_period
from scrutiny.store.engine import Store
from scrutiny.store.models import AuditRecord


def params(audience: str = "internal", as_of: dt.datetime = T(2026, 7, 1),
           period: str = "2026H1", band: int = 3) -> ReportParams:
    return ReportParams(period=parse_period(period), as_of=as_of,
                        audience=audience,  # type: ignore[arg-type]
                        band_size=1000, small_count_threshold=band, policy_id="gni-baseline",
                        policy_version="test",
                        generator="scrutiny test")


def grid(t: Table) -> dict[str, dict[str, Any]]:
    return {r.key: {c.key: f.value for c, f in zip(t.columns, r.cells, strict=True)}
            for r in t.rows}


def tables(report: PublicReport) -> dict[str, Table]:
    return {t.id: t for t in report.tables}


EXPECTED = {
    "demands_by_country_type": {
        "DE": {"emergency_disclosure": 0, "disclosure": 3, "content_restriction": 1,
               "account_action": 0, "preservation": 0},
        "FR": {"emergency_disclosure": 1, "disclosure": 0, "content_restriction": 1,
               "account_action": 0, "preservation": 0},
        "RU": {"emergency_disclosure": 0, "disclosure": 1, "content_restriction": 1,
               "account_action": 0, "preservation": 0},
        "US": {"emergency_disclosure": 0, "disclosure": 1, "content_restriction": 0,
               "account_action": 0, "preservation": 1},
        "TR": {"emergency_disclosure": 0, "disclosure": 0, "content_restriction": 0,
               "account_action": 1, "preservation": 0},
    },
    "outcomes_by_country": {
        "DE": {"produced": 2, "narrowed": 1, "none": 0, "rejected": 0, "pending": 1},
        "FR": {"produced": 1, "narrowed": 0, "none": 0, "rejected": 1, "pending": 0},
        "RU": {"produced": 0, "narrowed": 0, "none": 0, "rejected": 1, "pending": 1},
        "US": {"produced": 2, "narrowed": 0, "none": 0, "rejected": 0, "pending": 0},
        "TR": {"produced": 0, "narrowed": 0, "none": 1, "rejected": 0, "pending": 0},
    },
    "routing_by_country": {
        "DE": {"domestic": 4, "cross_border/mlat": 0}, "FR": {"domestic": 2,
                                                              "cross_border/mlat": 0},
        "RU": {"domestic": 1, "cross_border/mlat": 1}, "US": {"domestic": 2,
                                                              "cross_border/mlat": 0},
        "TR": {"domestic": 1, "cross_border/mlat": 0},
    },
    "process_by_type": {
        "emergency_disclosure": {"informal_letter": 0, "subpoena": 0, "court_order": 0,
                                 "mlat": 0, "emergency_request": 1},
        "disclosure": {"informal_letter": 0, "subpoena": 1, "court_order": 3, "mlat": 1,
                       "emergency_request": 0},
        "content_restriction": {"informal_letter": 1, "subpoena": 0, "court_order": 2,
                                "mlat": 0, "emergency_request": 0},
        "account_action": {"informal_letter": 0, "subpoena": 0, "court_order": 1, "mlat": 0,
                           "emergency_request": 0},
        "preservation": {"informal_letter": 0, "subpoena": 0, "court_order": 1, "mlat": 0,
                         "emergency_request": 0},
    },
    "channel_by_country": {
        "DE": {"official": 4, "unofficial": 0}, "FR": {"official": 2, "unofficial": 0},
        "RU": {"official": 1, "unofficial": 1}, "US": {"official": 2, "unofficial": 0},
        "TR": {"official": 1, "unofficial": 0},
    },
    "restrictions_by_reason_action": {
        "political_expression": {"geo_restricted": 0, "declined": 1},
        "hate_speech": {"geo_restricted": 1, "declined": 0},
        "defamation_insult": {"geo_restricted": 0, "declined": 1},
    },
    "notices_by_country": {
        "DE": {"given": 1, "deferred_gag_order": 1, "not_possible": 0},
        "US": {"given": 0, "deferred_gag_order": 0, "not_possible": 1},
    },
    "appeals": {"user": {"upheld": 0, "dismissed": 1}, "company": {"upheld": 1, "dismissed": 0}},
    "emergency_followups_by_country": {"FR": {"received": 1}},
    "review_coverage": {"all": {"reviewed": 8, "not_reviewed": 3}},
    "safeguards": {
        "legality": {"unmet": 2, "concern": 1, "unknown": 0, "met": 3, "no_verdict": 2},
        "protected_expression": {"unmet": 2, "concern": 0, "unknown": 0, "met": 1,
                                 "no_verdict": 5},
        "necessity": {"unmet": 0, "concern": 2, "unknown": 0, "met": 0, "no_verdict": 6},
        "dual_criminality": {"unmet": 0, "concern": 0, "unknown": 1, "met": 0,
                             "no_verdict": 7},
        "emergency_validity": {"unmet": 0, "concern": 0, "unknown": 0, "met": 1,
                               "no_verdict": 7},
    },
    "decisions_vs_recommendation": {
        "comply": {"followed": 5, "overridden": 0, "undecided": 0},
        "clarify": {"followed": 0, "overridden": 1, "undecided": 1},
        "reject": {"followed": 2, "overridden": 0, "undecided": 0},
        "none": {"followed": 0, "overridden": 0, "undecided": 2},
    },
}


def test_internal_report_exact_tables(fixed_store: Store) -> None:
    report = make_report(fixed_store.engine, params())
    assert isinstance(report, InternalReport)
    got = tables(report)
    for tid, expected in EXPECTED.items():
        assert grid(got[tid]) == expected, tid
    assert got["demands_by_country_type"].totals.total.value == 11
    assert got["accounts_by_country_type"].rows[0].cells[1].value == 4  # DE disclosure
    assert got["targets_by_country_type"].rows[0].cells[2].value == 3  # DE restriction
    timing = {r.key: (r.acknowledged.value, r.median_hours_to_acknowledge, r.acted.value,
                      r.median_hours_to_act) for r in report.timings[0].rows}
    assert timing == {"DE": (4, 1.0, 3, 30.0), "FR": (2, 1.6, 1, 2.0), "RU": (2, 5.0, 0, None),
                      "US": (2, 1.0, 2, 50.5), "TR": (1, 2.0, 0, None)}
    by_type = {r.key: (r.median_hours_to_acknowledge, r.median_hours_to_act)
               for r in report.timings[1].rows}
    assert by_type["disclosure"] == (1.0, 50.0)
    dsa = [(r.category.removeprefix("STATEMENT_CATEGORY_"), r.scope, r.art9_orders.value,
            r.art9_items.value, r.art9_median_hours_to_inform, r.art9_median_hours_to_effect,
            r.art10_orders.value, r.art10_median_hours_to_inform,
            r.art10_median_hours_to_effect) for r in report.dsa_orders.rows]
    assert dsa == [
        ("ILLEGAL_OR_HARMFUL_SPEECH", "TOTAL", 2, 4, 1.75, 5.0, 0, None, None),
        ("ILLEGAL_OR_HARMFUL_SPEECH", "DE", 1, 3, 0.5, 5.0, 0, None, None),
        ("ILLEGAL_OR_HARMFUL_SPEECH", "FR", 1, 1, 3.0, None, 0, None, None),
        ("NOT_SPECIFIED_ORDER", "TOTAL", 0, 0, None, None, 4, 1.0, 30.0),
        ("NOT_SPECIFIED_ORDER", "DE", 0, 0, None, None, 3, 1.0, 40.0),
        ("NOT_SPECIFIED_ORDER", "FR", 0, 0, None, None, 1, 0.2, 2.0),
    ]
    assert [(o.case_id, o.recommendation, o.outcome) for o in report.overrides] == [
        (2, "clarify", "comply_narrowed")]
    assert report.dsa_orders.reporting_period == "2026-01-01/2026-06-30"
    covered = {c.code: c.covered for c in report.coverage}
    assert covered["P11a-1"] and covered["F6-4"] and covered["P12-3"] and covered["15(1)(a)"]
    assert not covered["P12-2"] and not covered["F6-8"]


def test_report_carries_the_audit_checkpoint_at_as_of(fixed_store: Store) -> None:
    as_of = T(2026, 4, 1)
    report = make_report(fixed_store.engine, params(as_of=as_of))
    with fixed_store.read() as s:
        seq, digest = s.execute(select(AuditRecord.seq, AuditRecord.hash)
                                .where(AuditRecord.at <= "2026-04-01T00:00:00.000000Z")
                                .order_by(AuditRecord.seq.desc()).limit(1)).one()
    assert (report.audit_checkpoint.seq, report.audit_checkpoint.hash) == (seq, digest)
    assert seq == 4


def test_as_of_leaves_out_later_records_and_takes_earlier_states(fixed_store: Store) -> None:
    early = make_report(fixed_store.engine, params(as_of=T(2026, 2, 4, 10)))
    t = tables(early)
    # cases 1 and 2 only; case 2 was decided (narrowed) at 09:00 on 4 Feb but executed later
    assert grid(t["demands_by_country_type"]) == {"DE": {"disclosure": 2}}
    assert grid(t["outcomes_by_country"]) == {"DE": {"produced": 1, "pending": 1}}
    assert grid(t["notices_by_country"]) == {"DE": {"given": 1, "deferred_gag_order": 1}}
    later = make_report(fixed_store.engine, params(as_of=T(2026, 2, 6)))
    assert grid(tables(later)["outcomes_by_country"]) == {"DE": {"produced": 1,
                                                                 "narrowed": 1}}
    # reproducible: the same period and as-of give the same report
    again = make_report(fixed_store.engine, params(as_of=T(2026, 2, 4, 10)))
    assert again == early


def test_public_report_is_banded_and_consistent(fixed_store: Store) -> None:
    report = make_report(fixed_store.engine, params("public", band=3))
    assert type(report) is PublicReport
    assert report.banding.applied and "1–2" in report.banding.statement
    for t in report.tables:
        assert len({c.key for c in t.columns}) == len(t.columns), t.id
        assert len({r.key for r in t.rows}) == len(t.rows), t.id
        for r in [*t.rows, t.totals]:
            parts_lo = sum(f.min for f in r.cells)
            parts_hi = sum(f.max for f in r.cells)
            # issue 6: totals are exact where complementary ranges allow: within the parts' sum
            assert parts_lo <= r.total.min <= r.total.max <= parts_hi, t.id
            for f in [*r.cells, r.total]:
                assert f.value is None or f.value >= 3 or f.value == f.min == f.max
    truth = tables(make_report(fixed_store.engine, params()))
    for t in report.tables:
        exact = truth[t.id]
        shown = {r.key for r in t.rows}
        for r in t.rows:
            merged = [x for x in exact.rows if x.key == r.key
                      or (r.key == "other" and x.key not in shown)]
            assert merged, (t.id, r.key)
            for c, f in zip(t.columns, r.cells, strict=True):
                cols = [j for j, ec in enumerate(exact.columns) if ec.key == c.key
                        or (c.key == "other" and ec.key not in {k.key for k in t.columns})]
                true = sum(x.cells[j].value or 0 for x in merged for j in cols)
                assert f.min <= true <= f.max, (t.id, r.key, c.key)
                if 0 < true < 3:  # issue 6: zero is published as 0, 1-2 as a range
                    assert f.value is None and f.min <= 1 and f.max >= 2
    # the only country with at least 3 demands keeps its own row; the others are grouped
    assert [r.key for r in tables(report)["demands_by_country_type"].rows] == ["DE", "other"]
    # no median rests on fewer than band_size cases
    for tt in report.timings:
        for row in tt.rows:
            if row.median_hours_to_act is not None:
                assert row.acted.min >= 3
    dumped = report.model_dump_json()
    assert "overrides" not in dumped and "judgement" not in dumped
