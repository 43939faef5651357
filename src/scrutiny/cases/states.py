"""The case state machine: one ``state`` per case and a declared transition table.

Pure data and one lookup function. Each transition is carried out by the service method of
the same name (:class:`scrutiny.cases.service.CaseService`), which checks the guards (roles,
four eyes, written reasons) and writes the audit event of the same name.

Main path: received → in_review → decided → executed → closed. Side paths: in_review ⇄
awaiting_clarification; in_review → awaiting_approval (four eyes) → decided / rejected, or back
to in_review; in_review → rejected → closed (or reopened to in_review); any open state →
withdrawn → closed. ``docs/cases.md`` has the full table.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType

from scrutiny.cases.vocab import CaseState
from scrutiny.errors import StateError

__all__ = [
    "OPEN_STATES",
    "TRANSITIONS",
    "Transition",
    "allowed_transitions",
    "next_state",
]

S = CaseState


class Transition(StrEnum):
    """Named transitions; each is one service method and one audit event type."""

    START_REVIEW = "start_review"
    REQUEST_CLARIFICATION = "request_clarification"
    RESUME_REVIEW = "resume_review"
    DECIDE = "decide"
    REJECT = "reject"
    SUBMIT_FOR_APPROVAL = "submit_for_approval"
    APPROVE = "approve"
    APPROVE_REJECTION = "approve_rejection"
    RETURN_FOR_REVIEW = "return_for_review"
    EXECUTE = "execute"
    WITHDRAW = "withdraw"
    REOPEN = "reopen"
    CLOSE = "close"


TRANSITIONS: MappingProxyType[Transition, tuple[frozenset[CaseState], CaseState]] = (
    MappingProxyType({
        Transition.START_REVIEW: (frozenset({S.RECEIVED}), S.IN_REVIEW),
        Transition.REQUEST_CLARIFICATION: (frozenset({S.IN_REVIEW}), S.AWAITING_CLARIFICATION),
        Transition.RESUME_REVIEW: (frozenset({S.AWAITING_CLARIFICATION}), S.IN_REVIEW),
        Transition.DECIDE: (frozenset({S.IN_REVIEW}), S.DECIDED),
        Transition.REJECT: (frozenset({S.IN_REVIEW}), S.REJECTED),
        Transition.SUBMIT_FOR_APPROVAL: (frozenset({S.IN_REVIEW}), S.AWAITING_APPROVAL),
        Transition.APPROVE: (frozenset({S.AWAITING_APPROVAL}), S.DECIDED),
        Transition.APPROVE_REJECTION: (frozenset({S.AWAITING_APPROVAL}), S.REJECTED),
        Transition.RETURN_FOR_REVIEW: (frozenset({S.AWAITING_APPROVAL}), S.IN_REVIEW),
        Transition.EXECUTE: (frozenset({S.DECIDED}), S.EXECUTED),
        Transition.WITHDRAW: (
            frozenset({S.RECEIVED, S.IN_REVIEW, S.AWAITING_CLARIFICATION, S.AWAITING_APPROVAL,
                       S.DECIDED}),
            S.WITHDRAWN,
        ),
        Transition.REOPEN: (frozenset({S.REJECTED}), S.IN_REVIEW),
        Transition.CLOSE: (frozenset({S.EXECUTED, S.REJECTED, S.WITHDRAWN}), S.CLOSED),
    })
)
"""``transition -> (states it may start from, state it leads to)``."""

OPEN_STATES = frozenset({S.RECEIVED, S.IN_REVIEW, S.AWAITING_APPROVAL, S.DECIDED})
"""States in which the response deadline runs (paused while awaiting clarification)."""


def allowed_transitions(state: CaseState) -> list[Transition]:
    """The transitions that may start from ``state``, in table order."""
    return [t for t, (sources, _) in TRANSITIONS.items() if state in sources]


def next_state(
    state: CaseState, transition: Transition, *, case_id: int | None = None
) -> CaseState:
    """The state ``transition`` leads to from ``state``.

    Raises:
        StateError: the transition is not allowed from ``state``; the message lists what is.
    """
    sources, target = TRANSITIONS[transition]
    if state not in sources:
        allowed = ", ".join(t.value for t in allowed_transitions(state)) or "none (final state)"
        where = f"case {case_id}" if case_id is not None else "the case"
        raise StateError(
            f"cannot {transition.value.replace('_', ' ')}: {where} is {state.value}",
            hint=f"allowed from {state.value}: {allowed}",
            details={"state": state.value, "transition": transition.value,
                     "allowed": [t.value for t in allowed_transitions(state)]},
        )
    return target
