"""``scrutiny report``: transparency reports from the case store (docs/reports.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from scrutiny.errors import InputError

__all__ = ["facts_command", "register", "report_command"]


def _formats(value: list[str]) -> list[str]:
    from scrutiny.reports.export import FORMATS

    out: list[str] = []
    for item in value:
        for fmt in item.split(","):
            fmt = fmt.strip().lower()
            if fmt not in FORMATS:
                raise InputError(f"unknown format {fmt!r}", location="--format",
                                 hint="use html, csv, json or md (repeat or comma-separate)")
            if fmt not in out:
                out.append(fmt)
    return out or ["html"]


def report_command(
    period: Annotated[str, typer.Option(
        "--period", "-p", help="2026, 2026H1, 2026Q3, 2026-03 or FROM..TO (ISO dates).")],
    fmt: Annotated[list[str], typer.Option(
        "--format", "-f", help="html, csv, json or md; repeat or comma-separate.")] = [],  # noqa: B006
    audience: Annotated[str, typer.Option(
        "--audience", "-a", help="public (banded, no identifiers) or internal (exact).")
    ] = "public",
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Compute the figures as of this date or instant (default: now).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the report files.")
                   ] = Path("."),
    band_size: Annotated[int | None, typer.Option(
        "--band-size", min=1, help="Override the policy's reporting.band_size (bands for "
        "national-security process demands).")] = None,
    small_count: Annotated[int | None, typer.Option(
        "--small-count", min=1, help="Override the policy's reporting.small_count_threshold "
        "(counts from 1 to N-1 are published as a range).")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", help="Database URL (default: SCRUTINY_DATABASE_URL).")] = None,
    scan: Annotated[bool, typer.Option(
        "--scan", help="Compute from every case of the period instead of the report cubes "
        "(the reference computation; same figures, slower).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line on stdout."
                                          )] = False,
) -> None:
    """Write a transparency report for a period: HTML (with charts), CSV, JSON, Markdown."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from scrutiny import __version__
    from scrutiny.policy import load_policy
    from scrutiny.reports.build import ReportParams
    from scrutiny.reports.export import make_report, now_utc, write_report
    from scrutiny.reports.period import parse_as_of, parse_period
    from scrutiny.settings import get_settings
    from scrutiny.store.engine import open_store

    if audience not in ("public", "internal"):
        raise InputError(f"unknown audience {audience!r}", location="--audience",
                         hint="use public or internal")
    formats = _formats(fmt)
    p = parse_period(period)
    when = parse_as_of(as_of, now_utc())
    settings = get_settings()
    policy = load_policy(settings.policy)
    band = band_size if band_size is not None else policy.reporting.band_size.value
    threshold = policy.reporting.small_count_threshold
    small = (small_count if small_count is not None
             else threshold.value if threshold is not None else 10)
    params = ReportParams(period=p, as_of=when, audience=audience,  # type: ignore[arg-type]
                          band_size=band, small_count_threshold=small,
                          policy_id=policy.id, policy_version=policy.version,
                          generator=f"scrutiny {__version__}")
    err = Console(stderr=True, highlight=False)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("querying the case store…", total=None)
        store = open_store(db or settings.database_url, existing=True)
        if not scan:
            from scrutiny.reports.facts import facts_built

            if not facts_built(store.engine):
                bar.update(task, description="building the report facts and cubes (first "
                           "report on this store; later reports only fold in changes)…")
        report = make_report(store.engine, params, "scan" if scan else "auto")
        bar.update(task, description="rendering…")
        files = write_report(report, p, out, formats,  # type: ignore[arg-type]
                             progress=lambda name: bar.update(task,
                                                              description=f"wrote {name}"))
    total = next(k.figure for k in report.key_figures if k.id == "demands")
    if as_json:
        for path in files:
            sys.stdout.write(json.dumps({"file": str(path), "kind": path.suffix.lstrip(".")})
                             + "\n")
        sys.stdout.write(json.dumps({
            "period": p.label, "as_of": report.as_of, "audience": report.audience,
            "demands": total.model_dump(), "band_size": band, "small_count_threshold": small,
            "audit_checkpoint": report.audit_checkpoint.model_dump()}) + "\n")
        return
    for path in files:
        err.print(f"wrote {path}")
    err.print(f"{p.label}: {total.text()} demands, as of {report.as_of}, {report.audience} "
              f"audience; audit checkpoint {report.audit_checkpoint.seq} "
              f"{report.audit_checkpoint.hash[:16]}")


def facts_command(
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Recompute every case's facts and the cubes from scratch.")] = False,
    db: Annotated[str | None, typer.Option(
        "--db", help="Database URL (default: SCRUTINY_DATABASE_URL).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line on stdout."
                                          )] = False,
) -> None:
    """Bring the report facts and cubes up to date (every report also does this first)."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from scrutiny.reports.facts import refresh
    from scrutiny.settings import get_settings
    from scrutiny.store.engine import open_store

    err = Console(stderr=True, highlight=False)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        bar.add_task("rebuilding report facts…" if rebuild else "refreshing report facts…",
                     total=None)
        store = open_store(db or get_settings().database_url, existing=True)
        result = refresh(store.engine, full=rebuild)
    if as_json:
        sys.stdout.write(json.dumps({"full": result.full, "cases": result.cases,
                                     "audit_seq": result.audit_seq,
                                     "seconds": round(result.seconds, 3)}) + "\n")
        return
    what = "rebuilt" if result.full else "refreshed"
    err.print(f"report facts {what}: {result.cases:,} cases recomputed in "
              f"{result.seconds:.1f} s; current with audit event {result.audit_seq}")


def register(app: typer.Typer) -> None:
    """Add ``scrutiny report`` and ``scrutiny report-facts`` to the app."""
    app.command("report")(report_command)
    app.command("report-facts")(facts_command)
