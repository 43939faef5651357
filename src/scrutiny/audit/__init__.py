"""The audit log: typed events, append-only, hash-chained, written in the same transaction.

``events`` (types, pure), ``chain`` (hashing, pure), ``log`` (append under the head lock),
``verify`` (find the first bad event), ``export`` (JSONL with checkpoint hashes).
"""

from __future__ import annotations

from scrutiny.audit.chain import GENESIS, canonical_json, event_hash
from scrutiny.audit.events import AuditEvent, EventType, TargetType

__all__ = ["GENESIS", "AuditEvent", "EventType", "TargetType", "canonical_json", "event_hash"]
