"""Fast batched inserts for bulk import: reserved ids and plain ``executemany`` (or ``COPY``
on PostgreSQL), skipping the ORM's per-row bookkeeping.

Used inside a write transaction only: on SQLite the transaction holds the database write lock
(``BEGIN IMMEDIATE``), so ``MAX(id)+1…`` is safe; on PostgreSQL ids come from the table's
sequence (unique under concurrency, not necessarily contiguous).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql import func

from scrutiny.store.models import Base

__all__ = ["COPY_THRESHOLD", "bulk_insert", "reserve_ids"]

COPY_THRESHOLD = 500
"""From this many rows, PostgreSQL inserts use ``COPY`` instead of ``executemany``."""


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def reserve_ids(session: Session, model: type[Base], count: int) -> list[int]:
    """``count`` fresh primary-key values for ``model`` (single integer ``id`` column)."""
    table = _table(model)
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                 "FROM generate_series(1, :n)"), {"t": table.name, "n": count})
        return [int(r[0]) for r in rows]
    start = int(session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
    return list(range(start + 1, start + 1 + count))


def bulk_insert(session: Session, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts keyed by column name) into ``model``'s table as one batch.

    Values go through each column's type (enums, JSON, UTC timestamps) in both paths.
    """
    table = _table(model)
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql" and len(rows) >= COPY_THRESHOLD:
        _copy(session, table, rows)
        return
    conn.execute(insert(table), list(rows))


def _copy(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    conn = session.connection()
    dialect = conn.dialect
    names = list(rows[0].keys())
    processors = []
    for name in names:
        col = table.c[name]
        proc = col.type._cached_bind_processor(dialect)  # type variant-aware processor
        processors.append(proc)
    raw = conn.connection.driver_connection
    assert raw is not None
    cols = ", ".join(f'"{n}"' for n in names)
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([p(row[n]) if p is not None else row[n]
                            for n, p in zip(names, processors, strict=True)])
