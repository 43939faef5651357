"""Verifying the audit chain: find the first event that was edited, deleted, inserted or moved.

Reads the stored rows as they are (raw values, not through the ORM), recomputes every hash
and checks the sequence, the links and the head row. Optionally checks checkpoint hashes
published earlier (``scrutiny audit export``), which also catches a rewrite of the whole
chain or events removed from its end.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from scrutiny.audit.chain import GENESIS, HASHED_FIELDS, event_hash
from scrutiny.errors import InputError

__all__ = [
    "Problem",
    "VerifyResult",
    "iter_raw_events",
    "load_checkpoints",
    "read_head",
    "verify_chain",
    "verify_events",
]

STREAM_CHUNK = 5000
COLUMNS = (*HASHED_FIELDS, "prev_hash", "hash")


@dataclass(frozen=True, slots=True)
class Problem:
    """The first bad event: its sequence number (or position) and what is wrong."""

    seq: int
    kind: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "message": self.message}


@dataclass(slots=True)
class VerifyResult:
    """Outcome of a verification: ``ok`` and, if not, the first problem found."""

    events: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS
    checkpoints_checked: int = 0
    problem: Problem | None = None
    head: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problem is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "last_seq": self.last_seq,
            "last_hash": self.last_hash,
            "checkpoints_checked": self.checkpoints_checked,
            "problem": self.problem.to_dict() if self.problem else None,
        }


def _decode(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("utf-8")
    if isinstance(value, str):
        return json.loads(value)
    return value


def iter_raw_events(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every stored event in sequence order, as raw JSON-native dicts (streamed)."""
    cols = ", ".join(f'"{c}"' for c in COLUMNS)
    last = None
    while True:
        if last is None:
            sql = text(f"SELECT {cols} FROM audit_events ORDER BY seq LIMIT :n")
            rows = conn.execute(sql, {"n": STREAM_CHUNK}).mappings().all()
        else:
            sql = text(f"SELECT {cols} FROM audit_events WHERE seq > :last ORDER BY seq LIMIT :n")
            rows = conn.execute(sql, {"last": last, "n": STREAM_CHUNK}).mappings().all()
        if not rows:
            return
        for row in rows:
            event = dict(row)
            event["before"] = _decode(event["before"])
            event["after"] = _decode(event["after"])
            yield event
        last = rows[-1]["seq"]


def verify_events(
    events: Iterable[Mapping[str, Any]],
    *,
    head: Mapping[str, Any] | None = None,
    checkpoints: Mapping[int, str] | None = None,
) -> VerifyResult:
    """Check a sequence of events (ordered by ``seq``); stops at the first problem.

    Args:
        events: event dicts with the :data:`HASHED_FIELDS` plus ``prev_hash`` and ``hash``.
        head: the stored head row (``seq``, ``hash``), checked against the last event.
        checkpoints: ``{seq: hash}`` published earlier; each must match the chain.
    """
    result = VerifyResult()
    pending = dict(checkpoints or {})
    expected_seq, prev = 1, GENESIS
    for event in events:
        seq = int(event["seq"])
        if seq != expected_seq:
            result.problem = Problem(
                expected_seq, "gap",
                f"event {expected_seq} is missing (deleted?): the next stored event is {seq}")
            return result
        if event["prev_hash"] != prev:
            result.problem = Problem(
                seq, "link",
                f"event {seq} does not follow event {seq - 1}: its prev_hash differs from the "
                "previous event's hash (an event was inserted, removed or reordered)")
            return result
        try:
            digest = event_hash(prev, dict(event))
        except (TypeError, ValueError) as exc:
            result.problem = Problem(seq, "content", f"event {seq} cannot be hashed: {exc}")
            return result
        if digest != event["hash"]:
            result.problem = Problem(
                seq, "content",
                f"event {seq} was edited: its content does not match its hash")
            return result
        if seq in pending and pending.pop(seq) != digest:
            result.problem = Problem(
                seq, "checkpoint",
                f"event {seq} differs from the published checkpoint (the chain was rewritten)")
            return result
        if checkpoints and seq in checkpoints:
            result.checkpoints_checked += 1
        result.events += 1
        result.last_seq, result.last_hash = seq, digest
        prev, expected_seq = digest, seq + 1
    if pending:
        missing = min(pending)
        result.problem = Problem(
            missing, "checkpoint",
            f"checkpoint at event {missing} is beyond the end of the log "
            f"(last event {result.last_seq}): events were removed from the end")
        return result
    if head is not None:
        result.head = dict(head)
        if int(head["seq"]) != result.last_seq or head["hash"] != result.last_hash:
            first = min(int(head["seq"]), result.last_seq) + 1
            result.problem = Problem(
                first, "head",
                f"the log ends at event {result.last_seq} but the head records event "
                f"{head['seq']}: events were removed from, or added to, the end")
    return result


def read_head(conn: Connection) -> dict[str, Any]:
    """The stored head row: ``{"seq": last sequence number, "hash": last hash}``."""
    sql = text("SELECT seq, hash FROM audit_head WHERE id = 1")
    row = conn.execute(sql).mappings().first()
    return dict(row) if row is not None else {"seq": 0, "hash": GENESIS}


def verify_chain(conn: Connection, checkpoints: Mapping[int, str] | None = None) -> VerifyResult:
    """Verify the whole stored chain and its head row."""
    return verify_events(iter_raw_events(conn), head=read_head(conn), checkpoints=checkpoints)


def load_checkpoints(path: Path) -> dict[int, str]:
    """Read ``{seq: hash}`` from an export file (checkpoint and head lines).

    Raises:
        InputError: the file cannot be read or holds no checkpoint.
    """
    points: dict[int, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), location=str(path)) from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", location=f"{path}:{lineno}") from None
        if isinstance(obj, dict) and obj.get("kind") in {"checkpoint", "head"} and obj.get("seq"):
            points[int(obj["seq"])] = str(obj["hash"])
    if not points:
        raise InputError("no checkpoint lines found", location=str(path),
                         hint="give a file written by `scrutiny audit export`")
    return points
