"""Idempotency keys of submissions live in the store, so every worker (process) sees them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from case_world import PARAMS, World, make_demand, make_review
from scrutiny.cases.service import CaseService
from scrutiny.cases.users import UserService
from scrutiny.errors import ConflictError
from scrutiny.store.engine import Store
from scrutiny.store.models import Case, IdempotencyKey


def test_same_key_and_hash_returns_the_first_case(world: World) -> None:
    s = world.service
    first = s.import_demand(world.intake, make_demand(1), review=make_review(),
                            idempotency_key="k-1", request_hash="a" * 64)
    assert first.status == "created"
    # a retry with the same key and body, even if the body would now be another demand
    again = s.import_demand(world.intake, make_demand(2), review=make_review(),
                            idempotency_key="k-1", request_hash="a" * 64)
    assert (again.case_id, again.status) == (first.case_id, "existing")
    assert s.keyed_import(world.intake, "k-1", "a" * 64) is not None
    assert s.keyed_import(world.intake, "k-2", "a" * 64) is None
    with world.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1
        row = session.get(IdempotencyKey, (world.intake.username, "k-1"))
        assert row is not None and row.case_id == first.case_id


def test_same_key_different_hash_is_a_conflict(world: World) -> None:
    s = world.service
    s.import_demand(world.intake, make_demand(1), review=make_review(),
                    idempotency_key="k-1", request_hash="a" * 64)
    with pytest.raises(ConflictError) as err:
        s.import_demand(world.intake, make_demand(2), review=make_review(),
                        idempotency_key="k-1", request_hash="b" * 64)
    assert err.value.code == "idempotency.mismatch"
    with pytest.raises(ConflictError):
        s.keyed_import(world.intake, "k-1", "b" * 64)


def test_keys_are_seen_by_another_service_on_the_same_store(world: World,
                                                            database_url: str) -> None:
    first = world.service.import_demand(world.intake, make_demand(1), review=make_review(),
                                        idempotency_key="shared", request_hash="c" * 64)
    store = Store(database_url, migrate=False)  # as another worker process would
    try:
        other = CaseService(store, PARAMS, reviewer=lambda d: make_review())
        intake = UserService(store).actor(world.intake.username)
        again = other.import_demand(intake, make_demand(3), review=make_review(),
                                    idempotency_key="shared", request_hash="c" * 64)
    finally:
        store.dispose()
    assert again.case_id == first.case_id and again.status == "existing"
