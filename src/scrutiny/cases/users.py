"""People: users with roles, argon2 passwords (web app) and hashed API tokens.

Bootstrap: while the store has no user, anyone may create the first one, and it is an admin.
After that only admins (``user.manage``) add users or change roles. Every change writes an
audit event; passwords and tokens never appear in events (only that they were set).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scrutiny.audit.events import AuditEvent, EventType, TargetType
from scrutiny.audit.log import append, utc_now
from scrutiny.cases import guards
from scrutiny.cases.guards import Actor, Permission
from scrutiny.cases.vocab import Role
from scrutiny.errors import ConflictError, InputError, NotFoundError, PermissionDenied
from scrutiny.store.engine import Store
from scrutiny.store.models import ApiToken, User, UserRole

__all__ = ["TOKEN_PREFIX", "UserInfo", "UserService", "parse_roles"]

TOKEN_PREFIX = "scr_"
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_HASHER = PasswordHasher()


@dataclass(frozen=True, slots=True)
class UserInfo:
    """A user as shown to people (never the password hash)."""

    id: int
    username: str
    name: str | None
    email: str | None
    roles: tuple[str, ...]
    active: bool
    created_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "name": self.name,
                "email": self.email, "roles": list(self.roles), "active": self.active,
                "created_at": self.created_at.isoformat()}


def parse_roles(values: Iterable[str]) -> frozenset[Role]:
    """Roles from text (``reviewer``, ``legal_lead``…; commas allowed).

    Raises:
        InputError: an unknown role, listing the known ones.
    """
    out: set[Role] = set()
    for value in values:
        for part in value.split(","):
            name = part.strip().lower().replace("-", "_")
            if not name:
                continue
            try:
                out.add(Role(name))
            except ValueError:
                raise InputError(f"unknown role {part.strip()!r}", location="role",
                                 hint=f"one of {', '.join(r.value for r in Role)}") from None
    return frozenset(out)


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.name, user.email,
                    tuple(sorted(r.role.value for r in user.roles)), user.active, user.created_at)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class UserService:
    """Users, roles, passwords and API tokens."""

    def __init__(self, store: Store, *, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock

    def _user(self, session: Session, username: str) -> User:
        user = session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            raise NotFoundError(f"no user {username!r}", hint="see `scrutiny user list`")
        return user

    def count(self) -> int:
        """How many users exist."""
        with self.store.read() as session:
            return int(session.scalar(select(func.count()).select_from(User)) or 0)

    def actor(self, username: str) -> Actor:
        """The :class:`Actor` for an active user.

        Raises:
            NotFoundError: no such user. PermissionDenied: the user is deactivated.
        """
        with self.store.read() as session:
            user = self._user(session, username)
            if not user.active:
                raise PermissionDenied(f"user {username!r} is deactivated",
                                       code="permission.inactive_user")
            return Actor(user.id, user.username, frozenset(r.role for r in user.roles))

    def add(self, actor: Actor | None, username: str, roles: Iterable[Role], *,
            name: str | None = None, email: str | None = None,
            password: str | None = None) -> UserInfo:
        """Create a user. The first user of a store needs no actor and becomes an admin."""
        if not USERNAME.match(username):
            raise InputError(f"invalid username {username!r}", location="username",
                             hint="lower-case letters, digits, '.', '_' or '-' (max 80)")
        wanted = set(roles)
        with self.store.write() as session:
            first = not _has_admin(session)
            if first:
                wanted.add(Role.ADMIN)
            else:
                if actor is None:
                    raise PermissionDenied("say who you are (--as USER or SCRUTINY_USER) to add "
                                           "users", code="permission.no_actor")
                guards.require(actor, Permission.USER_MANAGE)
            if session.scalars(select(User.id).where(User.username == username)).first():
                raise ConflictError(f"user {username!r} already exists", code="conflict.exists")
            user = User(username=username, name=name, email=email, active=True,
                        created_at=self.clock(),
                        password_hash=_HASHER.hash(password) if password else None)
            user.roles = [UserRole(role=r) for r in sorted(wanted)]
            session.add(user)
            session.flush()
            info = _info(user)
            after = {k: v for k, v in info.to_dict().items() if k != "created_at"}
            after["password_set"] = password is not None
            append(session, AuditEvent(EventType.USER_CREATED,
                                       actor.username if actor else username, TargetType.USER,
                                       str(user.id), None, None, after,
                                       "first user (bootstrap admin)" if first else None))
            return info

    def has_admin(self) -> bool:
        """Whether any user holds the admin role (until then, the next user added is one)."""
        with self.store.read() as session:
            return _has_admin(session)

    def ensure_service_account(self, username: str, roles: Iterable[Role], *,
                               name: str | None = None) -> UserInfo:
        """Create a service account (no password, never admin) unless it exists.

        Needs no actor: it is called by the system itself (``scrutiny serve`` at start, for
        the authority portal's account). Creating it is audited (actor ``system``); an
        existing account is returned as it is — roles or deactivation an admin set are kept.

        Raises:
            InputError: an invalid username, or the admin role asked for.
        """
        if not USERNAME.match(username):
            raise InputError(f"invalid username {username!r}", location="username",
                             hint="lower-case letters, digits, '.', '_' or '-' (max 80)")
        wanted = set(roles)
        if Role.ADMIN in wanted:
            raise InputError("a service account cannot be an admin", location="roles",
                             hint="give it only the roles its job needs")
        for _ in range(2):
            with self.store.read() as session:
                existing = session.scalars(select(User).where(User.username == username)).first()
                if existing is not None:
                    return _info(existing)
            try:
                with self.store.write() as session:
                    user = User(username=username, name=name or f"{username} (service account)",
                                email=None, active=True, created_at=self.clock(),
                                password_hash=None)
                    user.roles = [UserRole(role=r) for r in sorted(wanted)]
                    session.add(user)
                    session.flush()
                    info = _info(user)
                    after = {k: v for k, v in info.to_dict().items() if k != "created_at"}
                    after["password_set"] = False
                    append(session, AuditEvent(EventType.USER_CREATED, "system",
                                               TargetType.USER, str(user.id), None, None, after,
                                               "service account"))
                    return info
            except IntegrityError:
                continue  # another process created it at the same moment: read it
        raise ConflictError(f"could not create service account {username!r}",
                            hint="try again")

    def set_roles(self, actor: Actor, username: str, roles: Iterable[Role]) -> UserInfo:
        """Replace a user's roles (admins only; the last admin cannot drop admin)."""
        guards.require(actor, Permission.USER_MANAGE)
        new = set(roles)
        with self.store.write() as session:
            user = self._user(session, username)
            old = sorted(r.role.value for r in user.roles)
            if Role.ADMIN.value in old and Role.ADMIN not in new:
                admins = session.scalar(select(func.count()).select_from(UserRole).where(
                    UserRole.role == Role.ADMIN)) or 0
                if admins <= 1:
                    raise InputError("cannot remove the last admin", location="role",
                                     code="input.last_admin")
            user.roles = [UserRole(role=r) for r in sorted(new)]
            session.flush()
            append(session, AuditEvent(EventType.USER_UPDATED, actor.username, TargetType.USER,
                                       str(user.id), None, {"roles": old},
                                       {"roles": sorted(r.value for r in new)}))
            return _info(user)

    def set_active(self, actor: Actor, username: str, active: bool) -> UserInfo:
        """Activate or deactivate a user (deactivated users cannot act)."""
        guards.require(actor, Permission.USER_MANAGE)
        with self.store.write() as session:
            user = self._user(session, username)
            before = user.active
            user.active = active
            session.flush()
            append(session, AuditEvent(EventType.USER_UPDATED, actor.username, TargetType.USER,
                                       str(user.id), None, {"active": before},
                                       {"active": active}))
            return _info(user)

    def set_password(self, actor: Actor, username: str, password: str) -> None:
        """Set a password (one's own, or anyone's for an admin)."""
        if actor.username != username:
            guards.require(actor, Permission.USER_MANAGE)
        if len(password) < 12:
            raise InputError("passwords need at least 12 characters", location="password")
        with self.store.write() as session:
            user = self._user(session, username)
            user.password_hash = _HASHER.hash(password)
            session.flush()
            append(session, AuditEvent(EventType.USER_PASSWORD_SET, actor.username,
                                       TargetType.USER, str(user.id), None, None,
                                       {"password_set": True}))

    def authenticate(self, username: str, password: str) -> Actor | None:
        """The actor if the password matches an active user, else ``None``."""
        with self.store.read() as session:
            user = session.scalars(select(User).where(User.username == username)).first()
            if user is None or not user.active or not user.password_hash:
                return None
            try:
                _HASHER.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                return None
            return Actor(user.id, user.username, frozenset(r.role for r in user.roles))

    def list_users(self, actor: Actor) -> list[UserInfo]:
        """All users (admins and auditors: everyone; others: themselves)."""
        with self.store.read() as session:
            users = session.scalars(select(User).order_by(User.username)).all()
            if not (guards.can(actor, Permission.USER_MANAGE)
                    or guards.can(actor, Permission.AUDIT_READ)):
                users = [u for u in users if u.id == actor.user_id]
            return [_info(u) for u in users]

    def create_token(self, actor: Actor, name: str, *,
                     expires_at: dt.datetime | None = None) -> tuple[int, str]:
        """A new API token for the actor; returns ``(id, token)`` — the token is shown once."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.store.write() as session:
            row = ApiToken(user_id=actor.user_id, name=name, prefix=token[:12],
                           token_hash=_token_hash(token), created_at=self.clock(),
                           expires_at=expires_at)
            session.add(row)
            session.flush()
            append(session, AuditEvent(EventType.TOKEN_CREATED, actor.username, TargetType.TOKEN,
                                       str(row.id), None, None,
                                       {"name": name, "prefix": row.prefix,
                                        "expires_at": expires_at}))
            return row.id, token

    def revoke_token(self, actor: Actor, token_id: int) -> None:
        """Revoke a token (one's own, or any for an admin)."""
        with self.store.write() as session:
            row = session.get(ApiToken, token_id)
            if row is None:
                raise NotFoundError(f"no token {token_id}")
            if row.user_id != actor.user_id:
                guards.require(actor, Permission.USER_MANAGE)
            if row.revoked_at is None:
                row.revoked_at = self.clock()
                session.flush()
                append(session, AuditEvent(EventType.TOKEN_REVOKED, actor.username,
                                           TargetType.TOKEN, str(row.id), None,
                                           {"revoked": False}, {"revoked": True}))

    def authenticate_token(self, token: str) -> Actor | None:
        """The actor owning an unrevoked, unexpired token, else ``None``."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        now = self.clock()
        with self.store.read() as session:
            row = session.scalars(select(ApiToken).where(
                ApiToken.token_hash == _token_hash(token))).first()
            if row is None or row.revoked_at is not None or (
                    row.expires_at is not None and row.expires_at <= now):
                return None
            user = session.get(User, row.user_id)
            if user is None or not user.active:
                return None
            return Actor(user.id, user.username, frozenset(r.role for r in user.roles))


def _has_admin(session: Session) -> bool:
    return session.scalars(select(UserRole.user_id).where(UserRole.role == Role.ADMIN)
                           .limit(1)).first() is not None
