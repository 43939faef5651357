"""Submission: the one path from a received demand to a reviewed case.

Used by the JSON API, the letter upload and the portal alike: the demand keeps (or gets)
its source text, the case service imports it (running the review engine, idempotent by
content hash) and an optional ``Idempotency-Key`` is bound to the request's hash.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from pathlib import Path
from typing import Any

from scrutiny.api.submission import PORTAL_HEADING, with_submission_text
from scrutiny.cases.guards import Actor
from scrutiny.cases.service import CaseService, ImportResult
from scrutiny.demands.model import Demand
from scrutiny.errors import ConflictError, InputError, UnsupportedInput
from scrutiny.intake.formats import LETTER_SUFFIXES

__all__ = ["IdempotencyKeys", "read_uploaded_letter", "request_hash", "submit"]



class IdempotencyKeys:
    """``(actor, key) -> (request hash, case id)`` for this process (bounded, thread-safe)."""

    def __init__(self, capacity: int = 50_000) -> None:
        self._seen: dict[tuple[str, str], tuple[str, int]] = {}
        self._lock = threading.Lock()
        self.capacity = capacity

    def lookup(self, actor: str, key: str, request_hash: str) -> int | None:
        """The case of an earlier request with this key, or ``None``.

        Raises:
            ConflictError: the key was used with a different request body.
        """
        with self._lock:
            seen = self._seen.get((actor, key))
        if seen is None:
            return None
        if seen[0] != request_hash:
            raise ConflictError(
                "this Idempotency-Key was already used for a different request",
                code="idempotency.mismatch", location="header:Idempotency-Key",
                hint="use a new key for a new submission")
        return seen[1]

    def record(self, actor: str, key: str, request_hash: str, case_id: int) -> None:
        """Bind ``key`` to the request and its case."""
        with self._lock:
            if len(self._seen) >= self.capacity:
                self._seen.pop(next(iter(self._seen)))
            self._seen[(actor, key)] = (request_hash, case_id)


def request_hash(payload: bytes) -> str:
    """SHA-256 of a request body."""
    return hashlib.sha256(payload).hexdigest()


def submit(
    cases: CaseService,
    actor: Actor,
    demand: Demand,
    *,
    source: str,
    original: bytes | None = None,
    filename: str | None = None,
) -> ImportResult:
    """Import a demand as a case (reviewed by the engine); idempotent by content."""
    if original is None:
        heading = PORTAL_HEADING if source == "portal" else "Structured demand received via the API"
        demand = with_submission_text(demand, heading)
    return cases.import_demand(actor, demand, source=source, original=original,
                               filename=filename)


def read_uploaded_letter(filename: str, content: bytes) -> Demand:
    """Run intake on an uploaded letter (the bytes are kept as the case's original).

    Raises:
        InputError: an empty file or an unsupported file type (intake raises its own errors
            for unreadable content).
    """
    try:
        from scrutiny.intake import read_letter  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        raise UnsupportedInput("reading letters is not available in this installation",
                               location="body:file",
                               hint="submit the demand as JSON (POST /api/v1/demands)") from None
    if not content:
        raise InputError("the uploaded letter is empty", location="body:file")
    suffix = Path(filename or "").suffix.lower()
    if suffix not in LETTER_SUFFIXES:
        raise UnsupportedInput(f"cannot read a {suffix or 'suffix-less'} file as a letter",
                               location="body:file",
                               hint=f"send one of {', '.join(LETTER_SUFFIXES)}")
    with tempfile.TemporaryDirectory(prefix="scrutiny-upload-") as folder:
        path = Path(folder) / f"letter{suffix}"
        path.write_bytes(content)
        demand: Any = read_letter(path)
    if not isinstance(demand, Demand):
        raise InputError("intake returned no demand", location="body:file")
    return demand
