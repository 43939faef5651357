"""Request dependencies: the store, the services, and who is acting.

Route signatures declare what they need (``ActorDep``, ``CasesDep``…); authentication lives
here and nowhere else. Permission checks are not made here: they are made by the services
and :mod:`scrutiny.cases.guards` (DESIGN.md §7).
"""

from __future__ import annotations

import hashlib
import threading
import time
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from scrutiny.api.errors import AuthRequired
from scrutiny.cases.guards import Actor
from scrutiny.cases.params import WorkflowParams, load_params
from scrutiny.cases.service import CaseService
from scrutiny.cases.users import UserService
from scrutiny.cases.views import CaseReader
from scrutiny.store.engine import Store

__all__ = [
    "PORTAL_ACCOUNT",
    "TOKEN_CACHE_SECONDS",
    "ActorDep",
    "CasesDep",
    "ReaderDep",
    "StoreDep",
    "TokenCache",
    "UsersDep",
    "api_actor",
    "case_service",
    "get_store",
]

PORTAL_ACCOUNT = "portal"
"""The service account (role ``intake``) that portal submissions are imported as."""

TOKEN_CACHE_SECONDS = 10.0
"""How long a verified token is trusted without asking the store again (per process).

A revoked token or a deactivated user is refused at most this long after the change."""


class TokenCache:
    """Verified tokens -> actor, for :data:`TOKEN_CACHE_SECONDS` (keyed by the token's hash)."""

    def __init__(self, ttl: float = TOKEN_CACHE_SECONDS, capacity: int = 10_000) -> None:
        self.ttl = ttl
        self.capacity = capacity
        self._items: dict[str, tuple[float, Actor]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def get(self, token: str) -> Actor | None:
        """The cached actor, if verified less than ``ttl`` seconds ago."""
        with self._lock:
            item = self._items.get(self._key(token))
        if item is None or time.monotonic() - item[0] > self.ttl:
            return None
        return item[1]

    def put(self, token: str, actor: Actor) -> None:
        """Remember a verified token."""
        with self._lock:
            if len(self._items) >= self.capacity:
                self._items.clear()
            self._items[self._key(token)] = (time.monotonic(), actor)


_bearer = HTTPBearer(auto_error=False, description="An API token: `scr_…`.")


def get_store(request: Request) -> Store:
    """The app's case store."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


@lru_cache(maxsize=4)
def _params(policy: str | None) -> WorkflowParams:
    return load_params(policy)


def case_service(request: Request) -> CaseService:
    """The case service over the app's store (one per app; the reviewer is shared)."""
    service: CaseService | None = getattr(request.app.state, "case_service", None)
    if service is None:
        policy = request.app.state.settings.policy
        service = CaseService(get_store(request), _params(str(policy) if policy else None))
        request.app.state.case_service = service
    return service


def user_service(request: Request) -> UserService:
    """The user service over the app's store."""
    return UserService(get_store(request))


def case_reader(request: Request) -> CaseReader:
    """Permission-checked reads."""
    return CaseReader(get_store(request))


CasesDep = Annotated[CaseService, Depends(case_service)]
UsersDep = Annotated[UserService, Depends(user_service)]
ReaderDep = Annotated[CaseReader, Depends(case_reader)]


def api_actor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    """The actor behind ``Authorization: Bearer <token>``.

    Raises:
        AuthRequired: no token, or an unknown, revoked or expired one (401).
    """
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthRequired("an API token is required", location="header:Authorization",
                           hint="send `Authorization: Bearer <token>` "
                                "(create one with `scrutiny user token`)")
    token = credentials.credentials
    cache: TokenCache = request.app.state.token_cache
    actor = cache.get(token)
    if actor is None:
        actor = UserService(get_store(request)).authenticate_token(token)
        if actor is not None:
            cache.put(token, actor)
    if actor is None:
        raise AuthRequired("the API token is unknown, revoked or expired",
                           location="header:Authorization",
                           hint="create a new token with `scrutiny user token`")
    return actor


ActorDep = Annotated[Actor, Depends(api_actor)]
