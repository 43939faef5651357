"""A whole case from import to closure, with the audit chain verified at the end."""

from __future__ import annotations

from case_world import World, make_review
from scrutiny.audit.verify import verify_chain
from scrutiny.cases.vocab import CaseState


def test_case_from_import_to_closure(world: World) -> None:
    case_id = world.new_case(1)
    s = world.service
    assert s.start_review(world.rita, case_id).state is CaseState.IN_REVIEW
    case = s.decide(world.rita, case_id, "comply", ["lawful order, scope fine"])
    assert case.state is CaseState.DECIDED
    s.execute(world.rita, case_id)
    s.notify(world.rita, case_id, channel="email")
    closed = s.close(world.rita, case_id)
    assert closed.state is CaseState.CLOSED
    view = world.reader.detail(world.rita, case_id)
    assert [h["type"] for h in view["history"]] == [
        "case.imported", "case.review_started", "case.decided", "case.executed",
        "notice.sent", "notice.sent", "case.closed"]
    with world.store.engine.connect() as conn:
        result = verify_chain(conn)
    assert result.ok, result.problem
    # a second import of the same demand is the same case
    again = s.import_demand(world.intake, __import__("case_world").make_demand(1),
                            review=make_review())
    assert again.case_id == case_id and again.status == "existing"
