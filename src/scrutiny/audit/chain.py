"""The hash chain, as pure functions (no database).

Each event's hash is ``sha256(prev_hash + "\\n" + canonical_json(content))`` where the content
holds every stored field of the event except the hashes themselves, including its sequence
number. Changing, removing, adding or reordering any event therefore changes a hash that a
later event (or a published checkpoint) commits to.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["GENESIS", "HASHED_FIELDS", "canonical_json", "event_hash"]

GENESIS = "0" * 64
"""The ``prev_hash`` of the first event."""

HASHED_FIELDS = (
    "seq", "at", "type", "actor", "target_type", "target_id", "case_id", "before", "after",
    "reason",
)
"""The fields an event's hash commits to (all stored fields but the hashes)."""


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 text (not ASCII escapes)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def event_hash(prev_hash: str, content: dict[str, Any]) -> str:
    """The hash of one event given the previous event's hash and its content fields.

    Args:
        prev_hash: hex SHA-256 of the previous event (``GENESIS`` for the first).
        content: a mapping with exactly the keys of :data:`HASHED_FIELDS`.
    """
    missing = set(HASHED_FIELDS) - set(content)
    if missing:
        raise ValueError(f"event content lacks {sorted(missing)}")
    body = {k: content[k] for k in HASHED_FIELDS}
    data = prev_hash + "\n" + canonical_json(body)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
