"""CSV exports (RFC 4180, UTF-8): the classic per-country table, every table in long form,
and DSA template Part 3.

A banded figure is written as ``min-max`` (``0-999``) in the classic and DSA files, the way
platforms publish ranges; the long file has separate ``value``, ``min`` and ``max`` columns.
"""

from __future__ import annotations

import csv
import io

from scrutiny.reports.figures import Count, total
from scrutiny.reports.model import Figure, PublicReport, Table

__all__ = ["CLASSIC_COLUMNS", "classic_csv", "dsa_csv", "tables_csv"]

CLASSIC_COLUMNS = (
    "period_start", "period_end", "country", "demands_received", "accounts_specified",
    "user_data_demands", "emergency_demands", "content_restriction_demands",
    "account_action_demands", "court_orders", "some_data_produced",
    "percent_some_data_produced", "rejected", "pending",
)
"""Columns of the classic per-country file (one row per requesting country)."""

_DATA_TYPES = ("disclosure", "preservation", "interception", "emergency_disclosure")


def _cell(fig: Count | Figure | None) -> str:
    if fig is None:
        return ""
    c = fig.count() if isinstance(fig, Figure) else fig
    return str(c.lo) if c.is_exact else f"{c.lo}-{c.hi}"


def _write(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def _lookup(table: Table | None, row: str, cols: tuple[str, ...] | None = None) -> Count | None:
    if table is None:
        return None
    r = next((x for x in table.rows if x.key == row), None)
    if r is None:
        return Count.exact(0) if cols is not None else None
    if cols is None:
        return r.total.count()
    keys = [c.key for c in table.columns]
    return total(r.cells[keys.index(c)].count() for c in cols if c in keys)


def classic_csv(report: PublicReport) -> str:
    """One row per requesting country, in the shape of the large platforms' reports."""
    t = {x.id: x for x in report.tables}
    main = t["demands_by_country_type"]
    rows = [list(CLASSIC_COLUMNS)]
    for r in main.rows:
        produced = _lookup(t.get("outcomes_by_country"), r.key, ("produced", "narrowed"))
        demands = r.total.count()
        pct = ""
        if produced is not None and produced.is_exact and demands.is_exact and demands.lo:
            pct = f"{100 * produced.lo / demands.lo:.1f}"
        rows.append([
            report.period.start, report.period.end, r.key, _cell(demands),
            _cell(_lookup(t.get("accounts_by_country_type"), r.key)),
            _cell(_lookup(main, r.key, _DATA_TYPES)),
            _cell(_lookup(main, r.key, ("emergency_disclosure",))),
            _cell(_lookup(main, r.key, ("content_restriction",))),
            _cell(_lookup(main, r.key, ("account_action",))),
            _cell(_lookup(t.get("court_orders_by_country"), r.key, ("court",))),
            _cell(produced), pct,
            _cell(_lookup(t.get("outcomes_by_country"), r.key, ("rejected",))),
            _cell(_lookup(t.get("outcomes_by_country"), r.key, ("pending",))),
        ])
    return _write(rows)


def tables_csv(report: PublicReport) -> str:
    """Every table in long form: ``table, row, column, value, min, max`` (totals included)."""
    rows = [["period_start", "period_end", "table", "unit", "row", "column", "value", "min",
             "max"]]
    for table in report.tables:
        for r in [*table.rows, table.totals]:
            for col, fig in [*((c.key, f) for c, f in zip(table.columns, r.cells,
                                                          strict=True)), ("total", r.total)]:
                rows.append([report.period.start, report.period.end, table.id, table.unit,
                             r.key, col, "" if fig.value is None else str(fig.value),
                             str(fig.min), str(fig.max)])
    return _write(rows)


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def dsa_csv(report: PublicReport, service: str = "") -> str:
    """DSA transparency-report template Part 3 (Member-State orders), one row per category
    and scope (``TOTAL`` first, then each issuing Member State)."""
    rows = [["Service", "Reporting period", "Category of illegal content", "Scope",
             "Number of orders to act against illegal content received",
             "Number of specific items of information in those orders",
             "Median time to inform the authority of receipt of an order to act (hours)",
             "Median time to give effect to the order to act (hours)",
             "Number of orders to provide information",
             "Median time to inform the authority of receipt of an information order (hours)",
             "Median time to give effect to an information order (hours)"]]
    for r in report.dsa_orders.rows:
        rows.append([service, report.dsa_orders.reporting_period, r.category, r.scope,
                     _cell(r.art9_orders), _cell(r.art9_items),
                     _hours(r.art9_median_hours_to_inform), _hours(r.art9_median_hours_to_effect),
                     _cell(r.art10_orders), _hours(r.art10_median_hours_to_inform),
                     _hours(r.art10_median_hours_to_effect)])
    return _write(rows)
