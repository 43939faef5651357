"""The shipped legal instruments and their safeguard-gap analysis (the instruments area)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Path

from scrutiny.api.deps import ActorDep
from scrutiny.api.routes._common import AUTH_ERRORS
from scrutiny.cases import guards
from scrutiny.cases.guards import Permission
from scrutiny.errors import InputError, NotFoundError
from scrutiny.instruments.analysis import analyze_document
from scrutiny.instruments.load import load_document
from scrutiny.instruments.render import analysis_json
from scrutiny.instruments.shipped import resolve_shipped, shipped_instruments

__all__ = ["router"]

router = APIRouter(prefix="/instruments", tags=["instruments"], responses=AUTH_ERRORS)

Name = Annotated[str, Path(max_length=100, description="Name or alias of a shipped "
                                                        "instrument, e.g. budapest-convention.")]


@lru_cache(maxsize=32)
def _analysis(name: str) -> dict[str, Any]:
    inst = resolve_shipped(name)
    result: dict[str, Any] = analysis_json(analyze_document(load_document(inst.path,
                                                                          name=inst.name)))
    if isinstance(result.get("instrument"), dict):
        result["instrument"].pop("path", None)  # no server paths in responses
    return result


def _shipped(name: str) -> str:
    try:
        return resolve_shipped(name).name
    except InputError as exc:
        raise NotFoundError(exc.message, location="path:name", hint=exc.hint) from None


@router.get("", summary="List the shipped instruments")
def list_instruments(actor: ActorDep) -> list[dict[str, Any]]:
    """Every instrument shipped with Scrutiny (name, kind, jurisdiction, aliases, source)."""
    guards.require(actor, Permission.REPORT_READ)
    return [inst.model_dump(mode="json", exclude={"path"}) for inst in shipped_instruments()]


@router.get("/{name}/analysis", summary="Safeguard-gap analysis of an instrument")
def instrument_analysis(name: Name, actor: ActorDep) -> dict[str, Any]:
    """Provisions and findings, as `scrutiny analyze --instrument NAME --json`.

    Only shipped instruments can be named (never a file path on the server).
    """
    guards.require(actor, Permission.REPORT_READ)
    return _analysis(_shipped(name))
