"""Sign-in and sign-out (argon2 passwords via the user service; rate-limited)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from scrutiny.api.deps import user_service
from scrutiny.api.portal_flow import client_key
from scrutiny.web.session import new_session
from scrutiny.web.views._common import CsrfChecked, form_text, optional_actor, redirect, render

__all__ = ["router"]

router = APIRouter(dependencies=[CsrfChecked])


def _safe_next(value: str) -> str:
    return value if value.startswith("/") and not value.startswith("//") else "/queue"


@router.get("/")
def home(request: Request) -> Response:
    """Signed in: the queue; otherwise the sign-in page."""
    return redirect("/queue" if optional_actor(request) else "/signin")


@router.get("/signin")
def signin_page(request: Request, next: str = "/queue") -> Response:
    """The sign-in form."""
    return render(request, "signin.html", {"active": "signin", "next": _safe_next(next),
                                           "username": "", "error": None})


@router.post("/signin")
async def signin(request: Request) -> Response:
    """Check the password; start a fresh session (new CSRF token) on success."""
    request.app.state.signin_limiter.hit(client_key(request), what="sign-in")
    form = await request.form()
    username, password = form_text(form, "username"), form.get("password")
    actor = None
    if username and isinstance(password, str) and password:
        actor = user_service(request).authenticate(username, password)
    if actor is None:
        return render(request, "signin.html", {
            "active": "signin", "next": _safe_next(form_text(form, "next")),
            "username": username, "error": "Unknown username or wrong password."}, status=401)
    new_session(request.scope, actor.username)
    return redirect(_safe_next(form_text(form, "next")))


@router.post("/signout")
def signout(request: Request) -> Response:
    """End the session."""
    new_session(request.scope, None)
    return redirect("/signin")
