"""The report's charts: Vega-Lite specifications rendered offline by vl-convert.

Each chart is built from published figures only (so a public chart never shows more than
the public tables). A banded figure is drawn as a solid bar up to its lower bound and a
light bar over its range; every chart comes with a one-sentence text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrutiny.reports.model import Figure, PublicReport, Table

__all__ = ["Chart", "charts", "render_png", "render_svg"]

_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
_PALETTE = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#7f7f7f"]


@dataclass(frozen=True)
class Chart:
    """A chart: id, title, text alternative and Vega-Lite spec."""

    id: str
    title: str
    alt: str
    spec: dict[str, Any]


def _table(report: PublicReport, tid: str) -> Table | None:
    return next((t for t in report.tables if t.id == tid), None)


def _point(fig: Figure, **fields: Any) -> dict[str, Any]:
    return {**fields, "low": fig.min, "high": fig.max,
            "shown": fig.text(), "banded": fig.value is None}


def _bars(values: list[dict[str, Any]], *, x: dict[str, Any], y: dict[str, Any],
          color: dict[str, Any] | None, title: str, horizontal: bool = False,
          offset: str | None = None) -> dict[str, Any]:
    q = "x" if horizontal else "y"
    q2 = q + "2"
    enc: dict[str, Any] = {"x": x, "y": y}
    if color:
        enc["color"] = color
    if offset:
        enc["yOffset" if horizontal else "xOffset"] = {"field": offset, "type": "nominal"}
    tooltip = [{"field": "shown", "title": "figure"}]
    solid = {**enc, q: {"field": "low", "type": "quantitative", "title": "count"},
             "tooltip": tooltip}
    light = {**enc, q: {"field": "low", "type": "quantitative"},
             q2: {"field": "high"}, "opacity": {"value": 0.3}, "tooltip": tooltip}
    return {
        "$schema": _SCHEMA, "title": title, "width": 560, "height": 260,
        "config": {"font": "sans-serif", "range": {"category": _PALETTE},
                   "view": {"stroke": None}, "legend": {"symbolOpacity": 1},
                   "axis": {"labelLimit": 220}},
        "data": {"values": values},
        "layer": [{"mark": {"type": "bar"}, "encoding": solid},
                  {"mark": {"type": "bar"}, "encoding": light}],
    }


def charts(report: PublicReport) -> list[Chart]:
    """The report's four charts (those whose table has data)."""
    out: list[Chart] = []
    t = _table(report, "demands_by_month_type")
    if t and t.rows and t.columns:
        values = [_point(cell, month=row.key, type=col.label)
                  for row in t.rows for col, cell in zip(t.columns, row.cells, strict=True)]
        peak = max(t.rows, key=lambda r: r.total.max)
        out.append(Chart(
            "demands_over_time", "Demands over time, by type",
            f"Bar chart of demands received per month by type; the busiest month was "
            f"{peak.key} with {peak.total.text()} demands. Figures: table "
            "demands_by_month_type.",
            _bars(values, x={"field": "month", "type": "ordinal", "title": "month"},
                  y={}, color={"field": "type", "type": "nominal", "title": "type"},
                  title="Demands over time, by type", offset="type")))
    t = _table(report, "demands_by_country_type")
    if t and t.rows:
        top = sorted(t.rows, key=lambda r: (-r.total.max, r.key))[:15]
        values = [_point(r.total, country=r.key) for r in top]
        out.append(Chart(
            "top_countries", "Top requesting countries",
            "Horizontal bar chart of the countries that made the most demands: "
            + ", ".join(f"{r.key} {r.total.text()}" for r in top[:5])
            + ". Figures: table demands_by_country_type.",
            _bars(values, x={}, y={"field": "country", "type": "nominal", "sort": None,
                                   "title": "country"},
                  color=None, title="Top requesting countries", horizontal=True)))
    t = _table(report, "outcomes_by_type")
    if t and t.columns:
        values = [_point(cell, outcome=col.label)
                  for col, cell in zip(t.columns, t.totals.cells, strict=True)]
        out.append(Chart(
            "outcomes", "Outcomes",
            "Bar chart of outcomes: " + ", ".join(
                f"{c.label} {cell.text()}" for c, cell in zip(t.columns, t.totals.cells,
                                                              strict=True))
            + ". Figures: table outcomes_by_type.",
            _bars(values, x={}, y={"field": "outcome", "type": "nominal", "sort": None,
                                   "title": "outcome"},
                  color={"field": "outcome", "type": "nominal", "legend": None},
                  title="Outcomes", horizontal=True)))
    t = _table(report, "safeguards")
    if t and t.rows:
        keys = [c.key for c in t.columns]
        values = []
        for row in t.rows:
            for status in ("unmet", "concern"):
                if status in keys:
                    values.append(_point(row.cells[keys.index(status)], safeguard=row.key,
                                         status=status))
        if values:
            worst = t.rows[0]
            out.append(Chart(
                "safeguards_failed", "Safeguards failed",
                "Horizontal bar chart of how many demands had each safeguard unmet or of "
                f"concern; most often failed: {worst.key}. Figures: table safeguards.",
                _bars(values, x={}, y={"field": "safeguard", "type": "nominal", "sort": None,
                                       "title": "safeguard"},
                      color={"field": "status", "type": "nominal", "title": "status",
                             "scale": {"domain": ["unmet", "concern"],
                                       "range": ["#c00000", "#ffc000"]}},
                      title="Safeguards failed", horizontal=True, offset="status")))
    return out


def render_svg(chart: Chart) -> str:
    """The chart as an SVG document (rendered offline)."""
    import vl_convert as vlc

    svg: str = vlc.vegalite_to_svg(chart.spec)
    return svg


def render_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (rendered offline)."""
    import vl_convert as vlc

    png: bytes = vlc.vegalite_to_png(chart.spec, scale=scale)
    return png
