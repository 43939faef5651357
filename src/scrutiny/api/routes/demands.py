"""Submitting demands (JSON or a letter) and reviewing without storing."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Header, Request, Response, UploadFile

from scrutiny.api.completeness import missing_fields
from scrutiny.api.deps import ActorDep, CasesDep, ReaderDep
from scrutiny.api.flows import read_uploaded_letter, request_hash, submit
from scrutiny.api.portal import case_reference
from scrutiny.api.routes._common import AUTH_ERRORS
from scrutiny.api.schemas import FieldProblemOut, Problems, SubmissionOut
from scrutiny.cases import guards
from scrutiny.cases.guards import Actor, Permission
from scrutiny.cases.service import CaseService, ImportResult
from scrutiny.cases.views import CaseReader
from scrutiny.demands.model import Demand

__all__ = ["router"]

router = APIRouter(tags=["demands"], responses=AUTH_ERRORS)

IdemKey = Annotated[str | None, Header(
    alias="Idempotency-Key", max_length=200,
    description="A key unique to this submission; a retry with the same key and body "
                "returns the first result, a different body is refused (409).")]


def _out(reader: CaseReader, actor: Actor, result: ImportResult, created: bool) -> SubmissionOut:
    detail = reader.detail(actor, result.case_id, with_history=False)
    review = detail.get("review")
    return SubmissionOut(case_id=result.case_id, reference=case_reference(result.case_id),
                         state=detail["state"], risk=detail["risk"],
                         recommendation=detail["recommendation"], created=created,
                         review=review["body"] if review else None)


def _submit(request: Request, response: Response, cases: CaseService, reader: CaseReader,
            actor: Actor, key: str | None, body_hash: str, make: Any) -> SubmissionOut:
    guards.require(actor, Permission.CASE_IMPORT)
    if key:
        earlier = cases.keyed_import(actor, key, body_hash)
        if earlier is not None:
            response.status_code = 200
            response.headers["Location"] = f"/api/v1/cases/{earlier.case_id}"
            return _out(reader, actor, earlier, created=False)
    result: ImportResult = make(key, body_hash)
    created = result.status == "created"
    response.status_code = 201 if created else 200
    response.headers["Location"] = f"/api/v1/cases/{result.case_id}"
    return _out(reader, actor, result, created)


@router.post("/demands", status_code=201, response_model=SubmissionOut,
             summary="Submit a demand as JSON",
             responses={200: {"model": SubmissionOut,
                              "description": "Already submitted (same content or key)."}})
async def submit_demand(request: Request, response: Response, demand: Demand, actor: ActorDep,
                        cases: CasesDep, reader: ReaderDep,
                        idempotency_key: IdemKey = None) -> SubmissionOut:
    """Import a structured demand as a case; the review engine runs at once.

    Needs `case.import` (roles intake). The demand is stored as submitted; one without
    `raw_text` gets a rendered submission document so every value has a source span.
    """
    body = await request.body()
    return _submit(request, response, cases, reader, actor, idempotency_key, request_hash(body),
                   lambda key, digest: submit(cases, actor, demand, source="api",
                                              idempotency_key=key, request_hash=digest))


@router.post("/demands/letter", status_code=201, response_model=SubmissionOut,
             summary="Submit a letter (text, e-mail, PDF, HTML)",
             responses={200: {"model": SubmissionOut,
                              "description": "Already submitted (same file or key)."}})
async def submit_letter(request: Request, response: Response,
                        file: Annotated[UploadFile, File(description="The letter.")],
                        actor: ActorDep, cases: CasesDep, reader: ReaderDep,
                        idempotency_key: IdemKey = None) -> SubmissionOut:
    """Read a letter with intake, import it as a case and review it (needs `case.import`)."""
    guards.require(actor, Permission.CASE_IMPORT)
    content = await file.read()
    name = file.filename or "letter.txt"
    return _submit(request, response, cases, reader, actor, idempotency_key,
                   request_hash(content),
                   lambda key, digest: submit(
                       cases, actor, read_uploaded_letter(name, content),
                       source=f"api-upload:{name}", original=content, filename=name,
                       idempotency_key=key, request_hash=digest))


@router.post("/demands/check", response_model=Problems, summary="Check a demand's completeness")
def check_demand(demand: Demand, actor: ActorDep) -> Problems:
    """List the fields SAFEGUARDS.md §3 requires that the demand lacks (nothing is stored)."""
    guards.require(actor, Permission.CASE_READ)
    problems = missing_fields(demand)
    return Problems(complete=not problems,
                    problems=[FieldProblemOut(**p.model_dump()) for p in problems])


@router.post("/reviews", summary="Review a demand without storing it")
def review_demand(demand: Demand, actor: ActorDep, cases: CasesDep) -> dict[str, Any]:
    """Run the review engine on a demand and return the review (nothing is stored)."""
    guards.require(actor, Permission.CASE_READ)
    result: dict[str, Any] = cases.reviewer(demand).to_dict()
    return result
