"""Exporting the audit log as JSON Lines with periodic checkpoint hashes.

Line kinds: ``event`` (every stored field), ``checkpoint`` (every N events: the chain hash at
that event — publish these, or hand them to an assessor; a later ``scrutiny audit verify
--checkpoints FILE`` proves the log still extends them), and a final ``head`` line with the
count and whether the chain verified while it was exported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TextIO

from sqlalchemy import Connection

from scrutiny.audit.verify import VerifyResult, iter_raw_events, read_head, verify_events

__all__ = ["DEFAULT_CHECKPOINT_EVERY", "export_log"]

DEFAULT_CHECKPOINT_EVERY = 1000


def export_log(
    conn: Connection,
    out: TextIO,
    *,
    checkpoint_every: int = DEFAULT_CHECKPOINT_EVERY,
    progress: Callable[[int], None] | None = None,
) -> VerifyResult:
    """Write every event, a checkpoint line every ``checkpoint_every`` events, and a head line.

    Returns:
        The verification of the exported events (also recorded in the head line).
    """
    if checkpoint_every < 1:
        raise ValueError("checkpoint_every must be at least 1")
    exported_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    head = read_head(conn)

    def _write(obj: dict[str, Any]) -> None:
        out.write(json.dumps(obj, ensure_ascii=False, sort_keys=True))
        out.write("\n")

    def _events() -> Any:
        for count, event in enumerate(iter_raw_events(conn), 1):
            _write({"kind": "event", **event})
            if count % checkpoint_every == 0:
                _write({"kind": "checkpoint", "seq": event["seq"], "hash": event["hash"],
                        "exported_at": exported_at})
            if progress is not None:
                progress(count)
            yield event

    result = verify_events(_events(), head=head)
    _write({"kind": "head", "seq": result.last_seq, "hash": result.last_hash,
            "events": result.events, "verified": result.ok,
            "problem": result.problem.to_dict() if result.problem else None,
            "exported_at": exported_at})
    return result
