"""Audit: verify the hash chain, export the log (JSON lines with checkpoints)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from scrutiny.api.deps import ActorDep, StoreDep
from scrutiny.api.routes._common import AUTH_ERRORS
from scrutiny.api.schemas import VerifyOut
from scrutiny.audit.export import export_log
from scrutiny.audit.verify import verify_chain
from scrutiny.cases import guards
from scrutiny.cases.guards import Permission

__all__ = ["router"]

router = APIRouter(prefix="/audit", tags=["audit"], responses=AUTH_ERRORS)


@router.get("/verify", response_model=VerifyOut, summary="Verify the audit chain")
def verify(actor: ActorDep, store: StoreDep) -> VerifyOut:
    """Recompute every event's hash and the chain; report the first bad event, if any."""
    guards.require(actor, Permission.AUDIT_READ)
    with store.engine.connect() as conn:
        result = verify_chain(conn)
    return VerifyOut(ok=result.ok, result=result.to_dict())


@router.get("/export", summary="Export the audit log (JSON lines)",
            response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}},
                             "description": "One event per line, checkpoints, a head line."}})
def export(actor: ActorDep, store: StoreDep) -> StreamingResponse:
    """Every event, a checkpoint line every 1000 events, and a final head line."""
    guards.require(actor, Permission.AUDIT_EXPORT)
    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed by the generator)
        max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8")
    with store.engine.connect() as conn:
        export_log(conn, spool)  # type: ignore[arg-type]
    spool.seek(0)

    def lines() -> Iterator[str]:
        with spool:
            yield from spool

    return StreamingResponse(lines(), media_type="application/x-ndjson",
                             headers={"Content-Disposition": "attachment; "
                                      "filename=scrutiny-audit.jsonl"})
