"""Who may do what: the one place permissions are checked (CLI now, API and web later).

Pure: :class:`Actor` is who acts, :data:`ROLE_PERMISSIONS` the table of what each role may
do, :func:`require` the check. A missing permission raises
:class:`~scrutiny.errors.PermissionDenied` with the stable code ``permission.denied`` (HTTP
403, CLI exit 4); the four-eyes rule raises ``permission.four_eyes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from scrutiny.cases.vocab import Role
from scrutiny.errors import PermissionDenied

__all__ = [
    "ROLE_PERMISSIONS",
    "Actor",
    "Permission",
    "can",
    "permissions_of",
    "require",
    "require_other_person",
]


class Permission(StrEnum):
    """Every action that is checked."""

    CASE_READ = "case.read"
    CASE_IMPORT = "case.import"
    CASE_ASSIGN = "case.assign"
    CASE_REVIEW = "case.review"
    CASE_DECIDE = "case.decide"
    CASE_APPROVE = "case.approve"
    CASE_EXECUTE = "case.execute"
    CASE_WITHDRAW = "case.withdraw"
    CASE_REOPEN = "case.reopen"
    CASE_CLOSE = "case.close"
    NOTICE_MANAGE = "notice.manage"
    APPEAL_MANAGE = "appeal.manage"
    FOLLOWUP_MANAGE = "followup.manage"
    ATTACHMENT_ADD = "attachment.add"
    ATTACHMENT_READ = "attachment.read"
    REPORT_READ = "report.read"
    AUDIT_READ = "audit.read"
    AUDIT_EXPORT = "audit.export"
    USER_MANAGE = "user.manage"
    DB_MIGRATE = "db.migrate"


P = Permission

_READ = {P.CASE_READ, P.ATTACHMENT_READ, P.REPORT_READ}
_REVIEW = _READ | {
    P.CASE_ASSIGN, P.CASE_REVIEW, P.CASE_DECIDE, P.CASE_EXECUTE, P.CASE_WITHDRAW, P.CASE_CLOSE,
    P.NOTICE_MANAGE, P.APPEAL_MANAGE, P.FOLLOWUP_MANAGE, P.ATTACHMENT_ADD,
}

ROLE_PERMISSIONS: MappingProxyType[Role, frozenset[Permission]] = MappingProxyType({
    Role.INTAKE: frozenset(_READ | {P.CASE_IMPORT, P.CASE_WITHDRAW, P.ATTACHMENT_ADD}),
    Role.REVIEWER: frozenset(_REVIEW),
    Role.LEGAL_LEAD: frozenset(_REVIEW | {P.CASE_APPROVE, P.CASE_REOPEN, P.AUDIT_READ}),
    Role.AUDITOR: frozenset(_READ | {P.AUDIT_READ, P.AUDIT_EXPORT}),
    Role.ADMIN: frozenset(_READ | {P.USER_MANAGE, P.DB_MIGRATE, P.AUDIT_READ, P.AUDIT_EXPORT}),
})
"""What each role may do. Admins manage people and the database but do not decide cases;
auditors only read; approving a four-eyes decision needs ``legal_lead``."""


@dataclass(frozen=True, slots=True)
class Actor:
    """A person acting (resolved from ``--as``/``SCRUTINY_USER``, a session or an API token)."""

    user_id: int
    username: str
    roles: frozenset[Role]

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.roles)


def permissions_of(roles: frozenset[Role] | set[Role]) -> frozenset[Permission]:
    """The union of the permissions of ``roles``."""
    out: set[Permission] = set()
    for role in roles:
        out |= ROLE_PERMISSIONS[role]
    return frozenset(out)


def can(actor: Actor, permission: Permission) -> bool:
    """Whether ``actor`` holds ``permission``."""
    return permission in actor.permissions


def require(actor: Actor, permission: Permission) -> None:
    """Raise unless ``actor`` holds ``permission``.

    Raises:
        PermissionDenied: code ``permission.denied``, naming the permission and the roles
            that grant it.
    """
    if can(actor, permission):
        return
    granting = sorted(r.value for r, perms in ROLE_PERMISSIONS.items() if permission in perms)
    held = ", ".join(sorted(r.value for r in actor.roles)) or "no roles"
    raise PermissionDenied(
        f"{actor.username} ({held}) may not {permission.value}",
        hint=f"needs one of the roles: {', '.join(granting)}",
        details={"permission": permission.value, "roles": sorted(r.value for r in actor.roles)},
    )


def require_other_person(actor: Actor, other_user_id: int, what: str) -> None:
    """The four-eyes rule: ``actor`` must not be the person who did ``what``.

    Raises:
        PermissionDenied: code ``permission.four_eyes``.
    """
    if actor.user_id == other_user_id:
        raise PermissionDenied(
            f"{actor.username} cannot approve {what} they made themselves",
            hint="four eyes: a second legal_lead must approve",
            code="permission.four_eyes",
        )
