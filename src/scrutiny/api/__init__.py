"""The REST API and the application factory (thin edges over the case services)."""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args: object, **kwargs: object) -> object:
    """Build the FastAPI app (see :func:`scrutiny.api.app.create_app`)."""
    from scrutiny.api.app import create_app as _create

    return _create(*args, **kwargs)  # type: ignore[arg-type]
