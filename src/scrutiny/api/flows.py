"""Submission: the one path from a received demand to a reviewed case.

Used by the JSON API, the letter upload and the portal alike: the demand keeps (or gets)
its source text, the case service imports it (running the review engine, idempotent by
content hash) and an optional ``Idempotency-Key`` is bound to the request's hash in the
store (table ``idempotency_keys``), in the import's transaction, so every worker sees it.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

from scrutiny.api.submission import PORTAL_HEADING, with_submission_text
from scrutiny.cases.guards import Actor
from scrutiny.cases.service import CaseService, ImportResult
from scrutiny.demands.model import Demand
from scrutiny.errors import InputError, UnsupportedInput
from scrutiny.intake.formats import LETTER_SUFFIXES

__all__ = ["read_uploaded_letter", "request_hash", "submit"]


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
    idempotency_key: str | None = None,
    request_hash: str | None = None,
) -> ImportResult:
    """Import a demand as a case (reviewed by the engine); idempotent by content and key."""
    if original is None:
        heading = PORTAL_HEADING if source == "portal" else "Structured demand received via the API"
        demand = with_submission_text(demand, heading)
    return cases.import_demand(actor, demand, source=source, original=original,
                               filename=filename, idempotency_key=idempotency_key,
                               request_hash=request_hash)


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
