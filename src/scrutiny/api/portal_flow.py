"""The portal's use cases, shared by the portal API and the portal web pages.

An authority's submission is checked for completeness first (refused field by field), then
imported through the ``portal`` service account. Its answers to clarification questions are
attached to the case (kind ``clarification_answer``, an audit event) for the reviewer, who
resumes the review.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request

from scrutiny.api.completeness import incomplete_error, missing_fields
from scrutiny.api.deps import PORTAL_ACCOUNT, case_reader, case_service, user_service
from scrutiny.api.flows import submit
from scrutiny.api.portal import access_code, case_reference, check_access
from scrutiny.api.schemas import PortalReceipt, PortalStatus
from scrutiny.cases.guards import Actor
from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import Channel
from scrutiny.errors import NotFoundError, ScrutinyError, StateError

__all__ = ["ANSWER_KIND", "answer_questions", "client_key", "portal_actor", "portal_status",
           "submit_portal"]

ANSWER_KIND = "clarification_answer"


class PortalUnavailable(ScrutinyError):
    """The portal's service account does not exist on this server."""

    code = "portal.unavailable"
    status = 503


def client_key(request: Request) -> str:
    """The address a rate limit counts against."""
    return request.client.host if request.client else "unknown"


def portal_actor(request: Request) -> Actor:
    """The ``portal`` service account.

    Raises:
        PortalUnavailable: the account was not created (``scrutiny user add portal --role
            intake``).
    """
    try:
        return user_service(request).actor(PORTAL_ACCOUNT)
    except NotFoundError:
        raise PortalUnavailable(
            "the authority portal is not enabled on this server",
            hint="an administrator creates its account: scrutiny user add portal --role intake",
        ) from None


def submit_portal(request: Request, demand: Demand) -> PortalReceipt:
    """Check, import and acknowledge an authority's demand.

    Raises:
        RateLimited: over the per-address submission limit.
        InputError: ``demand.incomplete`` listing every missing field.
    """
    request.app.state.portal_limiter.hit(client_key(request), what="portal submission")
    problems = missing_fields(demand)
    if problems:
        raise incomplete_error(problems)
    actor = portal_actor(request)
    received = dt.datetime.now(dt.UTC)
    demand = demand.model_copy(update={"channel": Channel.PORTAL, "received_at": received})
    result = submit(case_service(request), actor, demand, source="portal")
    ref = case_reference(result.case_id)
    return PortalReceipt(reference=ref, access_code=access_code(request.app.state.secret_key,
                                                                result.case_id),
                         received_at=received, status_url=f"/portal/case?ref={ref}")


def _status(detail: dict[str, Any], ref: str) -> PortalStatus:
    clarify = [d for d in detail["decisions"] if d["outcome"] == "clarify"]
    questions: list[str] = list(clarify[-1]["reasons"]) if clarify else []
    asked_at = clarify[-1]["decided_at"] if clarify else None
    answered = bool(asked_at) and any(
        a["kind"] == ANSWER_KIND and a["added_at"] >= asked_at for a in detail["attachments"])
    body = detail["demand"]["body"]
    return PortalStatus(reference=ref, your_reference=body.get("reference"),
                        state=detail["state"], received_at=detail["received_at"],
                        questions=questions if detail["state"] == "awaiting_clarification"
                        else [], answered=answered)


def portal_status(request: Request, reference: str, code: str) -> PortalStatus:
    """What the authority may see of its case (state, open questions)."""
    case_id = check_access(request.app.state.secret_key, reference, code)
    detail = case_reader(request).detail(portal_actor(request), case_id, with_history=False)
    return _status(detail, case_reference(case_id))


def answer_questions(request: Request, reference: str, code: str, answers: str) -> PortalStatus:
    """Attach the authority's answers to the case.

    Raises:
        StateError: the case is not awaiting clarification.
    """
    request.app.state.portal_limiter.hit(client_key(request), what="portal submission")
    case_id = check_access(request.app.state.secret_key, reference, code)
    actor = portal_actor(request)
    reader = case_reader(request)
    detail = reader.detail(actor, case_id, with_history=False)
    if detail["state"] != "awaiting_clarification":
        raise StateError("this demand has no open questions", code="state.no_questions",
                         details={"state": detail["state"]})
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    case_service(request).add_attachment(
        actor, case_id, filename=f"answers-{stamp}.txt", content=answers.encode("utf-8"),
        kind=ANSWER_KIND, media_type="text/plain; charset=utf-8")
    return _status(reader.detail(actor, case_id, with_history=False), case_reference(case_id))
