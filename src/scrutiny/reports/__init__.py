"""Transparency reports from the case store (docs/reports.md).

Named aggregate queries (:mod:`~scrutiny.reports.queries`) → exact facts → the report model
built for an audience (:mod:`~scrutiny.reports.build`, banding in
:mod:`~scrutiny.reports.disclosure`) → allowlisted view (:mod:`~scrutiny.reports.audience`)
→ renderers (HTML with charts, CSV, JSON, Markdown; :mod:`~scrutiny.reports.export`).
Nothing is imported here, so that registering ``scrutiny report`` stays cheap.
"""

from __future__ import annotations

__all__: list[str] = []
