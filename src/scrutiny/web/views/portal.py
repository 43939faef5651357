"""The requesting-authority portal pages: the form, the receipt, the status and answers."""

from __future__ import annotations

import contextlib
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from scrutiny.api.portal_flow import answer_questions, portal_status, submit_portal
from scrutiny.errors import InputError, NotFoundError, ScrutinyError
from scrutiny.web.portal_form import FIELDS, SECTIONS, parse_form, required_paths
from scrutiny.web.views._common import CsrfChecked, form_text, optional_actor, render

__all__ = ["router"]

router = APIRouter(dependencies=[CsrfChecked])


def _form_page(request: Request, values: dict[str, object], problems: dict[str, str],
               status: int = 200) -> Response:
    return render(request, "portal/form.html", {
        "active": "portal", "fields": FIELDS, "sections": SECTIONS, "values": values,
        "problems": problems, "required": required_paths(),
        "labels": {f.name: f.label for f in FIELDS},
        "ids": {f.name: f.input_id for f in FIELDS},
    }, status=status, actor=optional_actor(request))


@router.get("/portal")
def portal_form(request: Request) -> Response:
    """The submission form."""
    return _form_page(request, {}, {})


@router.post("/portal")
async def portal_submit(request: Request) -> Response:
    """Validate field by field; a complete demand is imported and gets a receipt."""
    form = await request.form()
    data = {key: [v for v in form.getlist(key) if isinstance(v, str)] for key in form}
    demand, problems, values = parse_form(data)
    if demand is None:
        return _form_page(request, values, problems, status=422)
    try:
        receipt = submit_portal(request, demand)
    except InputError as exc:
        errors = exc.details.get("errors") if exc.code == "demand.incomplete" else None
        if errors:
            return _form_page(request, values, {e["field"]: e["message"] for e in errors}, 422)
        raise
    return render(request, "portal/receipt.html", {"active": "portal", "receipt": receipt},
                  status=201, actor=optional_actor(request))


@router.get("/portal/case")
def portal_case(request: Request, ref: Annotated[str, Query(max_length=40)] = "",
                code: Annotated[str, Query(max_length=64)] = "") -> Response:
    """The authority's view of its demand (reference + access code)."""
    error = None
    status = None
    if ref and code:
        try:
            status = portal_status(request, ref, code)
        except NotFoundError as exc:
            error = exc.message
    return render(request, "portal/status.html", {"active": "portal", "ref": ref, "code": code,
                                                  "status": status, "error": error,
                                                  "sent": False},
                  status=404 if error else 200, actor=optional_actor(request))


@router.post("/portal/case")
async def portal_answer(request: Request) -> Response:
    """Send answers to the reviewers' questions."""
    form = await request.form()
    ref, code, answers = form_text(form, "ref"), form_text(form, "code"), form_text(form, "answers")
    try:
        if not answers:
            raise InputError("write your answers before sending", location="answers")
        status = answer_questions(request, ref, code, answers)
    except ScrutinyError as exc:
        if exc.status == 429:
            raise
        current = None
        with contextlib.suppress(ScrutinyError):
            current = portal_status(request, ref, code)
        return render(request, "portal/status.html", {
            "active": "portal", "ref": ref, "code": code, "status": current,
            "error": exc.message, "sent": False}, status=exc.status,
            actor=optional_actor(request))
    return render(request, "portal/status.html", {"active": "portal", "ref": ref, "code": code,
                                                  "status": status, "error": None,
                                                  "sent": True},
                  actor=optional_actor(request))


