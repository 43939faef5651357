"""Four eyes on high-risk decisions, and written reasons for overriding the engine."""

from __future__ import annotations

import dataclasses

import pytest

from case_world import PARAMS, World, make_review
from scrutiny.cases.service import CaseService
from scrutiny.cases.vocab import CaseState
from scrutiny.errors import InputError, PermissionDenied


def _decision(w: World, cid: int) -> dict:
    return w.reader.detail(w.rita, cid, with_history=False)["decisions"][-1]


@pytest.mark.parametrize("safeguard", sorted(PARAMS.high_risk_safeguards))
def test_unmet_high_risk_safeguard_needs_a_legal_lead_who_did_not_decide(
        world: World, safeguard: str) -> None:
    s = world.service
    cid = world.new_case(1, review=make_review("reject", unmet=(safeguard,)))
    s.start_review(world.lena, cid)
    case = s.decide(world.lena, cid, "reject", ["no independent authorisation"])
    assert case.state is CaseState.AWAITING_APPROVAL
    assert _decision(world, cid)["approval_grounds"] == [f"unmet:{safeguard}"]
    with pytest.raises(PermissionDenied) as own:
        s.approve(world.lena, cid)
    assert own.value.code == "permission.four_eyes"
    with pytest.raises(PermissionDenied) as reviewer:
        s.approve(world.rob, cid)
    assert reviewer.value.code == "permission.denied"
    assert "legal_lead" in str(reviewer.value)
    assert s.approve(world.leo, cid, note="agree").state is CaseState.REJECTED
    decision = _decision(world, cid)
    assert decision["status"] == "effective"
    assert [(a["verdict"], a["approver"]) for a in decision["approvals"]] == [("approve", "leo")]


def test_rejecting_an_emergency_needs_approval(world: World) -> None:
    s = world.service
    cid = world.new_case(2, review=make_review("reject", unmet=("necessity",)),
                         demand_types=["emergency_disclosure"], emergency_claimed=True)
    s.start_review(world.rita, cid)
    assert s.decide(world.rita, cid, "reject", ["no imminent danger shown"]).state \
        is CaseState.AWAITING_APPROVAL
    assert _decision(world, cid)["approval_grounds"] == ["reject_emergency"]
    assert s.return_for_review(world.lena, cid, note="call the requester back first").state \
        is CaseState.IN_REVIEW
    assert _decision(world, cid)["status"] == "returned"


def test_normal_decisions_and_clarification_need_no_approval(world: World) -> None:
    s = world.service
    cid = world.new_case(3, review=make_review("reject", unmet=("legality",)))
    s.start_review(world.rita, cid)
    assert s.request_clarification(world.rita, cid, ["Which statute?"]).state \
        is CaseState.AWAITING_CLARIFICATION
    other = world.new_case(4, review=make_review("comply"))
    s.start_review(world.rita, other)
    assert s.decide(world.rita, other, "comply", ["all met"]).state is CaseState.DECIDED


def test_high_risk_list_comes_from_the_policy(world: World) -> None:
    relaxed = dataclasses.replace(PARAMS, high_risk_safeguards=frozenset({"legality"}))
    s = CaseService(world.store, relaxed, clock=world.clock)
    cid = world.new_case(5, review=make_review("reject", unmet=("protected_expression",),
                                               risk="normal"))
    s.start_review(world.rita, cid)
    assert s.decide(world.rita, cid, "reject", ["protected speech"]).state is CaseState.REJECTED


def test_override_needs_a_written_reason(world: World) -> None:
    s = world.service
    cid = world.new_case(6, review=make_review("comply"))
    s.start_review(world.rita, cid)
    with pytest.raises(InputError) as info:
        s.decide(world.rita, cid, "reject", ["I disagree"])
    assert info.value.code == "decision.override_reason_required"
    with pytest.raises(InputError):
        s.decide(world.rita, cid, "reject", ["I disagree"], override_reason="no")
    s.decide(world.rita, cid, "reject", ["overbroad"],
             override_reason="the engine missed that the account belongs to a journalist")
    d = _decision(world, cid)
    assert d["followed_recommendation"] is False
    assert d["override_reason"].startswith("the engine missed")
    assert d["recommendation"] == "comply"


def test_decision_needs_reasons_and_a_known_outcome(world: World) -> None:
    s = world.service
    cid = world.new_case(7)
    s.start_review(world.rita, cid)
    with pytest.raises(InputError, match="reasons"):
        s.decide(world.rita, cid, "comply", ["  "])
    with pytest.raises(InputError, match="unknown outcome"):
        s.decide(world.rita, cid, "maybe", ["x"])


def test_comply_narrowed_records_the_exact_scope(world: World) -> None:
    s = world.service
    cid = world.new_case(8, review=make_review("comply_narrowed", concern=("proportionality",)))
    s.start_review(world.rita, cid)
    with pytest.raises(InputError) as info:
        s.decide(world.rita, cid, "comply_narrowed", ["narrow"],
                 scope=[{"target": 0, "data_categories": ["content"]}])
    assert info.value.code == "decision.scope_invalid"
    with pytest.raises(InputError):
        s.decide(world.rita, cid, "comply_narrowed", ["narrow"],
                 scope=[{"target": 5}])
    with pytest.raises(InputError):
        s.decide(world.rita, cid, "comply_narrowed", ["narrow"],
                 scope=[{"target": 0, "time_range": ["2025-12-01", "2026-01-31"]}])
    s.decide(world.rita, cid, "comply_narrowed", ["subscriber data only, one account"],
             scope=[{"target": 0, "data_categories": ["subscriber"],
                     "time_range": ["2026-02-01", "2026-02-28"]}])
    scope = _decision(world, cid)["scope"]
    assert scope[0]["release"] is True
    assert scope[0]["data_categories"] == ["subscriber"]
    assert scope[0]["time_range"] == ["2026-02-01", "2026-02-28"]
    assert scope[1]["release"] is False and scope[1]["value"] == "user8b@example.org"
