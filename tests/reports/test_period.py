"""Reporting periods and as-of instants."""

from __future__ import annotations

import datetime as dt

import pytest

from scrutiny.errors import InputError
from scrutiny.reports.period import parse_as_of, parse_period


@pytest.mark.parametrize(("text", "start", "end", "label"), [
    ("2026", "2026-01-01", "2027-01-01", "2026"),
    ("2026H1", "2026-01-01", "2026-07-01", "2026H1"),
    ("2026h2", "2026-07-01", "2027-01-01", "2026H2"),
    ("2026Q3", "2026-07-01", "2026-10-01", "2026Q3"),
    ("2026Q4", "2026-10-01", "2027-01-01", "2026Q4"),
    ("2026-03", "2026-03-01", "2026-04-01", "2026-03"),
    ("2026-12", "2026-12-01", "2027-01-01", "2026-12"),
    ("2026-02-10..2026-02-20", "2026-02-10", "2026-02-21", "2026-02-10..2026-02-20"),
])
def test_periods(text: str, start: str, end: str, label: str) -> None:
    p = parse_period(text)
    assert (p.start.isoformat(), p.end.isoformat(), p.label) == (start, end, label)


def test_months_and_dsa_interval() -> None:
    p = parse_period("2026Q4")
    assert p.months() == ["2026-10", "2026-11", "2026-12"]
    assert p.iso_interval == "2026-10-01/2026-12-31"


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "empty"), ("2026Q5", "Q5"), ("2026-13", "month 13"), ("H1", "not a reporting period"),
    ("2026-05-01..2026-04-01", "before it starts"), ("2026-02-30..2026-03-01", "not a date"),
    ("1066", "out of range"),
])
def test_bad_periods_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_period(text)
    assert fragment in str(exc.value)
    assert exc.value.location == "--period"


def test_as_of() -> None:
    p = parse_period("2026H1")
    now = dt.datetime(2026, 8, 1, 12, tzinfo=dt.UTC)
    assert parse_as_of(None, now) == now
    assert parse_as_of("2026-06-30", now) == dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    assert parse_as_of("2026-06-30T12:00:00+02:00", now) == dt.datetime(2026, 6, 30, 10,
                                                                         tzinfo=dt.UTC)
    assert p.end_utc == dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    with pytest.raises(InputError, match="no time zone"):
        parse_as_of("2026-06-30T12:00:00", now)
    with pytest.raises(InputError, match="not a date"):
        parse_as_of("yesterday", now)
