"""``scrutiny audit verify`` and ``scrutiny audit export`` (documented in docs/audit.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from scrutiny.audit.export import DEFAULT_CHECKPOINT_EVERY, export_log
from scrutiny.audit.verify import load_checkpoints, verify_chain
from scrutiny.cases import guards
from scrutiny.cases.cli_support import (
    AsUser,
    DbUrl,
    JsonOut,
    actor_for,
    emit_json,
    err,
    out,
    store_for,
)
from scrutiny.cases.guards import Permission

__all__ = ["audit_app"]

audit_app = typer.Typer(help="The tamper-evident audit log: verify and export.",
                        no_args_is_help=True)


@audit_app.command("verify")
def verify_cmd(
    checkpoints: Annotated[Path | None, typer.Option(
        help="An earlier `audit export` file: its checkpoints must still match.")] = None,
    as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False,
) -> int:
    """Recompute the hash chain; name the first edited, deleted, inserted or moved event.

    Exit status 0 when the log verifies, 1 when it does not.
    """
    store = store_for(db)
    guards.require(actor_for(store, as_user), Permission.AUDIT_READ)
    points = load_checkpoints(checkpoints) if checkpoints else None
    with store.engine.connect().execution_options(scrutiny_read_only=True) as conn:
        result = verify_chain(conn, points)
    if as_json:
        emit_json(result.to_dict())
    elif result.ok:
        out.print(f"audit log OK: {result.events} events, head {result.last_hash}"
                  + (f", {result.checkpoints_checked} checkpoint(s) matched" if points else ""))
    else:
        assert result.problem is not None
        err.print(f"audit log BROKEN at event {result.problem.seq}: {result.problem.message} "
                  f"({result.events} events verified before it)")
    return 0 if result.ok else 1


@audit_app.command("export")
def export_cmd(
    out_file: Annotated[Path | None, typer.Option("--out", help="Write here (default stdout).")
                        ] = None,
    checkpoint_every: Annotated[int, typer.Option(
        help="A checkpoint line every N events.", min=1)] = DEFAULT_CHECKPOINT_EVERY,
    as_user: AsUser = None, db: DbUrl = None,
) -> int:
    """Write the whole log as JSON Lines with checkpoint hashes to publish.

    Exit status 1 if the log did not verify while exporting (the file says where).
    """
    store = store_for(db)
    guards.require(actor_for(store, as_user), Permission.AUDIT_EXPORT)
    bar = Progress(SpinnerColumn(), TextColumn("{task.completed} events"), console=err,
                   transient=True, disable=not err.is_terminal)
    with store.engine.connect().execution_options(scrutiny_read_only=True) as conn, \
            conn.begin(), bar:
        task = bar.add_task("export", total=None)

        def progress(n: int) -> None:
            if n % 1000 == 0:
                bar.update(task, completed=n)

        if out_file is None:
            result = export_log(conn, sys.stdout, checkpoint_every=checkpoint_every,
                                progress=progress)
        else:
            tmp = out_file.with_name(out_file.name + ".part")
            with tmp.open("w", encoding="utf-8") as fh:
                result = export_log(conn, fh, checkpoint_every=checkpoint_every,
                                    progress=progress)
            tmp.replace(out_file)
    err.print(f"exported {result.events} events; head {result.last_hash}"
              + ("" if result.ok else f"; BROKEN at event {result.problem.seq}"
                 if result.problem else ""))
    return 0 if result.ok else 1
