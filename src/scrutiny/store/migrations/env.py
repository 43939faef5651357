"""Alembic environment: runs on the connection handed over by ``scrutiny.store.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from scrutiny.store.models import Base

MIGRATION_LOCK = 0x5C2E7A11  # PostgreSQL advisory lock key for "migrating scrutiny"

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached through `alembic` on the command line
    raise RuntimeError("run migrations with `scrutiny db upgrade`")

if connection.dialect.name == "postgresql":
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
