"""The report as ONE self-contained, accessible HTML file.

Inline CSS and inline SVG charts (rendered offline), no scripts, fonts, images or links that
would make the browser fetch anything. Every table has a caption and header cells with
scope; every chart is an image with a text alternative and points to its table.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from scrutiny.reports.charts import Chart, charts, render_svg
from scrutiny.reports.model import PublicReport

__all__ = ["inline_svg", "to_html"]

_TEMPLATES = Path(__file__).parent / "templates"


def inline_svg(chart: Chart, svg: str, index: int) -> Markup:
    """``svg`` made safe to inline: ids namespaced per chart, an accessible name added."""
    svg = re.sub(r"<\?xml[^>]*>\s*", "", svg)
    prefix = f"c{index}-"
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m[1]})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', svg)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(chart.alt)}" ', 1)
    return Markup(svg)  # vl-convert output for our own spec


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(_TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["hours"] = lambda v: "—" if v is None else f"{v:g}"
    return env


def to_html(report: PublicReport, *, with_charts: bool = True) -> str:
    """Render the whole report as one HTML document."""
    items = charts(report) if with_charts else []
    rendered = [(c, inline_svg(c, render_svg(c), i)) for i, c in enumerate(items)]
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    return _env().get_template("report.html.j2").render(
        report=report, charts=rendered, css=Markup(css))  # our own stylesheet
