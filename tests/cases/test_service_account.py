"""Service accounts (the portal's) are created by the system at start, audited, never admin."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from case_world import World
from scrutiny.audit.events import EventType
from scrutiny.audit.verify import verify_chain
from scrutiny.cases.users import UserService
from scrutiny.cases.vocab import Role
from scrutiny.errors import InputError
from scrutiny.store.engine import Store
from scrutiny.store.models import AuditRecord


def test_ensure_service_account_creates_once_and_audits(world: World) -> None:
    info = world.users.ensure_service_account("portal", [Role.INTAKE])
    assert list(info.roles) == ["intake"]
    again = world.users.ensure_service_account("portal", [Role.INTAKE, Role.REVIEWER])
    assert again.id == info.id and list(again.roles) == ["intake"]  # kept as it is
    assert world.users.actor("portal").roles == frozenset({Role.INTAKE})
    with world.store.engine.connect() as conn:
        assert verify_chain(conn).ok
        rows = conn.execute(select(AuditRecord.reason).where(
            AuditRecord.type == EventType.USER_CREATED, AuditRecord.actor == "system")).all()
    assert [r.reason for r in rows] == ["service account"]
    with pytest.raises(InputError):
        world.users.ensure_service_account("robot", [Role.ADMIN])


def test_service_account_first_does_not_take_the_bootstrap_admin(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    try:
        users = UserService(store)
        users.ensure_service_account("portal", [Role.INTAKE])
        assert not users.has_admin()
        first = users.add(None, "alice", [Role.REVIEWER])  # still the bootstrap admin
        assert "admin" in first.roles and users.has_admin()
    finally:
        store.dispose()
