"""Shared plumbing of the case, user, audit and db commands: who acts, which store, output.

The acting user comes from ``--as USER`` or ``SCRUTINY_USER``; the store from
``SCRUTINY_DATABASE_URL`` (``Settings.database_url``) or ``--db``. Data goes to stdout (a
table, or with ``--json`` one JSON object per line); messages go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from scrutiny.cases.guards import Actor
from scrutiny.errors import PermissionDenied
from scrutiny.store.engine import Store, open_store

__all__ = [
    "AsUser",
    "DbUrl",
    "JsonOut",
    "actor_for",
    "emit_json",
    "err",
    "out",
    "print_table",
    "store_for",
]

AsUser = Annotated[str | None, typer.Option(
    "--as", envvar="SCRUTINY_USER", help="Act as this user (or set SCRUTINY_USER).",
    show_envvar=True)]
DbUrl = Annotated[str | None, typer.Option(
    "--db", help="Database URL (default: SCRUTINY_DATABASE_URL, else sqlite:///scrutiny.db).")]
JsonOut = Annotated[bool, typer.Option("--json", help="One JSON object per line on stdout.")]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def store_for(db: str | None, *, existing: bool = True) -> Store:
    """The store for ``--db`` or the settings; a SQLite file must exist unless ``existing``
    is false (the commands that may create a store: ``user add``, ``db upgrade``)."""
    return open_store(db, existing=existing)


def actor_for(store: Store, username: str | None) -> Actor:
    """The acting user.

    Raises:
        PermissionDenied: code ``permission.no_actor`` when nobody was named.
    """
    if not username:
        raise PermissionDenied("say who you are: --as USER or SCRUTINY_USER=USER",
                               code="permission.no_actor",
                               hint="`scrutiny user add NAME --role …` creates users; the "
                                    "first one is an admin")
    from scrutiny.cases.users import UserService

    return UserService(store).actor(username)


def emit_json(obj: Any) -> None:
    """One JSON object on one line of stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def print_table(title: str | None, columns: list[str], rows: Iterable[list[Any]]) -> None:
    """A rich table on stdout."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for col in columns:
        table.add_column(col)
    count = 0
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
        count += 1
    if count:
        out.print(table)
    else:
        err.print("(nothing to show)")
