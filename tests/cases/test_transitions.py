"""The transition table: every allowed transition works, every other one is refused with a
StateError that names the state and what is allowed from it."""

from __future__ import annotations

import pytest

from case_world import World, make_review
from scrutiny.cases.states import TRANSITIONS, Transition, allowed_transitions, next_state
from scrutiny.cases.vocab import CaseState
from scrutiny.errors import StateError

S = CaseState
T = Transition
HIGH = make_review("reject", unmet=("legality",))
NORMAL = make_review("comply")
SOFT_REJECT = make_review("reject", unmet=("necessity",))

_counter = iter(range(10_000))


def reach(w: World, state: CaseState, *, high: bool = False, pending: str = "comply") -> int:
    """A fresh case in ``state`` reached through the services."""
    s = w.service
    review = HIGH if high or state is S.AWAITING_APPROVAL else (
        SOFT_REJECT if state in (S.REJECTED, S.CLOSED) else NORMAL)
    cid = w.new_case(next(_counter), review=review)
    if state is S.RECEIVED:
        return cid
    if state is S.WITHDRAWN:
        s.withdraw(w.intake, cid, reason="the authority withdrew the demand")
        return cid
    s.start_review(w.rita, cid)
    if state is S.IN_REVIEW:
        return cid
    if state is S.AWAITING_CLARIFICATION:
        s.request_clarification(w.rita, cid, ["Which court authorised this order?"])
    elif state is S.AWAITING_APPROVAL:
        s.decide(w.rita, cid, pending, ["decision pending approval"],
                 override_reason=None if pending == "reject" else "override: order is lawful")
    elif state in (S.DECIDED, S.EXECUTED):
        s.decide(w.rita, cid, "comply", ["lawful and proportionate"])
        if state is S.EXECUTED:
            s.execute(w.rita, cid)
            s.notify(w.rita, cid)
    elif state in (S.REJECTED, S.CLOSED):
        s.decide(w.rita, cid, "reject", ["not necessary"])
        if state is S.CLOSED:
            s.close(w.rita, cid)
    case = w.reader.detail(w.rita, cid, with_history=False)
    assert case["state"] == state.value
    return cid


def attempt(w: World, transition: Transition, cid: int) -> CaseState:
    """Carry out ``transition`` through its service method; returns the new state."""
    s = w.service
    calls = {
        T.START_REVIEW: lambda: s.start_review(w.rita, cid),
        T.REQUEST_CLARIFICATION: lambda: s.request_clarification(w.rita, cid, ["Which law?"]),
        T.RESUME_REVIEW: lambda: s.resume_review(w.rita, cid, answer="the authority answered"),
        T.DECIDE: lambda: s.decide(w.rita, cid, "comply", ["fine"],
                                   override_reason="override: checked with counsel"),
        T.REJECT: lambda: s.decide(w.rita, cid, "reject", ["unlawful"],
                                   override_reason="override: no legal basis given"),
        T.SUBMIT_FOR_APPROVAL: lambda: s.decide(w.rita, cid, "reject", ["unlawful"]),
        T.APPROVE: lambda: s.approve(w.lena, cid),
        T.APPROVE_REJECTION: lambda: s.approve(w.lena, cid),
        T.RETURN_FOR_REVIEW: lambda: s.return_for_review(w.lena, cid,
                                                         note="scope must be narrowed first"),
        T.EXECUTE: lambda: s.execute(w.rita, cid),
        T.WITHDRAW: lambda: s.withdraw(w.intake, cid, reason="withdrawn by letter of 3 March"),
        T.REOPEN: lambda: s.reopen(w.lena, cid, reason="court order compels compliance"),
        T.CLOSE: lambda: s.close(w.rita, cid),
    }
    return calls[transition]().state


def test_table_is_complete() -> None:
    assert set(TRANSITIONS) == set(Transition)
    reachable = {S.RECEIVED} | {target for _, target in TRANSITIONS.values()}
    assert reachable == set(CaseState)
    assert allowed_transitions(S.CLOSED) == []
    with pytest.raises(StateError) as info:
        next_state(S.CLOSED, T.START_REVIEW, case_id=7)
    assert "case 7 is closed" in info.value.message
    assert "none (final state)" in str(info.value)


@pytest.mark.parametrize("transition", list(Transition), ids=lambda t: t.value)
def test_transition_from_every_state(world: World, transition: Transition) -> None:
    sources, target = TRANSITIONS[transition]
    for state in CaseState:
        cid = reach(world, state,
                    high=transition is T.SUBMIT_FOR_APPROVAL and state is S.IN_REVIEW,
                    pending="reject" if transition is T.APPROVE_REJECTION else "comply")
        version = world.reader.detail(world.rita, cid, with_history=False)["version"]
        if state in sources:
            assert attempt(world, transition, cid) is target, (state, transition)
            after = world.reader.detail(world.rita, cid)
            assert after["version"] == version + 1
            assert after["history"][-1]["after"]["transition"] == transition.value
        else:
            with pytest.raises(StateError) as info:
                attempt(world, transition, cid)
            err = info.value
            assert err.code == "state.invalid_transition"
            assert f"is {state.value}" in err.message
            assert err.details["allowed"] == [t.value for t in allowed_transitions(state)]
            unchanged = world.reader.detail(world.rita, cid, with_history=False)
            assert unchanged["state"] == state.value and unchanged["version"] == version
