"""Appending to the audit log, inside the caller's transaction.

Appending reads and updates the single ``audit_head`` row under a lock (``SELECT … FOR
UPDATE`` on PostgreSQL; on SQLite every write transaction already holds the database write
lock from ``BEGIN IMMEDIATE``), so concurrent writers get consecutive sequence numbers in
commit order and the chain never forks. Events are written with the change they describe:
both commit or neither does. There is no update or delete function here, by design.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from scrutiny.audit.chain import event_hash
from scrutiny.audit.events import AuditEvent, jsonable
from scrutiny.store.bulk import bulk_insert
from scrutiny.store.models import AuditHead, AuditRecord

__all__ = ["append", "append_many", "format_time", "utc_now"]


def utc_now() -> dt.datetime:
    """The current time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def format_time(value: dt.datetime) -> str:
    """An audit timestamp: UTC, microseconds, ``Z`` suffix (sortable text)."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _lock_head(session: Session) -> AuditHead:
    stmt = select(AuditHead).where(AuditHead.id == 1)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    head = session.execute(stmt.execution_options(populate_existing=True)).scalar_one()
    return head


def append(session: Session, event: AuditEvent, *, at: dt.datetime | None = None) -> int:
    """Append one event; returns its sequence number."""
    return append_many(session, [event], at=at)[0]


def append_many(
    session: Session,
    events: Sequence[AuditEvent],
    *,
    at: dt.datetime | None = None,
    clock: Callable[[], dt.datetime] = utc_now,
) -> list[int]:
    """Append events in order (one lock, one batched insert); returns their numbers.

    Call this last in a transaction, after the changes it records are flushed, so the head
    lock is held as briefly as possible.
    """
    if not events:
        return []
    session.flush()
    head = _lock_head(session)
    stamp = format_time(at or clock())
    seq, prev = head.seq, head.hash
    rows: list[dict[str, Any]] = []
    for ev in events:
        seq += 1
        content = {
            "seq": seq,
            "at": stamp,
            "type": ev.type.value,
            "actor": ev.actor,
            "target_type": ev.target_type.value,
            "target_id": str(ev.target_id),
            "case_id": ev.case_id,
            "before": jsonable(ev.before),
            "after": jsonable(ev.after),
            "reason": ev.reason,
        }
        digest = event_hash(prev, content)
        rows.append({**content, "prev_hash": prev, "hash": digest})
        prev = digest
    bulk_insert(session, AuditRecord, rows)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=seq, hash=prev))
    session.expire(head)
    return [r["seq"] for r in rows]
