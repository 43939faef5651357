"""``scrutiny review FILE...``: review demands (JSON, JSONL, folders, letters) from the shell.

Exit codes: 0 every item was reviewed; 2 a file, item, option or policy pack was bad (each
bad item is reported on stderr with its file and field, after the good ones were reviewed);
other codes as in ``scrutiny.cli``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import orjson
import typer

from scrutiny.demands.model import Demand
from scrutiny.errors import InputError, ScrutinyError, UnsupportedInput
from scrutiny.intake.formats import LETTER_SUFFIXES

__all__ = ["LETTER_SUFFIXES", "iter_items", "register"]

_DEMAND_SUFFIXES = frozenset({".json", ".jsonl"})


def _read_letter(path: Path) -> Demand:
    import importlib

    read_letter = getattr(importlib.import_module("scrutiny.intake"), "read_letter", None)
    if read_letter is None:
        raise UnsupportedInput(
            "reading letters needs the intake module's read_letter, which this build lacks",
            location=str(path), hint="convert the letter to a demand JSON file first")
    demand = read_letter(path)
    if not isinstance(demand, Demand):
        raise UnsupportedInput("intake returned no demand", location=str(path))
    return demand


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file()
                      and p.suffix.lower() in _DEMAND_SUFFIXES | LETTER_SUFFIXES.keys())
    return [path]


def iter_items(path: Path) -> Iterator[tuple[str, Demand | None, ScrutinyError | None]]:
    """Every demand a path stands for, as (location, demand, error); never raises."""
    from scrutiny.demands.io import load_demands

    if not path.exists():
        yield str(path), None, InputError("no such file or folder", location=str(path),
                                          hint="check the path")
        return
    for file in _files(path):
        suffix = file.suffix.lower()
        if suffix in LETTER_SUFFIXES:
            try:
                yield str(file), _read_letter(file), None
            except ScrutinyError as exc:
                yield str(file), None, exc
        elif suffix in _DEMAND_SUFFIXES or not path.is_dir():
            if suffix not in _DEMAND_SUFFIXES:
                yield str(file), None, UnsupportedInput(
                    f"cannot read '{suffix or 'no extension'}' files", location=str(file),
                    hint="give a .json or .jsonl demand, or a letter ("
                         + " ".join(LETTER_SUFFIXES) + ")")
                continue
            for item in load_demands(file):
                yield item.location, item.demand, item.error


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--as-of: {text!r} is not a date", hint="use YYYY-MM-DD") from None


def review_command(
    files: Annotated[list[Path], typer.Argument(
        help="Demand files (.json, .jsonl), folders of them, or letters "
             "(.txt .md .eml .pdf .html .htm).", show_default=False)],
    json_out: Annotated[bool, typer.Option(
        "--json", help="One JSON object per demand per line on stdout.")] = False,
    policy_dir: Annotated[Path | None, typer.Option(
        "--policy", help="Folder of a policy pack (default: settings, else the shipped "
                         "GNI baseline).")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Apply the rules in force on this date (YYYY-MM-DD); default: each "
                        "demand's own date, else today.")] = None,
    explain: Annotated[str | None, typer.Option(
        "--explain", metavar="SAFEGUARD",
        help="Print only this safeguard's verdict, in full: legal test, codes, reasons, all "
             "evidence (with the letter's words), every source with its URL.")] = None,
) -> None:
    """Review demands against every safeguard and recommend what to do.

    Prints the recommendation first, then each safeguard with its status, reason, evidence
    and sources, the questions to send and the scope that could be released. Exit 0 when
    every item was reviewed, 2 when any file or item was bad (the rest are still reviewed).
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from scrutiny.policy import load_policy, load_reference
    from scrutiny.safeguards.engine import review
    from scrutiny.safeguards.registry import REGISTRY
    from scrutiny.safeguards.render import (
        explain_json,
        render_explain,
        render_provenance,
        render_review,
        review_json,
    )

    when = _parse_date(as_of)
    if explain is not None and explain not in REGISTRY:
        raise InputError(f"--explain: unknown safeguard {explain!r}",
                         hint=f"use one of: {', '.join(REGISTRY)}")
    policy = load_policy(policy_dir)
    reference = load_reference()
    today = dt.date.today()  # the edge reads the clock; the engine never does
    out = Console(soft_wrap=False) if not json_out else None
    err = Console(stderr=True)
    paths = [f for p in files for f in (_files(p) if p.exists() else [p])]
    bad = 0
    reviewed = 0
    write = sys.stdout.buffer.write
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                  disable=not err.is_terminal) as progress:
        task = progress.add_task("reviewing", total=len(paths))
        for path in paths:
            for location, demand, error in iter_items(path):
                if error is not None or demand is None:
                    bad += 1
                    code = error.code if error is not None else "input.invalid"
                    err.print(f"error [{code}]: {error}", markup=False, highlight=False,
                              soft_wrap=True)
                    continue
                result = review(demand, policy, reference,
                                when or demand.date or today)
                reviewed += 1
                if reviewed % 256 == 0:
                    progress.update(task, description=f"reviewing ({reviewed} demands)")
                if explain is not None:
                    if out is None:
                        write(orjson.dumps(explain_json(result, explain, location)) + b"\n")
                    else:
                        render_explain(result, explain, location, out, demand)
                elif out is None:
                    write(orjson.dumps(review_json(result, demand, location)) + b"\n")
                else:
                    render_review(result, location, out)
                    render_provenance(demand, out)
            progress.advance(task)
    sys.stdout.flush()
    if bad:
        err.print(f"{reviewed} reviewed, {bad} bad item(s)", markup=False, highlight=False,
                  soft_wrap=True)
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add ``scrutiny review``."""
    app.command("review")(review_command)
