"""``scrutiny db upgrade`` / ``scrutiny db current``: schema migrations (docs/cases.md).

Needs no acting user: whoever holds the database URL administers the database.
"""

from __future__ import annotations

from typing import Annotated

import typer

from scrutiny.cases.cli_support import DbUrl, JsonOut, emit_json, err

__all__ = ["db_app"]

db_app = typer.Typer(help="The case database: create and migrate.", no_args_is_help=True)


def _url(db: str | None) -> str:
    if db:
        return db
    from scrutiny.settings import get_settings

    return get_settings().database_url


@db_app.command("upgrade")
def upgrade_cmd(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
    db: DbUrl = None, as_json: JsonOut = False,
) -> None:
    """Create the database if needed and migrate it to the latest schema."""
    from scrutiny.store.engine import make_engine
    from scrutiny.store.migrate import current_revision, upgrade

    engine = make_engine(_url(db))
    try:
        before = current_revision(engine)
        after = upgrade(engine, revision)
    finally:
        engine.dispose()
    if as_json:
        emit_json({"from": before, "to": after})
    else:
        err.print(f"database at revision {after}" + (f" (was {before})" if before != after
                                                     else " (already current)"))


@db_app.command("current")
def current_cmd(db: DbUrl = None, as_json: JsonOut = False) -> None:
    """Show the database's schema revision and the newest one shipped."""
    from scrutiny.store.engine import make_engine
    from scrutiny.store.migrate import current_revision, head_revision

    engine = make_engine(_url(db))
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    if as_json:
        emit_json({"current": current, "head": head_revision()})
    else:
        err.print(f"current {current or '(empty)'}; newest {head_revision()}")
