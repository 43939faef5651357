"""Signed cookie sessions and CSRF tokens for the browser pages.

The session is a small signed (itsdangerous, HMAC-SHA1 over the secret key), timestamped
cookie: ``{"uid": user id or None, "csrf": token}``. It is HttpOnly, SameSite=Lax, and Secure
when the request came over https; it expires after :data:`SESSION_MAX_AGE` seconds. Every
form post must carry the session's CSRF token (:func:`check_csrf`); the API does not use
cookies at all (Bearer tokens), so it needs no CSRF token.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.engine import make_url
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scrutiny.api.errors import CsrfError
from scrutiny.errors import ScrutinyError
from scrutiny.settings import Settings

__all__ = [
    "COOKIE_NAME",
    "SESSION_MAX_AGE",
    "SessionMiddleware",
    "check_csrf",
    "csrf_token",
    "new_session",
    "resolve_secret_key",
]

COOKIE_NAME = "scrutiny_session"
SESSION_MAX_AGE = 12 * 3600
"""A sign-in lasts one working day."""


def resolve_secret_key(settings: Settings) -> str:
    """The key signing sessions: the setting, else a key file beside the SQLite database.

    The file (``<database>.secret``, mode 0600) is created once, atomically, so that every
    worker process of one server reads the same key.

    Raises:
        ScrutinyError: no ``SCRUTINY_SECRET_KEY`` and the database is not a SQLite file.
    """
    if settings.secret_key:
        return settings.secret_key
    url = make_url(settings.database_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        raise ScrutinyError(
            "no secret key for signing sessions",
            code="settings.secret_key_missing",
            location="SCRUTINY_SECRET_KEY",
            hint="set SCRUTINY_SECRET_KEY to a long random string (e.g. `openssl rand -hex 32`)",
        )
    path = Path(url.database + ".secret")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip()


class SessionMiddleware:
    """Load the signed session cookie into ``scope["session"]``; write it back when changed."""

    def __init__(self, app: ASGIApp, secret_key: str) -> None:
        self.app = app
        self.serializer = URLSafeTimedSerializer(secret_key, salt="scrutiny.session")

    def _load(self, conn: HTTPConnection) -> tuple[dict[str, Any], bool]:
        raw = conn.cookies.get(COOKIE_NAME)
        if raw:
            try:
                data = self.serializer.loads(raw, max_age=SESSION_MAX_AGE)
            except BadSignature:
                data = None
            if isinstance(data, dict) and isinstance(data.get("csrf"), str):
                return {"uid": data.get("uid"), "csrf": data["csrf"]}, False
        return {"uid": None, "csrf": secrets.token_urlsafe(24)}, True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        session, new = self._load(HTTPConnection(scope))
        original = dict(session)
        scope["session"] = session
        scope["session_new"] = new
        secure = "; secure" if scope.get("scheme") == "https" else ""

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                current = scope["session"]
                if current != original or (new and scope.get("session_write")):
                    value = self.serializer.dumps({"uid": current.get("uid"),
                                                   "csrf": current.get("csrf")})
                    MutableHeaders(scope=message).append(
                        "set-cookie",
                        f"{COOKIE_NAME}={value}; path=/; Max-Age={SESSION_MAX_AGE}; "
                        f"httponly; samesite=lax{secure}",
                    )
            await send(message)

        await self.app(scope, receive, send_wrapper)


def csrf_token(scope: Scope) -> str:
    """The session's CSRF token, for a form; makes sure a new session's cookie is written."""
    scope["session_write"] = True
    return str(scope["session"]["csrf"])


def new_session(scope: Scope, uid: str | None) -> None:
    """Start a fresh session (sign-in / sign-out): new CSRF token, given username."""
    scope["session"] = {"uid": uid, "csrf": secrets.token_urlsafe(24)}


def check_csrf(scope: Scope, submitted: str | None) -> None:
    """Refuse a form post whose token does not match the session's.

    Raises:
        CsrfError: token missing or wrong (403).
    """
    expected = scope["session"].get("csrf")
    if scope.get("session_new") or not submitted or not isinstance(expected, str) or not (
        hmac.compare_digest(expected.encode(), submitted.encode())
    ):
        raise CsrfError(
            "the form's security token is missing or out of date",
            hint="reload the page and submit the form again",
        )
