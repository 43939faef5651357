"""The browser pages: sign-in, queue, case page, audit page, and the authority portal."""

from __future__ import annotations

from fastapi import FastAPI

from scrutiny.web.views import auth, case, docs, portal, queue

__all__ = ["include"]


def include(app: FastAPI) -> None:
    """Mount the page routers (not part of the OpenAPI document)."""
    for module in (auth, queue, case, portal, docs):
        app.include_router(module.router, include_in_schema=False)
