"""Shared bits of the routers: documented error responses, case row shaping."""

from __future__ import annotations

from typing import Any

from scrutiny.api.portal import case_reference
from scrutiny.api.schemas import CaseSummary, ErrorOut

__all__ = ["AUTH_ERRORS", "ERROR_RESPONSES", "summary"]

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad request."},
    404: {"model": ErrorOut, "description": "No such record."},
    409: {"model": ErrorOut, "description": "Not allowed in the case's state, or a "
          "concurrent change won."},
    413: {"model": ErrorOut, "description": "Body over the size limit."},
    415: {"model": ErrorOut, "description": "Unsupported file type."},
    422: {"model": ErrorOut, "description": "Invalid or incomplete input."},
    429: {"model": ErrorOut, "description": "Rate limited."},
    500: {"model": ErrorOut, "description": "Internal error (no detail is disclosed)."},
}
"""Every route documents the one error shape for these statuses."""

AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    401: {"model": ErrorOut, "description": "Missing or invalid API token."},
    403: {"model": ErrorOut, "description": "The token's roles lack the permission."},
}


def summary(row: dict[str, Any]) -> CaseSummary:
    """A queue row from a ``CaseRow.to_dict()`` (adds the reference)."""
    return CaseSummary(reference=case_reference(int(row["id"])), **row)
