"""Transparency reports from the case store (docs/reports.md).

Named aggregate queries (:mod:`~scrutiny.reports.queries`) → exact facts → the report model
built for an audience (:mod:`~scrutiny.reports.build`, banding in
:mod:`~scrutiny.reports.disclosure`) → allowlisted view (:mod:`~scrutiny.reports.audience`)
→ renderers (HTML with charts, CSV, JSON, Markdown; :mod:`~scrutiny.reports.export`).
"""

from __future__ import annotations

from scrutiny.reports.build import ReportParams
from scrutiny.reports.export import FORMATS, make_report, write_report
from scrutiny.reports.period import Period, parse_as_of, parse_period

__all__ = ["FORMATS", "Period", "ReportParams", "make_report", "parse_as_of", "parse_period",
           "write_report"]
