"""One JSON error shape at the HTTP boundary (DESIGN.md §10).

Every error any route returns — a :class:`~scrutiny.errors.ScrutinyError` raised by a
service, FastAPI's request validation, Starlette's 404/405, an unexpected exception — leaves
as ``{"error": {"code", "message", "location"?, "hint"?, "details"?}}`` with a stable code.
Browser pages (not ``/api``) get the same message rendered as an HTML page.
No stack trace or internal detail ever reaches a client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from scrutiny.errors import ScrutinyError

__all__ = [
    "HTTP_ERROR_CODES",
    "AuthRequired",
    "CsrfError",
    "RateLimited",
    "error_response",
    "install_error_handlers",
]

log = logging.getLogger("scrutiny.api")


class AuthRequired(ScrutinyError):
    """No valid credentials: a missing/unknown API token, or no signed-in session."""

    code = "auth.required"
    status = 401
    exit_code = 4


class CsrfError(ScrutinyError):
    """A form post without the CSRF token of the session that rendered the form."""

    code = "csrf.invalid"
    status = 403
    exit_code = 4


class RateLimited(ScrutinyError):
    """Too many attempts from one client in the window (sign-in, portal submission)."""

    code = "rate.limited"
    status = 429
    exit_code = 1


HTTP_ERROR_CODES: dict[int, tuple[str, str]] = {
    400: ("request.bad", "The request could not be understood."),
    401: ("auth.required", "Sign in or send an API token (Authorization: Bearer …)."),
    403: ("permission.denied", "Your roles do not allow this."),
    404: ("not_found", "No such page or record."),
    405: ("method.not_allowed", "This method is not allowed on this path."),
    406: ("request.not_acceptable", "The requested representation is not available."),
    413: ("input.too_large", "The request body is over the size limit."),
    415: ("input.unsupported", "Unsupported media type."),
    422: ("input.invalid", "The request did not validate."),
    429: ("rate.limited", "Too many requests; wait and retry."),
    500: ("internal", "Internal error. It was logged; the request had no effect."),
}
"""Stable codes for errors raised by the HTTP layer itself (documented in docs/api.md)."""


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path.endswith(".json"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(
    request: Request,
    status: int,
    body: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> Response:
    """Render an error body as JSON (API) or as a small HTML page (browser pages)."""
    if _wants_html(request):
        templates = getattr(request.app.state, "templates", None)
        if templates is not None:
            return templates.TemplateResponse(  # type: ignore[no-any-return]
                request, "error.html", {"status": status, "error": body["error"]},
                status_code=status, headers=headers,
            )
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        head, rest = parts[0], parts[1:]
        return f"{head}:{'.'.join(rest)}" if rest else head
    return ".".join(parts)


async def _scrutiny_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ScrutinyError)
    status = exc.status if 400 <= exc.status < 600 else 500
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if isinstance(exc, RateLimited) and "retry_after" in exc.details:
        headers = {"Retry-After": str(exc.details["retry_after"])}
    if status == 401 and _wants_html(request):
        from urllib.parse import quote

        return RedirectResponse(f"/signin?next={quote(request.url.path)}", status_code=303)
    if status >= 500:
        log.error("server-side error %s: %s", exc.code, exc)
        body = exc.to_dict()
        body["error"].pop("details", None)
        return error_response(request, status, body)
    return error_response(request, status, exc.to_dict(), headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"field": _location(e.get("loc", ())), "message": str(e.get("msg", "invalid"))}
        for e in exc.errors()
    ]
    first = errors[0] if errors else {"field": "body", "message": "invalid request"}
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    body = {"error": {
        "code": "input.invalid",
        "message": f"{first['message']}{more}",
        "location": first["field"],
        "hint": "See /docs for the expected shape of this request.",
        "details": {"errors": errors[:50]},
    }}
    return error_response(request, 422, body)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code, message = HTTP_ERROR_CODES.get(exc.status_code, ("http.error", "Request failed."))
    headers = dict(exc.headers) if exc.headers else None
    return error_response(request, exc.status_code, {"error": {"code": code, "message": message}},
                          headers)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    code, message = HTTP_ERROR_CODES[500]
    return error_response(request, 500, {"error": {"code": code, "message": message}})


def install_error_handlers(app: FastAPI) -> None:
    """Register the boundary handlers that give every error the one shape."""
    handlers: dict[type[Exception], Callable[[Request, Exception], Any]] = {
        ScrutinyError: _scrutiny_error,
        RequestValidationError: _validation_error,
        StarletteHTTPException: _http_error,
        Exception: _unexpected,
    }
    for exc_type, handler in handlers.items():
        app.add_exception_handler(exc_type, handler)
