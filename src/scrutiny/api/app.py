"""The application factory: one FastAPI app serving the REST API and the browser pages.

``create_app()`` wires the pieces and holds no logic: error handlers (one JSON error shape),
security headers, the body size limit, signed sessions, the API routers under ``/api/v1``,
the web pages, static files and the offline API reference at ``/docs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from scrutiny import __version__
from scrutiny.api.deps import TokenCache
from scrutiny.api.docs_page import inline_markdown, schema_summary
from scrutiny.api.errors import install_error_handlers
from scrutiny.api.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from scrutiny.api.ratelimit import RateLimiter
from scrutiny.settings import Settings, get_settings

__all__ = ["API_PREFIX", "app_from_settings", "create_app"]

API_PREFIX = "/api/v1"
WEB_DIR = Path(__file__).resolve().parents[1] / "web"

_DESCRIPTION = """\
Review government demands to technology companies against human-rights safeguards.

**Authentication.** Every `/api/v1` route except the portal takes an API token:
`Authorization: Bearer <token>` (create one with `scrutiny user token`). What a token
may do follows its user's roles (intake, reviewer, legal_lead, auditor, admin); a missing
permission is `403 permission.denied`.

**Errors.** Every error has one shape: `{"error": {"code", "message", "location"?, "hint"?,
"details"?}}` with a stable `code` (see docs/api.md).

**Idempotency.** `POST /api/v1/demands` and `POST /api/v1/demands/letter` accept an
`Idempotency-Key` header: a retry with the same key and body returns the first result.
"""


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    templates.env.autoescape = True
    templates.env.trim_blocks = True
    templates.env.lstrip_blocks = True
    templates.env.filters["schema_type"] = schema_summary
    templates.env.filters["inline_md"] = inline_markdown
    templates.env.globals["version"] = __version__
    return templates


def create_app(settings: Settings | None = None, *, store: Any | None = None) -> FastAPI:
    """Build the app.

    Args:
        settings: runtime settings (``get_settings()`` when ``None``).
        store: an open :class:`scrutiny.store.Store`; opened from ``settings.database_url``
            when ``None``.
    """
    from scrutiny.api import routes
    from scrutiny.web import views
    from scrutiny.web.session import SessionMiddleware, resolve_secret_key

    settings = settings or get_settings()
    app = FastAPI(
        title="Scrutiny API",
        version=__version__,
        description=_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    if store is None:
        from scrutiny.store.engine import open_store

        store = open_store(settings.database_url)
    app.state.store = store
    app.state.templates = _templates()
    app.state.signin_limiter = RateLimiter(limit=10, window=300.0)
    app.state.portal_limiter = RateLimiter(limit=20, window=3600.0)
    app.state.token_cache = TokenCache()
    app.state.secret_key = resolve_secret_key(settings)

    install_error_handlers(app)
    app.add_middleware(SessionMiddleware, secret_key=app.state.secret_key)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_upload_bytes)
    app.add_middleware(SecurityHeadersMiddleware)

    routes.include(app, API_PREFIX)
    views.include(app)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__})

    return app


def app_from_settings() -> FastAPI:
    """Factory for uvicorn workers: the app for the process's settings (environment)."""
    return create_app(get_settings())
