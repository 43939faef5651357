"""A notice keeps when it was first recorded and first deferred (reports count "as of" a date)."""

from __future__ import annotations

from sqlalchemy import select

from case_world import World
from scrutiny.store.models import Notice


def test_notice_created_and_deferred_times_survive_a_later_notification(world: World) -> None:
    s = world.service
    cid = world.new_case(1)
    s.start_review(world.rita, cid)
    s.decide(world.rita, cid, "comply", ["lawful"])
    s.execute(world.rita, cid)
    deferred_on = world.clock()
    s.defer_notice(world.rita, cid, reason="gag_order", legal_basis="court order 12/2026",
                   targets=[0])
    world.clock.advance(hours=24 * 30)
    s.notify(world.rita, cid, targets=[0, 1], channel="email")
    with world.store.read() as session:
        notices = {n.target_index: n for n in session.scalars(
            select(Notice).where(Notice.case_id == cid))}
    first, second = notices[0], notices[1]
    assert first.created_at == deferred_on and first.deferred_at == deferred_on
    assert first.notified_at is not None and first.notified_at > deferred_on
    assert first.updated_at == first.notified_at
    assert second.created_at == second.notified_at and second.deferred_at is None
