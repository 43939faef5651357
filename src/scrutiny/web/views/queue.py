"""The reviewers' queue: open cases by deadline and risk, with filters; the audit page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from scrutiny.api.deps import ReaderDep, StoreDep, case_service
from scrutiny.api.flows import read_uploaded_letter, submit
from scrutiny.api.portal import case_reference
from scrutiny.audit.verify import verify_chain
from scrutiny.cases import guards
from scrutiny.cases.guards import Permission
from scrutiny.cases.states import OPEN_STATES
from scrutiny.cases.vocab import CaseState, Risk
from scrutiny.demands.vocab import DemandType
from scrutiny.errors import InputError, ScrutinyError
from scrutiny.store.queries import CaseFilter, deadline_cursor
from scrutiny.web.views._common import CsrfChecked, WebActor, redirect, render

__all__ = ["router"]

router = APIRouter()

@router.get("/queue")
def queue(
    request: Request,
    actor: WebActor,
    reader: ReaderDep,
    state: Annotated[str, Query(max_length=40)] = "open",
    risk: Annotated[str, Query(max_length=10)] = "",
    country: Annotated[str, Query(max_length=2)] = "",
    demand_type: Annotated[str, Query(max_length=40)] = "",
    after: Annotated[str | None, Query(max_length=80,
                                       pattern=r"^[0-9T:.+\-]*~[01]~[0-9]{1,10}$")] = None,
) -> Response:
    """Open cases (or the chosen state), most urgent first: deadline, then high risk."""
    states: tuple[CaseState, ...]
    if state == "open":
        states = (*sorted(OPEN_STATES), CaseState.AWAITING_CLARIFICATION)
    elif state in {s.value for s in CaseState}:
        states = (CaseState(state),)
    else:
        states = ()
    f = CaseFilter(
        states=states,
        countries=(country.upper(),) if len(country) == 2 else (),
        risk=Risk(risk) if risk in {r.value for r in Risk} else None,
        demand_type=demand_type if demand_type in {d.value for d in DemandType} else None,
    )
    limit = 100
    rows = reader.cases(actor, f, limit=limit, order="deadline", after=after)
    now = dt.datetime.now(dt.UTC)
    return render(request, "queue.html", {
        "active": "queue", "rows": rows, "ref": case_reference, "now": now,
        "filters": {"state": state, "risk": risk, "country": country.upper(),
                    "demand_type": demand_type},
        "states": [s.value for s in CaseState], "risks": [r.value for r in Risk],
        "demand_types": [d.value for d in DemandType],
        "next_after": deadline_cursor(rows[-1]) if len(rows) == limit else None,
        "total": reader.count(actor, f),
        "can_import": guards.can(actor, Permission.CASE_IMPORT),
    }, actor=actor)


@router.post("/demands/upload", dependencies=[CsrfChecked])
async def upload_letter(request: Request, actor: WebActor) -> Response:
    """Intake: read an uploaded letter, import and review it, open its case page."""
    form = await request.form()
    upload = form.get("letter")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("choose a letter file to upload", location="letter")
        content = await upload.read()
        name = upload.filename
        result = submit(case_service(request), actor, read_uploaded_letter(name, content),
                        source=f"web-upload:{name}", original=content, filename=name)
    except ScrutinyError as exc:
        if exc.status in (401, 403):
            raise
        return render(request, "upload_error.html", {"active": "queue", "error": exc.to_dict()[
            "error"]}, status=exc.status, actor=actor)
    return redirect(f"/cases/{result.case_id}")


@router.get("/audit")
def audit_page(request: Request, actor: WebActor, store: StoreDep) -> Response:
    """Verify the audit chain (auditors, legal leads, admins)."""
    guards.require(actor, Permission.AUDIT_READ)
    with store.engine.connect() as conn:
        result = verify_chain(conn)
    return render(request, "audit.html", {"active": "audit", "result": result.to_dict(),
                                          "ok": result.ok,
                                          "can_export": guards.can(actor,
                                                                   Permission.AUDIT_EXPORT)},
                  actor=actor)
