"""What every page handler shares: rendering, the signed-in user, CSRF on form posts."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from scrutiny.api.deps import user_service
from scrutiny.api.errors import AuthRequired
from scrutiny.cases import guards
from scrutiny.cases.guards import Actor, Permission
from scrutiny.errors import ScrutinyError
from scrutiny.web.session import check_csrf, csrf_token, new_session

__all__ = ["CsrfChecked", "WebActor", "csrf_protect", "form_text", "optional_actor", "redirect",
           "render", "sign_in_redirect", "web_actor"]


def render(request: Request, template: str, context: dict[str, Any], *,
           status: int = 200, actor: Actor | None = None) -> HTMLResponse:
    """Render a page with the common context (user, CSRF token, version)."""
    user = None
    if actor is not None:
        user = {"username": actor.username, "roles": sorted(r.value for r in actor.roles),
                "can_audit": guards.can(actor, Permission.AUDIT_READ)}
    base = {"user": user, "csrf": csrf_token(request.scope)}
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def redirect(url: str) -> RedirectResponse:
    """A 303 redirect (after a successful form post)."""
    return RedirectResponse(url, status_code=303)


def optional_actor(request: Request) -> Actor | None:
    """The signed-in user, or ``None``."""
    username = request.scope["session"].get("uid")
    if not isinstance(username, str):
        return None
    try:
        return user_service(request).actor(username)
    except ScrutinyError:
        new_session(request.scope, None)
        return None


def web_actor(request: Request) -> Actor:
    """The signed-in user; pages that need one redirect to sign-in (see the error handler)."""
    actor = optional_actor(request)
    if actor is None:
        raise AuthRequired("please sign in", hint="sign in to see this page",
                           details={"next": quote(request.url.path)})
    return actor


WebActor = Annotated[Actor, Depends(web_actor)]


async def csrf_protect(request: Request) -> None:
    """Refuse any form post without the session's CSRF token (and any cross-site post)."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected = f"{request.url.scheme}://{request.url.netloc}"
        if origin.rstrip("/") != expected:
            check_csrf(request.scope, None)
    form = await request.form()
    token = form.get("csrf_token")
    check_csrf(request.scope, token if isinstance(token, str) else None)


CsrfChecked = Depends(csrf_protect)


def form_text(form: Any, name: str) -> str:
    """One text field of a posted form ('' when absent)."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def sign_in_redirect(request: Request) -> Response:
    """Where an unauthenticated page request goes."""
    return redirect(f"/signin?next={quote(request.url.path)}")
