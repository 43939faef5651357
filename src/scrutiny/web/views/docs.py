"""The API reference page, generated from the OpenAPI document (no script, no CDN)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from scrutiny.api.docs_page import operations
from scrutiny.web.views._common import optional_actor, render

__all__ = ["router"]

router = APIRouter()


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """Every operation with its parameters, body, responses; then the schemas."""
    spec = request.app.openapi()
    return render(request, "api_docs.html", {"active": "docs", "spec": spec,
                                             "operations": operations(spec)},
                  actor=optional_actor(request))
