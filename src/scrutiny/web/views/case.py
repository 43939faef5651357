"""The case page and its forms: review, decide (per-target release, override), four-eyes
approval, clarification, notices, appeals, execution and closing.

Each post calls one service method; a refused action re-renders the page with the service's
message (same status code) next to the forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from scrutiny.api.deps import case_reader, case_service
from scrutiny.api.portal import case_reference
from scrutiny.api.portal_flow import ANSWER_KIND
from scrutiny.cases.guards import Actor
from scrutiny.cases.vocab import AppealBy, DeferralReason, Outcome
from scrutiny.demands.model import Demand
from scrutiny.errors import InputError, ScrutinyError
from scrutiny.web.highlight import field_label, segments
from scrutiny.web.views._common import CsrfChecked, WebActor, form_text, redirect, render

__all__ = ["router"]

router = APIRouter(dependencies=[CsrfChecked])

CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]

NARRATIVE = frozenset({
    "facts_summary", "necessity_statement", "stated_purpose", "emergency_justification",
    "redress_info", "sanction_text", "confidentiality_basis", "offence.conduct", "languages",
})
"""Fields that cover whole passages: shown as quiet context so the precise values stand out."""

_ORDER = {"unmet": 0, "concern": 1, "unknown": 2, "met": 3, "not_applicable": 4}


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def _answer_text(request: Request, actor: Actor, digest: str) -> str:
    """The authority's answer as text (attachments are read through the service)."""
    try:
        content = case_service(request).attachment(actor, digest).content
    except ScrutinyError:
        return ""
    return content.decode("utf-8", errors="replace")[:20_000]


def _context(request: Request, actor: Actor, case_id: int) -> dict[str, Any]:
    detail = case_reader(request).detail(actor, case_id)
    demand = Demand.model_validate(detail["demand"]["body"])
    spans = {f: [(s.start, s.end) for s in ss] for f, ss in demand.provenance.items()}
    segs = segments(demand.raw_text or "", spans)
    first_mark: dict[str, int] = {}
    for i, seg in enumerate(segs):
        for f in seg.fields:
            first_mark.setdefault(f, i)
    extracted = [{"field": f, "label": field_label(f), "anchor": first_mark.get(f),
                  "text": "; ".join((demand.raw_text or "")[a:b] for a, b in spans[f])[:300]}
                 for f in sorted(spans, key=lambda k: min((a for a, _ in spans[k]), default=0))]
    review = (detail["review"] or {}).get("body")
    verdicts = sorted(review["verdicts"], key=lambda v: _ORDER.get(v["status"], 9)) \
        if review else []
    pending = [d for d in detail["decisions"] if d["status"] == "pending_approval"]
    answers = [{**a, "text": _answer_text(request, actor, a["sha256"])}
               for a in detail["attachments"] if a["kind"] == ANSWER_KIND]
    perms = {p.value for p in actor.permissions}
    narrowing = (review or {}).get("narrowing") or {}
    narrowed_targets = set(narrowing.get("targets") or [])
    return {
        "active": "queue", "case": detail, "ref": case_reference(case_id), "demand": demand,
        "segments": segs, "extracted": extracted, "review": review, "verdicts": verdicts,
        "pending": pending[-1] if pending else None, "answers": answers, "perms": perms,
        "outcomes": [o.value for o in Outcome], "deferral_reasons": [r.value for r in
                                                                      DeferralReason],
        "appeal_by": [b.value for b in AppealBy], "narrowed_targets": narrowed_targets,
        "requested_categories": [c.value for c in demand.data_categories],
        "allowed": set(detail["allowed_transitions"]),
        "narrative": {f for f in spans if re.sub(r"\[\d+\]", "", f) in NARRATIVE},
    }


def _page(request: Request, actor: Actor, case_id: int, *, error: ScrutinyError | None = None
          ) -> Response:
    context = _context(request, actor, case_id)
    context["error"] = error.to_dict()["error"] if error else None
    return render(request, "case.html", context, actor=actor,
                  status=error.status if error else 200)


def _act(request: Request, actor: Actor, case_id: int, action: Callable[[], object],
         anchor: str = "") -> Response:
    try:
        action()
    except ScrutinyError as exc:
        if exc.status in (401, 404):
            raise
        return _page(request, actor, case_id, error=exc)
    return redirect(f"/cases/{case_id}{anchor}")


@router.get("/cases/{case_id}")
def case_page(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """The case: letter with highlights, verdicts, recommendation, forms, audit trail."""
    return _page(request, actor, case_id)


@router.post("/cases/{case_id}/start-review")
def start_review(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """received → in_review."""
    return _act(request, actor, case_id,
                lambda: case_service(request).start_review(actor, case_id), "#decide")


def _scope(form: Any, demand_targets: int) -> list[dict[str, Any]]:
    scope = []
    for i in range(demand_targets):
        if form.get(f"release_{i}"):
            entry: dict[str, Any] = {"target": i}
            cats = [c for c in form.getlist(f"cats_{i}") if isinstance(c, str) and c]
            if cats:
                entry["data_categories"] = cats
            scope.append(entry)
    return scope


@router.post("/cases/{case_id}/decide")
async def decide(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """Record the reviewer's decision (per-target release for comply_narrowed)."""
    form = await request.form()
    outcome = form_text(form, "outcome")
    reasons = _lines(form_text(form, "reasons"))
    override = form_text(form, "override_reason") or None
    count = int(form_text(form, "target_count") or 0)

    def run() -> None:
        if not outcome:
            raise InputError("choose an outcome", location="outcome")
        scope = _scope(form, min(count, 10_000)) if outcome == "comply_narrowed" else None
        case_service(request).decide(actor, case_id, outcome, reasons, scope=scope,
                                     override_reason=override)

    return _act(request, actor, case_id, run, "#decision")


@router.post("/cases/{case_id}/clarify")
async def clarify(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """Send questions to the authority (awaiting_clarification)."""
    form = await request.form()
    questions = _lines(form_text(form, "questions"))
    return _act(request, actor, case_id,
                lambda: case_service(request).request_clarification(actor, case_id, questions))


@router.post("/cases/{case_id}/resume")
async def resume(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """The authority answered: back to review."""
    form = await request.form()
    answer = form_text(form, "answer")
    return _act(request, actor, case_id,
                lambda: case_service(request).resume_review(actor, case_id, answer=answer))


@router.post("/cases/{case_id}/approve")
async def approve(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """Four eyes: approve the pending decision or return it for review."""
    form = await request.form()
    note = form_text(form, "note") or None
    service = case_service(request)
    if form_text(form, "verdict") == "return":
        return _act(request, actor, case_id,
                    lambda: service.return_for_review(actor, case_id, note=note or ""))
    return _act(request, actor, case_id, lambda: service.approve(actor, case_id, note=note))


@router.post("/cases/{case_id}/execute")
async def execute(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """decided → executed."""
    form = await request.form()
    note = form_text(form, "note") or None
    return _act(request, actor, case_id,
                lambda: case_service(request).execute(actor, case_id, note=note), "#notices")


@router.post("/cases/{case_id}/notices")
async def notices(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """Record a notice to a user: notified, deferred (with legal basis), or impossible."""
    form = await request.form()
    service = case_service(request)
    status = form_text(form, "status")
    raw_target = form_text(form, "target")
    targets = [int(raw_target)] if raw_target.isdigit() else None
    note = form_text(form, "note") or None

    def run() -> None:
        if status == "deferred":
            service.defer_notice(actor, case_id, reason=form_text(form, "reason"),
                                 legal_basis=form_text(form, "legal_basis"), targets=targets,
                                 note=note)
        elif status == "not_possible":
            service.notice_not_possible(actor, case_id, note=note or "", targets=targets)
        else:
            service.notify(actor, case_id, targets=targets,
                           channel=form_text(form, "channel") or None, note=note)

    return _act(request, actor, case_id, run, "#notices")


@router.post("/cases/{case_id}/appeals")
async def appeals(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """File an appeal (user) or a challenge (company)."""
    form = await request.form()
    raw_target = form_text(form, "target")
    return _act(request, actor, case_id, lambda: case_service(request).file_appeal(
        actor, case_id, by=form_text(form, "by"), grounds=form_text(form, "grounds"),
        target_index=int(raw_target) if raw_target.isdigit() else None,
        forum=form_text(form, "forum") or None), "#appeals")


@router.post("/cases/{case_id}/close")
async def close(request: Request, case_id: CaseId, actor: WebActor) -> Response:
    """Close the case."""
    form = await request.form()
    note = form_text(form, "note") or None
    return _act(request, actor, case_id,
                lambda: case_service(request).close(actor, case_id, reason=note))
