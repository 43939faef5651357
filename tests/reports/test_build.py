"""The builder on hand-made query results (no database)."""

from __future__ import annotations

from collections import Counter

from test_golden import params

from scrutiny.reports.build import build_report, median_hours
from scrutiny.reports.queries import GROUPINGS, PASSES, Facts, _derive


def test_median_hours() -> None:
    assert median_hours({}) is None
    assert median_hours({10: 1}) == 1.0
    assert median_hours({10: 1, 30: 1}) == 2.0
    assert median_hours({0: 2, 50: 1}) == 0.0
    assert median_hours({5: 1, 7: 2, 100: 1}) == 0.7


def facts_of(cases: list[tuple[str, int, int]]) -> Facts:
    """Facts for disclosure demands (country, tenths of an hour to ack, to act), all alike
    otherwise, grouped exactly as the queries group them."""
    const = {"rtype": "disclosure", "outcome": "produced", "month": "2026-01",
             "reason": "other", "eu_reason": "-", "action": "-", "process": "court_order",
             "judicial": "court", "authority": "court", "unofficial": "no",
             "xborder": "domestic", "treaty": "none", "prohibited": "no",
             "data_scope": "non_content", "recommendation": "comply", "followed": "followed"}
    facts = Facts()
    scans = {}
    for name, p in PASSES.items():
        rows: Counter[tuple[str, ...]] = Counter()
        for country, ack, act in cases:
            values = {**const, "country": country, "ack_dh": str(ack), "act_dh": str(act)}
            rows[tuple(values[d] for d in p.dims)] += 1
        scans[name] = {k: tuple(n for _ in p.measures) for k, n in rows.items()}
    for name, g in GROUPINGS.items():
        facts.groups[name] = _derive(scans[g.source], PASSES[g.source], g, frozenset())
    return facts


def test_small_countries_are_grouped_with_their_timings() -> None:
    facts = facts_of([("DE", 10, 100)] * 5 + [("FR", 20, 200), ("IT", 40, 400)])
    report = build_report(facts, params("public", band=2))
    table = next(t for t in report.tables if t.id == "demands_by_country_type")
    assert [r.key for r in table.rows] == ["DE", "other"]
    assert table.rows[1].total.value == 2 and table.totals.total.value == 7
    timing = {r.key: r for r in report.timings[0].rows}
    assert timing["other"].acknowledged.value == 2
    assert timing["other"].median_hours_to_acknowledge == 3.0  # FR 2 h and IT 4 h
    assert timing["other"].median_hours_to_act == 30.0
    assert timing["DE"].median_hours_to_act == 10.0
    internal = build_report(facts, params("internal"))
    rows = next(t for t in internal.tables if t.id == "demands_by_country_type").rows
    assert [r.key for r in rows] == ["DE", "FR", "IT"]
    one = build_report(facts_of([("FR", 20, 200)]), params("public", band=2))
    assert {r.key: r.median_hours_to_act for r in one.timings[0].rows} == {"other": None}
