"""National-security process demands: only in bands, on their own line (issue 6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fixed_store import FIXED
from storefill import CaseSpec, fill

from scrutiny.reports.build import ReportParams, national_security_band
from scrutiny.reports.export import make_report
from scrutiny.reports.figures import Count
from scrutiny.reports.model import InternalReport, PublicReport
from scrutiny.reports.period import parse_period
from scrutiny.store.engine import Store

IN_PERIOD = 11  # FIXED cases received in 2026H1 (one is received in 2025)
NSL = [CaseSpec("US", ["disclosure"], dt.datetime(2026, 3, d, 9, tzinfo=dt.UTC),
                process="national_security_letter", judicial=False, accounts=2)
       for d in range(1, 8)]


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    s = Store(sqlite_url)
    fill(s, [*FIXED, *NSL])
    try:
        yield s
    finally:
        s.dispose()


def report(store: Store, audience: str, threshold: int = 3) -> PublicReport | InternalReport:
    return make_report(store.engine, ReportParams(
        period=parse_period("2026H1"), as_of=dt.datetime(2026, 7, 1, tzinfo=dt.UTC),
        audience=audience,  # type: ignore[arg-type]
        band_size=1000, small_count_threshold=threshold, policy_id="p", policy_version="t",
        generator="t"))


def key(r: PublicReport, kid: str) -> Count:
    f = next(k.figure for k in r.key_figures if k.id == kid)
    return Count(f.min, f.max)


def test_bands_start_at_zero_and_have_the_band_size() -> None:
    assert national_security_band(0, 1000) == Count(0, 999)
    assert national_security_band(7, 1000) == Count(0, 999)
    assert national_security_band(1000, 1000) == Count(1000, 1999)
    assert national_security_band(2345, 250) == Count(2250, 2499)


def test_public_report_keeps_them_out_of_every_exact_figure(store: Store) -> None:
    public = report(store, "public")
    internal = report(store, "internal")
    assert key(internal, "demands") == Count.exact(IN_PERIOD + len(NSL))
    assert key(internal, "national_security") == Count.exact(len(NSL))
    assert key(public, "national_security") == Count(0, 999)
    # the demands figure leaves them out, so nothing can be differenced against the band
    demands = key(public, "demands")
    assert demands.lo <= IN_PERIOD <= demands.hi
    for t in public.tables:
        assert "national_security_letter" not in {c.key for c in t.columns}, t.id
        assert "national_security_letter" not in {r.key for r in t.rows}, t.id
    assert "bands of 1,000" in public.banding.statement
    assert "1–2" in public.banding.statement
    assert public.banding.band_size == 1000 and public.banding.small_count_threshold == 3
    procs = {c.key for t in internal.tables if t.id == "process_by_country" for c in t.columns}
    assert "national_security_letter" in procs  # internal: exact, in the tables


def test_without_small_cells_every_count_is_exact(store: Store) -> None:
    public = report(store, "public", threshold=1)
    assert key(public, "demands") == Count.exact(IN_PERIOD)
    assert key(public, "national_security") == Count(0, 999)
