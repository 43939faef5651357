"""Alembic, configured in code: works from an installed package (no alembic.ini needed).

``scrutiny db upgrade`` calls :func:`upgrade`; :class:`scrutiny.store.Store` calls
:func:`ensure_schema` on first use, so a new SQLite file is created and migrated by itself.
Concurrent first uses are safe: SQLite migrates inside a ``BEGIN IMMEDIATE`` transaction,
PostgreSQL under a transaction-level advisory lock (see ``migrations/env.py``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

__all__ = ["alembic_config", "current_revision", "ensure_schema", "head_revision", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations inside the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("version_path_separator", "os")
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration revision shipped with this version of Scrutiny."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    with engine.connect().execution_options(scrutiny_read_only=True) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Migrate the database to ``revision``; returns the revision it is at afterwards."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return current_revision(engine)


def ensure_schema(engine: Engine) -> None:
    """Create or migrate the schema when it is not at the shipped head revision."""
    if current_revision(engine) != head_revision():
        upgrade(engine)
