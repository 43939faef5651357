"""The API routers (each a few lines per handler: parse, call a service, shape the answer)."""

from __future__ import annotations

from fastapi import FastAPI

from scrutiny.api.routes import audit, cases, demands, instruments, portal, reports

__all__ = ["ERROR_RESPONSES", "include"]

from scrutiny.api.routes._common import ERROR_RESPONSES


def include(app: FastAPI, prefix: str) -> None:
    """Mount every API router under ``prefix``."""
    for module in (demands, cases, audit, reports, instruments, portal):
        app.include_router(module.router, prefix=prefix)
