"""CLI commands of the instruments area: ``analyze``, ``compare``, ``diff``, ``instruments``.

Thin edges: parse options, call the library, print or write. ``--json`` prints one JSON
object on one line on stdout; messages go to stderr.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import typer
from rich.console import Console

from scrutiny.errors import InputError

__all__ = ["register"]

_err = Console(stderr=True)


def _status(message: str) -> AbstractContextManager[Any]:
    return _err.status(message) if sys.stderr.isatty() else nullcontext()


def _format(json_: bool, md: bool, html_: bool) -> str:
    chosen = [name for name, on in (("json", json_), ("md", md), ("html", html_)) if on]
    if len(chosen) > 1:
        raise InputError("choose one of --json, --md, --html", location="options")
    return chosen[0] if chosen else "text"


def _emit(content: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), location=str(out)) from None
    _err.print(f"wrote {out}")


def _json(data: Any) -> str:
    return orjson.dumps(data).decode() + "\n"


def analyze_cmd(
    file: str | None = typer.Argument(None, help="Instrument file (.txt .md .pdf .html .docx) "
                                      "or a shipped name."),
    instrument: str | None = typer.Option(None, "--instrument", "-i",
                                          help="A shipped instrument, e.g. budapest-convention."),
    json_: bool = typer.Option(False, "--json", help="Provision tree and findings as JSON."),
    md: bool = typer.Option(False, "--md", help="Markdown report."),
    html_: bool = typer.Option(False, "--html", help="One self-contained HTML page."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file."),
    profile: str | None = typer.Option(None, "--profile", metavar="ISO2",
                                       help="Write the jurisdiction's law profile (YAML) "
                                            "instead of the report."),
) -> None:
    """Analyse a treaty or law article by article for safeguard gaps."""
    from scrutiny.instruments.analysis import analyze_document
    from scrutiny.instruments.load import load_instrument
    from scrutiny.instruments.render import analysis_html, analysis_json, analysis_markdown

    if (file is None) == (instrument is None):
        raise InputError("give either a FILE or --instrument NAME", location="arguments",
                         hint="e.g. scrutiny analyze --instrument budapest-convention")
    fmt = _format(json_, md, html_)
    with _status("analysing…"):
        analysis = analyze_document(load_instrument(instrument or file or ""))
    if profile is not None:
        from scrutiny.instruments.profiles import build_profile, dump_profile

        if len(profile) != 2 or not profile.isalpha():
            raise InputError("--profile takes an ISO 3166-1 alpha-2 code", location="--profile")
        _emit(dump_profile(build_profile(analysis, profile, datetime.now(UTC))), out)
        return
    if fmt == "json":
        _emit(_json(analysis_json(analysis)), out)
    elif fmt == "md":
        _emit(analysis_markdown(analysis), out)
    elif fmt == "html":
        _emit(analysis_html(analysis), out)
    else:
        _emit(_text_summary(analysis), out)


def _text_summary(analysis: Any) -> str:
    doc = analysis.document
    lines = [f"{doc.title}: {len(doc.provisions())} provisions, {len(analysis.findings)} "
             f"findings on {len(analysis.flagged_provisions())} provisions"]
    for f in analysis.findings:
        lines.append(f"  {f.provision:<14} {f.code:<26} {f.reason}")
    return "\n".join(lines) + "\n"


def compare_cmd(
    a: str = typer.Argument(..., help="First instrument (file or shipped name)."),
    b: str = typer.Argument(..., help="Second instrument (file or shipped name)."),
    json_: bool = typer.Option(False, "--json", help="Aligned rows as JSON."),
    md: bool = typer.Option(False, "--md", help="Markdown table."),
    html_: bool = typer.Option(False, "--html", help="One self-contained HTML page."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file."),
) -> None:
    """Align two instruments' provisions by subject and compare their safeguards."""
    from scrutiny.instruments.analysis import analyze_document
    from scrutiny.instruments.compare import compare
    from scrutiny.instruments.load import load_instrument
    from scrutiny.instruments.render_pairs import comparison_html, comparison_markdown

    fmt = _format(json_, md, html_)
    with _status("comparing…"):
        comp = compare(analyze_document(load_instrument(a)), analyze_document(load_instrument(b)))
    if fmt == "json":
        _emit(_json(comp.to_dict()), out)
    elif fmt == "html":
        _emit(comparison_html(comp), out)
    else:
        _emit(comparison_markdown(comp), out)


def diff_cmd(
    old: str = typer.Argument(..., help="Earlier draft (file or shipped name)."),
    new: str = typer.Argument(..., help="Later draft (file or shipped name)."),
    json_: bool = typer.Option(False, "--json", help="Changes as JSON."),
    md: bool = typer.Option(False, "--md", help="Markdown report."),
    html_: bool = typer.Option(False, "--html", help="One self-contained HTML page."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file."),
) -> None:
    """Diff two drafts of an instrument article by article, with findings gained and lost."""
    from scrutiny.instruments.analysis import analyze_document
    from scrutiny.instruments.diff import diff_drafts
    from scrutiny.instruments.load import load_instrument
    from scrutiny.instruments.render_pairs import diff_html, diff_markdown

    fmt = _format(json_, md, html_)
    with _status("diffing…"):
        d = diff_drafts(analyze_document(load_instrument(old)),
                        analyze_document(load_instrument(new)))
    if fmt == "json":
        _emit(_json(d.to_dict()), out)
    elif fmt == "html":
        _emit(diff_html(d), out)
    else:
        _emit(diff_markdown(d), out)


def instruments_cmd(
    json_: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """List the instruments shipped with Scrutiny."""
    from scrutiny.instruments.shipped import shipped_instruments

    for inst in shipped_instruments():
        if json_:
            sys.stdout.write(_json(inst.model_dump()))
        else:
            sys.stdout.write(f"{inst.name:<45} {inst.kind:<7} {inst.jurisdiction or '':<3} "
                             f"aliases: {', '.join(inst.aliases)}\n")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the ``scrutiny`` app."""
    app.command("analyze")(analyze_cmd)
    app.command("compare")(compare_cmd)
    app.command("diff")(diff_cmd)
    app.command("instruments")(instruments_cmd)
