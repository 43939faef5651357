"""The requesting-authority portal API: submit a complete demand, follow it, answer questions.

No API token: an authority is identified per case by the access code on its receipt
(:mod:`scrutiny.api.portal`). Submissions are refused field by field when incomplete
(``demand.incomplete`` with every field in ``details.errors``), rate-limited per address,
and imported through the ``portal`` service account (role intake).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from scrutiny.api.portal_flow import answer_questions, portal_status, submit_portal
from scrutiny.api.routes._common import ERROR_RESPONSES
from scrutiny.api.schemas import AnswerIn, PortalReceipt, PortalStatus
from scrutiny.demands.model import Demand

__all__ = ["router"]

router = APIRouter(prefix="/portal", tags=["portal"], responses=ERROR_RESPONSES)

AccessCode = Annotated[str, Header(alias="X-Access-Code", max_length=64,
                                   description="The access code on the receipt.")]


@router.post("/demands", status_code=201, response_model=PortalReceipt,
             summary="Submit a demand (requesting authorities)")
def submit(request: Request, response: Response, demand: Demand) -> PortalReceipt:
    """Submit a demand with the fields of SAFEGUARDS.md §3; returns the receipt.

    An incomplete demand is refused with `422 demand.incomplete`, one entry per missing
    field in `error.details.errors` (field, message, sources). Limited to 20 submissions per
    hour per address (`429 rate.limited`).
    """
    receipt = submit_portal(request, demand)
    response.headers["Location"] = receipt.status_url
    return receipt


@router.get("/cases/{reference}", response_model=PortalStatus, summary="Follow a demand")
def status(request: Request, reference: str, code: AccessCode) -> PortalStatus:
    """State of the demand and the reviewers' open questions (needs the access code)."""
    return portal_status(request, reference, code)


@router.post("/cases/{reference}/answers", response_model=PortalStatus,
             summary="Answer the reviewers' questions")
def answer(request: Request, reference: str, body: AnswerIn, code: AccessCode) -> PortalStatus:
    """Send answers to open clarification questions; the reviewer then resumes the review."""
    return answer_questions(request, reference, code, body.answers)
