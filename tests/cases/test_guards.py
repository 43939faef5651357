"""Roles and permissions: one table, one check, stable codes."""

from __future__ import annotations

import pytest

from case_world import World
from scrutiny.cases.guards import ROLE_PERMISSIONS, Actor, Permission, require
from scrutiny.cases.vocab import Role
from scrutiny.errors import PermissionDenied

WRITE = {p for p in Permission if p not in {Permission.CASE_READ, Permission.ATTACHMENT_READ,
                                             Permission.REPORT_READ, Permission.AUDIT_READ,
                                             Permission.AUDIT_EXPORT}}


def test_every_role_has_a_row_and_auditors_only_read() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert not ROLE_PERMISSIONS[Role.AUDITOR] & WRITE
    assert Permission.CASE_APPROVE in ROLE_PERMISSIONS[Role.LEGAL_LEAD]
    assert Permission.CASE_APPROVE not in ROLE_PERMISSIONS[Role.REVIEWER]
    assert Permission.CASE_DECIDE not in ROLE_PERMISSIONS[Role.ADMIN]
    assert Permission.CASE_DECIDE not in ROLE_PERMISSIONS[Role.INTAKE]


def test_require_raises_a_stable_code_naming_the_roles() -> None:
    actor = Actor(1, "ada", frozenset({Role.AUDITOR}))
    require(actor, Permission.AUDIT_EXPORT)
    with pytest.raises(PermissionDenied) as info:
        require(actor, Permission.CASE_DECIDE)
    assert info.value.code == "permission.denied"
    assert info.value.status == 403 and info.value.exit_code == 4
    assert "legal_lead" in str(info.value) and "reviewer" in str(info.value)


def test_services_enforce_roles(world: World) -> None:
    s = world.service
    cid = world.new_case(1)
    for actor in (world.auditor, world.admin, world.intake):
        with pytest.raises(PermissionDenied):
            s.start_review(actor, cid)
    with pytest.raises(PermissionDenied):
        s.import_demand(world.rita, __import__("case_world").make_demand(2))
    with pytest.raises(PermissionDenied):
        world.users.add(world.rita, "mallory", [Role.ADMIN])
    assert world.reader.detail(world.auditor, cid)["id"] == cid
    view = world.reader.detail(world.auditor, cid)
    assert view["state"] == "received"


def test_first_user_is_admin_and_tokens_and_passwords_work(world: World) -> None:
    info = world.users.list_users(world.admin)
    assert {u.username: u.roles for u in info}["admin"] == ("admin",)
    world.users.set_password(world.rita, "rita", "correct horse battery")
    assert world.users.authenticate("rita", "correct horse battery") == world.rita
    assert world.users.authenticate("rita", "wrong password here") is None
    token_id, token = world.users.create_token(world.rita, "ci")
    assert world.users.authenticate_token(token) == world.rita
    world.users.revoke_token(world.rita, token_id)
    assert world.users.authenticate_token(token) is None
    world.users.set_active(world.admin, "rob", False)
    with pytest.raises(PermissionDenied) as info2:
        world.users.actor("rob")
    assert info2.value.code == "permission.inactive_user"
