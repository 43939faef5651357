"""Country and primary type copied onto cases, so filtered lists read an index in order."""

from __future__ import annotations

from sqlalchemy import select, text

from case_world import World
from scrutiny.store.models import Case
from scrutiny.store.queries import CaseFilter


def test_country_and_primary_type_are_copied(world: World) -> None:
    a = world.new_case(1)
    b = world.new_case(2, requester={"country": "RU", "authority": "Roskomnadzor",
                                     "authority_kind": "regulator"},
                       demand_types=["preservation", "emergency_disclosure"])
    with world.store.read() as session:
        rows = {r.id: (r.country, r.primary_type)
                for r in session.execute(select(Case.id, Case.country, Case.primary_type))}
    assert rows == {a: ("DE", "disclosure"), b: ("RU", "emergency_disclosure")}
    r = world.reader
    assert [c.id for c in r.cases(world.rita, CaseFilter(countries=["ru"]))] == [b]
    assert [c.id for c in r.cases(world.rita, CaseFilter(primary_type="disclosure"))] == [a]
    # a demand of several types still matches each of them
    assert [c.id for c in r.cases(world.rita, CaseFilter(demand_type="preservation"))] == [b]


def test_sqlite_reads_the_country_index(world: World) -> None:
    if world.store.engine.dialect.name != "sqlite":
        return
    with world.store.engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT id FROM cases WHERE country = 'DE' "
            "ORDER BY id DESC LIMIT 50")))
    assert "ix_cases_country_id" in plan and "TEMP B-TREE" not in plan
