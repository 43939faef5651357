"""Transparency reports over the case store (the reports area's builders and serializers)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from scrutiny import __version__
from scrutiny.api.deps import ActorDep, StoreDep
from scrutiny.api.routes._common import AUTH_ERRORS
from scrutiny.cases import guards
from scrutiny.cases.guards import Permission
from scrutiny.errors import ScrutinyError

__all__ = ["router"]

router = APIRouter(prefix="/reports", tags=["reports"], responses=AUTH_ERRORS)


@router.get("", summary="A transparency report for a period")
def report(
    request: Request,
    actor: ActorDep,
    store: StoreDep,
    period: Annotated[str, Query(max_length=40, description="2026, 2026H1, 2026Q3, 2026-03 "
                                 "or FROM..TO (ISO dates).")],
    audience: Literal["public", "internal"] = "public",
    as_of: Annotated[str | None, Query(max_length=40, description="Figures as of this date "
                                       "or instant (default: now).")] = None,
) -> dict[str, Any]:
    """The report's JSON (the same document as `scrutiny report --format json`).

    `public`: banded small counts and allowlisted fields only; `internal`: exact figures.
    """
    guards.require(actor, Permission.REPORT_READ)
    from scrutiny.policy import load_policy
    from scrutiny.reports.build import ReportParams
    from scrutiny.reports.export import make_report, now_utc
    from scrutiny.reports.period import parse_as_of, parse_period

    try:
        when = parse_period(period)
    except ScrutinyError as exc:
        exc.location = "query:period"
        raise
    try:
        instant = parse_as_of(as_of, now_utc())
    except ScrutinyError as exc:
        exc.location = "query:as_of"
        raise
    policy = load_policy(request.app.state.settings.policy)
    params = ReportParams(period=when, as_of=instant,
                          audience=audience, band_size=policy.reporting.band_size.value,
                          policy_id=policy.id, policy_version=policy.version,
                          generator=f"scrutiny {__version__}")
    result: dict[str, Any] = make_report(store.engine, params).model_dump(mode="json")
    return result
