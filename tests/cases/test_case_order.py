"""The reviewers' order across pages: deadline (none last), then high risk, then id."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from case_world import World, make_review
from scrutiny.cases.vocab import CaseState
from scrutiny.errors import InputError
from scrutiny.store.models import Case
from scrutiny.store.queries import CaseFilter, deadline_cursor

_FAR = dt.datetime.max.replace(tzinfo=dt.UTC)


def _world_of_deadlines(world: World) -> list[int]:
    high = make_review("reject", unmet=("legality",))
    ids = [
        world.new_case(1),                                              # policy default 240 h
        world.new_case(2, deadline={"text": "within 48 hours", "hours": 48}),
        world.new_case(3, deadline={"text": "within 48 hours", "hours": 48}, review=high),
        world.new_case(4, review=high),                                  # 240 h, high
        world.new_case(5, demand_types=["emergency_disclosure"]),       # 8 h
        world.new_case(6),
        world.new_case(7, review=high),
    ]
    with world.store.write() as session:  # cases without a deadline sort last
        session.execute(update(Case).where(Case.id.in_([ids[5], ids[6]]))
                        .values(deadline_at=None))
    return ids


def test_deadline_order_is_one_order_across_pages(world: World) -> None:
    ids = _world_of_deadlines(world)
    everything = world.reader.cases(world.rita, order="deadline", limit=100)
    expected = sorted(everything, key=lambda r: (r.deadline_at or _FAR, r.risk != "high", r.id))
    assert [r.id for r in everything] == [r.id for r in expected]
    assert [r.id for r in everything][:3] == [ids[4], ids[2], ids[1]]
    assert [r.id for r in everything][-2:] == [ids[6], ids[5]]  # no deadline: high first
    for size in (1, 2, 3):
        pages: list[int] = []
        after = None
        while True:
            page = world.reader.cases(world.rita, order="deadline", limit=size, after=after)
            pages += [r.id for r in page]
            if len(page) < size:
                break
            after = deadline_cursor(page[-1])
        assert pages == [r.id for r in expected]
    assert world.reader.count(world.rita) == 7
    assert world.reader.count(world.rita, CaseFilter(states=[CaseState.IN_REVIEW])) == 0


def test_order_and_cursor_errors(world: World) -> None:
    world.new_case(1)
    with pytest.raises(InputError):
        world.reader.cases(world.rita, order="sideways")
    with pytest.raises(InputError):
        world.reader.cases(world.rita, order="deadline", after="not-a-cursor")
