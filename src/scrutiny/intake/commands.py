"""``scrutiny intake FILE...``: read demand letters and print the extracted Demands.

With ``--json`` each file gives one line on stdout: the Demand as JSON (``raw_text`` and
``provenance`` included), loadable by ``scrutiny review``. Without it, each value is shown
next to the words of the letter it was read from. A bad file is reported on stderr and the
rest of the batch is still read; the exit code is then 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

__all__ = ["register"]

_SHOWN = [
    ("requester.authority", "Authority"),
    ("requester.authority_kind", "Kind"),
    ("requester.country", "Country"),
    ("requester.official_contact", "Contact"),
    ("requester.official_name", "Signed by"),
    ("requester.official_title", "Title"),
    ("requester.signed", "Signed"),
    ("reference", "Reference"),
    ("proceeding_reference", "Proceeding"),
    ("date", "Date"),
    ("languages", "Languages"),
    ("demand_types", "Demand types"),
    ("actions", "Actions"),
    ("legal_bases", "Legal bases"),
    ("process_type", "Process"),
    ("judicial_authorisation.present", "Court decision"),
    ("targets", "Targets"),
    ("data_categories", "Data asked"),
    ("data_fields", "Data items"),
    ("time_range", "Period"),
    ("territorial_scope", "Territorial scope"),
    ("monitoring_required", "Monitoring asked"),
    ("reason_categories", "Reasons"),
    ("stated_purpose", "Stated purpose"),
    ("offence", "Offence"),
    ("deadline", "Deadline"),
    ("threat_of_sanction", "Threat of sanction"),
    ("emergency_claimed", "Emergency claimed"),
    ("confidentiality_requested", "Confidentiality"),
    ("confidentiality_until", "Confidential until"),
]


def _value(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _fmt(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, list):
        if not value:
            return "none found"
        return "\n".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        if "instrument" in value:
            return " ".join(x for x in (value.get("instrument"), value.get("provision")) if x)
        if "kind" in value and "value" in value:
            return f"{value['kind']}: {value['value']}"
        if "hours" in value:
            return f"{value.get('hours'):g} h ({value.get('text')})"
        return ", ".join(f"{k}={v}" for k, v in value.items() if v is not None)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _quote(raw: str, start: int, end: int, width: int = 70) -> str:
    snippet = " ".join(raw[start:end].split())
    if len(snippet) > width:
        snippet = snippet[: width - 1] + "…"
    return f"“{snippet}” @{start}"


def _show(demand_data: dict[str, Any], source: str) -> None:
    from rich.console import Console
    from rich.table import Table

    raw = demand_data.get("raw_text") or ""
    prov: dict[str, list[dict[str, Any]]] = demand_data.get("provenance") or {}
    table = Table(title=source, title_justify="left", show_lines=False, expand=False)
    table.add_column("Field", style="bold", no_wrap=True)
    table.add_column("Value")
    table.add_column("From the letter", style="dim")
    for path, title in _SHOWN:
        value = _value(demand_data, path)
        quotes = []
        for key, spans in prov.items():
            if (key == path or key.startswith(path + "[")) and spans:
                quotes.append(_quote(raw, spans[0]["start"], spans[0]["end"]))
        table.add_row(title, _fmt(value), "\n".join(quotes[:6]))
    Console().print(table)


def intake(
    files: list[Path] = typer.Argument(..., help="Letter files (.txt .md .eml .pdf .html .docx)."),
    json_out: bool = typer.Option(False, "--json", help="One Demand JSON object per line."),
) -> None:
    """Read demand letters and print the extracted Demands with where each value came from."""
    import orjson
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from scrutiny.errors import ScrutinyError
    from scrutiny.intake import read_letter

    err = Console(stderr=True, soft_wrap=True)
    failed = 0
    progress = Progress(TextColumn("intake"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.description}"), console=err, transient=True,
                        disable=len(files) < 2)
    with progress:
        task = progress.add_task("", total=len(files))
        for path in files:
            progress.update(task, description=path.name)
            try:
                demand = read_letter(path)
            except ScrutinyError as exc:
                if len(files) == 1:
                    raise
                failed += 1
                progress.console.print(f"error [{exc.code}]: {exc}", style="red",
                                       markup=False, highlight=False, soft_wrap=True)
                progress.advance(task)
                continue
            data = demand.dump()
            if json_out:
                sys.stdout.write(orjson.dumps(data).decode() + "\n")
                sys.stdout.flush()
            else:
                _show(data, str(path))
            progress.advance(task)
    if failed:
        err.print(f"{failed} of {len(files)} files could not be read", style="yellow")
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``scrutiny intake``."""
    app.command("intake")(intake)
