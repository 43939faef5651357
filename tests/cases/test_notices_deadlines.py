"""User notification and remedy, deadlines, emergency follow-ups, closing rules."""

from __future__ import annotations

import datetime as dt

import pytest

from case_world import PARAMS, T0, World, make_review
from scrutiny.cases.vocab import CaseState
from scrutiny.errors import InputError, StateError


def _executed(w: World, n: int, **kw: object) -> int:
    cid = w.new_case(n, **kw)
    w.service.start_review(w.rita, cid)
    w.service.decide(w.rita, cid, "comply", ["lawful"])
    w.service.execute(w.rita, cid)
    return cid


def test_deferred_notice_blocks_closing_until_resolved(world: World) -> None:
    s = world.service
    cid = _executed(world, 1)
    notices = s.defer_notice(world.rita, cid, reason="gag_order",
                             legal_basis="court non-disclosure order 12/2026, until 2026-09-01",
                             targets=[0])
    assert notices[0].review_on == T0.date() + dt.timedelta(days=PARAMS.deferral_review_days)
    s.notify(world.rita, cid, targets=[1], channel="email")
    with pytest.raises(StateError) as info:
        s.close(world.rita, cid)
    assert info.value.code == "state.close_blocked"
    assert "targets 0" in str(info.value)
    assert world.reader.deferrals_due(world.rita) == []
    world.clock.advance(days=PARAMS.deferral_review_days)
    due = world.reader.deferrals_due(world.rita)
    assert [(d.case_id, d.detail["target"], d.detail["reason"]) for d in due] == \
        [(cid, 0, "gag_order")]
    s.notify(world.rita, cid, targets=[0])
    assert s.close(world.rita, cid).state is CaseState.CLOSED
    with pytest.raises(StateError):
        s.notify(world.rita, cid)


def test_deferral_review_capped_by_confidentiality_expiry(world: World) -> None:
    cid = _executed(world, 2, confidentiality_requested=True,
                    confidentiality_until="2026-04-01")
    notices = world.service.defer_notice(world.rita, cid, reason="gag_order",
                                         legal_basis="order valid until 1 April 2026")
    assert {n.review_on for n in notices} == {dt.date(2026, 4, 1)}
    with pytest.raises(InputError, match="unknown deferral reason"):
        world.service.defer_notice(world.rita, cid, reason="because",
                                   legal_basis="some basis of law")


def test_appeals_keep_a_case_open(world: World) -> None:
    s = world.service
    cid = world.new_case(3, review=make_review("reject", unmet=("necessity",)))
    s.start_review(world.rita, cid)
    s.decide(world.rita, cid, "reject", ["not necessary"])
    appeal = s.file_appeal(world.rita, cid, by="company", forum="Amtsgericht Berlin",
                           grounds="we challenge the order as overbroad")
    user_appeal = s.file_appeal(world.rita, cid, by="user", target_index=1,
                                grounds="the user contests the disclosure request")
    with pytest.raises(StateError, match="2 appeal"):
        s.close(world.rita, cid)
    s.decide_appeal(world.rita, appeal.id, outcome="upheld", note="court quashed the order")
    s.decide_appeal(world.rita, user_appeal.id, outcome="withdrawn", note="user withdrew it")
    with pytest.raises(StateError, match="already decided"):
        s.decide_appeal(world.rita, appeal.id, outcome="dismissed", note="second thoughts")
    assert s.close(world.rita, cid).state is CaseState.CLOSED
    view = world.reader.detail(world.auditor, cid)
    assert [(a["by"], a["outcome"]) for a in view["appeals"]] == \
        [("company", "upheld"), ("user", "withdrawn")]


def test_emergency_disclosure_opens_a_follow_up(world: World) -> None:
    s = world.service
    cid = _executed(world, 4, demand_types=["emergency_disclosure"], emergency_claimed=True)
    view = world.reader.detail(world.rita, cid)
    due = T0.date() + dt.timedelta(days=PARAMS.follow_up_days)
    assert view["followup"] == {"status": "open", "due_on": due.isoformat(),
                                "process_reference": None, "resolved_at": None}
    s.notify(world.rita, cid)
    with pytest.raises(StateError, match="follow-up open"):
        s.close(world.rita, cid)
    assert world.reader.overdue(world.rita) == [] or all(
        i.kind != "emergency_followup" for i in world.reader.overdue(world.rita))
    world.clock.advance(days=PARAMS.follow_up_days + 1)
    kinds = {(i.kind, i.case_id) for i in world.reader.overdue(world.rita)}
    assert ("emergency_followup", cid) in kinds
    with pytest.raises(InputError):
        s.resolve_followup(world.rita, cid, received=True)
    s.resolve_followup(world.rita, cid, received=True, process_reference="court order 7/26")
    assert s.close(world.rita, cid).state is CaseState.CLOSED


def test_deadlines_from_demand_or_policy(world: World) -> None:
    stated = world.new_case(5, deadline={"text": "within 48 hours", "hours": 48})
    default = world.new_case(6)
    emergency = world.new_case(7, demand_types=["emergency_disclosure"])
    views = {c: world.reader.detail(world.rita, c, with_history=False)
             for c in (stated, default, emergency)}
    assert views[stated]["deadline_at"] == (T0 + dt.timedelta(hours=48)).isoformat()
    assert views[default]["deadline_at"] == (T0 + dt.timedelta(hours=240)).isoformat()
    assert views[emergency]["deadline_at"] == (T0 + dt.timedelta(hours=8)).isoformat()
    world.clock.advance(hours=49)
    late = [(i.kind, i.case_id) for i in world.reader.overdue(world.rita)]
    assert late == [("response_deadline", emergency), ("response_deadline", stated)]
    world.service.start_review(world.rita, stated)
    world.service.request_clarification(world.rita, stated, ["Which court?"])
    assert [i.case_id for i in world.reader.overdue(world.rita)] == [emergency]
    from scrutiny.store.queries import CaseFilter

    rows = world.reader.cases(world.rita, CaseFilter(overdue=True))
    assert [r.id for r in rows] == [emergency]


def test_case_list_filters(world: World) -> None:
    from scrutiny.cases.vocab import Risk
    from scrutiny.store.queries import CaseFilter

    a = world.new_case(10)
    b = world.new_case(11, requester={"country": "RU", "authority": "Roskomnadzor",
                                      "authority_kind": "regulator"},
                       review=make_review("reject", unmet=("legality",)))
    world.service.start_review(world.rita, a)
    r = world.reader
    assert [c.id for c in r.cases(world.rita)] == [b, a]
    assert [c.id for c in r.cases(world.rita, CaseFilter(countries=["ru"]))] == [b]
    assert [c.id for c in r.cases(world.rita, CaseFilter(risk=Risk.HIGH))] == [b]
    assert [c.id for c in r.cases(world.rita, CaseFilter(states=[CaseState.IN_REVIEW]))] == [a]
    assert [c.id for c in r.cases(world.rita, CaseFilter(demand_type="disclosure"))] == [b, a]
    assert [c.id for c in r.cases(world.rita, CaseFilter(demand_type="preservation"))] == []
    assert [c.id for c in r.cases(world.rita, limit=1, before_id=b)] == [a]
    row = r.cases(world.rita, CaseFilter(countries=["RU"]))[0].to_dict()
    assert row["authority"] == "Roskomnadzor" and row["demand_types"] == ["disclosure"]


def test_attachments_are_deduplicated(world: World) -> None:
    s = world.service
    a, b = world.new_case(20), world.new_case(21)
    d1 = s.add_attachment(world.rita, a, filename="order.pdf", content=b"%PDF order")
    d2 = s.add_attachment(world.rita, b, filename="copy.pdf", content=b"%PDF order")
    assert d1 == d2
    assert s.attachment(world.auditor, d1).content == b"%PDF order"
    with world.store.read() as session:
        from sqlalchemy import func, select

        from scrutiny.store.models import Attachment, CaseAttachment

        assert session.scalar(select(func.count()).select_from(Attachment)) == 1
        assert session.scalar(select(func.count()).select_from(CaseAttachment)) == 2
