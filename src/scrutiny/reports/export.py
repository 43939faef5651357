"""Producing a report end to end: query the store, build, serialize, write the files.

This is the one function the CLI (and the web app) call; everything below it is pure
except :func:`scrutiny.reports.queries.collect`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import orjson

from scrutiny.errors import InputError
from scrutiny.reports.audience import serialize
from scrutiny.reports.build import Audience, ReportParams, build_report
from scrutiny.reports.charts import charts, render_png, render_svg
from scrutiny.reports.conventions import dsa_conventions
from scrutiny.reports.csvout import classic_csv, dsa_csv, tables_csv
from scrutiny.reports.html import to_html
from scrutiny.reports.markdown import to_markdown
from scrutiny.reports.model import InternalReport, PublicReport
from scrutiny.reports.period import Period
from scrutiny.reports.queries import collect_on, snapshot

__all__ = ["FORMATS", "Format", "Method", "make_report", "to_json", "write_report"]

Format = Literal["html", "csv", "json", "md"]
FORMATS: tuple[Format, ...] = ("html", "csv", "json", "md")


Method = Literal["auto", "cube", "scan"]
"""``cube``: refresh the report facts (building them on first use), then read the cubes;
``scan``: compute from every case of the period (the reference); ``auto``: ``cube``, or
``scan`` when the facts cannot be refreshed and were never built."""


def make_report(engine: object, params: ReportParams,
                method: Method = "auto") -> PublicReport | InternalReport:
    """Query the store behind ``engine`` and build the report for ``params.audience``.

    Both methods give the same figures (``docs/reports.md``); the cube method reads
    pre-aggregated counts kept current by :func:`scrutiny.reports.facts.refresh`.
    """
    from sqlalchemy import inspect
    from sqlalchemy.engine import Engine
    from sqlalchemy.exc import DBAPIError

    from scrutiny.reports.cubed import collect_cubed
    from scrutiny.reports.facts import refresh

    assert isinstance(engine, Engine)
    eu = dsa_conventions().member_states
    if method != "scan":
        try:
            refresh(engine, eu)
        except DBAPIError:  # a read-only store: stale cases are corrected at report time
            if method == "cube":
                raise
            if not inspect(engine).has_table("report_state"):  # not migrated yet
                method = "scan"
    as_of = params.as_of.astimezone(dt.UTC)
    args = (params.period.start_utc, params.period.end_utc, as_of)
    options = {"eu_states": eu, "internal": params.audience == "internal",
               "separate_national_security": params.audience == "public"}
    with snapshot(engine) as conn:
        facts = collect_cubed(conn, *args, **options) if method != "scan" else None  # type: ignore[arg-type]
        if facts is None:
            facts = collect_on(conn, *args, **options)  # type: ignore[arg-type]
        report = build_report(facts, params)
    return serialize(report, params.audience)


def to_json(report: PublicReport | InternalReport) -> bytes:
    """The report as pretty-printed JSON (validates against the published schema)."""
    return orjson.dumps(report.model_dump(mode="json"), option=orjson.OPT_INDENT_2) + b"\n"


def _stem(period: Period, audience: Audience) -> str:
    return f"report-{period.label.replace('..', '_to_')}-{audience}"


def write_report(report: PublicReport | InternalReport, period: Period, out: Path,
                 formats: Sequence[Format], *, charts_files: bool = True,
                 progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write ``report`` in each of ``formats`` (and the charts as SVG and PNG) into ``out``.

    Returns:
        The files written.

    Raises:
        InputError: ``out`` exists and is not a folder, or cannot be created.
    """
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is not a folder", location="--out",
                         hint="give a folder to write the report files into")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out}: {exc.strerror}", location="--out") from None
    stem = _stem(period, report.audience)
    written: list[Path] = []

    def put(name: str, data: bytes | str) -> None:
        path = out / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_bytes(data)
        written.append(path)
        if progress:
            progress(name)

    for fmt in formats:
        if fmt == "json":
            put(f"{stem}.json", to_json(report))
        elif fmt == "md":
            put(f"{stem}.md", to_markdown(report))
        elif fmt == "csv":
            put(f"{stem}-countries.csv", classic_csv(report))
            put(f"{stem}-tables.csv", tables_csv(report))
            put(f"{stem}-dsa-part3.csv", dsa_csv(report))
        elif fmt == "html":
            put(f"{stem}.html", to_html(report))
    if charts_files and "html" in formats:
        for chart in charts(report):
            put(f"{stem}-{chart.id}.svg", render_svg(chart))
            put(f"{stem}-{chart.id}.png", render_png(chart))
    return written


def now_utc() -> dt.datetime:
    """The current instant, to the second (the CLI's default ``--as-of``)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
