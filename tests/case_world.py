"""Builders shared by the case, audit and store tests (real types, explicit values)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from scrutiny.cases.guards import Actor
from scrutiny.cases.params import WorkflowParams
from scrutiny.cases.service import CaseService
from scrutiny.cases.users import UserService
from scrutiny.cases.views import CaseReader
from scrutiny.cases.vocab import Role
from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import DemandType
from scrutiny.safeguards.types import Recommendation, Review, Status, Verdict
from scrutiny.store.engine import Store

HIGH_RISK = frozenset({"legality", "independent_authorisation", "protected_expression",
                       "emergency_validity"})
SAFEGUARDS = ("legality", "requester_authenticity", "legitimate_aim", "necessity",
              "proportionality", "independent_authorisation", "emergency_validity",
              "protected_expression", "user_notification", "remedy")

PARAMS = WorkflowParams(
    policy_id="test-policy", policy_version="2026.1", high_risk_safeguards=HIGH_RISK,
    follow_up_days=5, emergency_response_hours=8, deferral_review_days=90,
    response_hours=MappingProxyType({t: 240 for t in DemandType}),
)
"""Test parameters (the shipped pack's values are checked in test_params.py)."""

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class Clock:
    """A settable clock."""

    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += dt.timedelta(**kw)


def make_review(recommendation: str = "comply", *, unmet: tuple[str, ...] = (),
                concern: tuple[str, ...] = (), risk: str | None = None) -> Review:
    """A review with one verdict per safeguard in SAFEGUARDS."""
    verdicts = []
    for s in SAFEGUARDS:
        status = (Status.UNMET if s in unmet else Status.CONCERN if s in concern
                  else Status.MET)
        verdicts.append(Verdict(s, status, (f"{s}.{status.value}",), (f"{s} is {status}",)))
    high = any(s in HIGH_RISK for s in unmet)
    return Review(verdicts=tuple(verdicts), recommendation=Recommendation(recommendation),
                  reasons=("test",), policy_id="test-policy", as_of="2026-03-01",
                  engine_version="test-1", risk=risk or ("high" if high else "normal"))


def make_demand(n: int = 0, **kw: Any) -> Demand:
    """A small valid disclosure demand; ``n`` makes its content unique."""
    data: dict[str, Any] = {
        "reference": f"REF-{n}",
        "requester": {"country": "DE", "authority": "Landeskriminalamt",
                      "authority_kind": "police"},
        "date": "2026-03-01",
        "demand_types": ["disclosure"],
        "actions": ["disclose_user_data"],
        "targets": [{"kind": "account", "value": f"user{n}a"},
                    {"kind": "email", "value": f"user{n}b@example.org"}],
        "data_categories": ["subscriber", "traffic"],
        "time_range": {"start": "2026-01-01", "end": "2026-02-28"},
        "reason_categories": ["fraud_scam"],
    }
    data.update(kw)
    return Demand.model_validate(data)


@dataclass
class World:
    """A store with people in every role and the services."""

    store: Store
    service: CaseService
    reader: CaseReader
    users: UserService
    clock: Clock
    admin: Actor
    intake: Actor
    rita: Actor
    rob: Actor
    lena: Actor
    leo: Actor
    auditor: Actor

    def new_case(self, n: int = 0, review: Review | None = None, **kw: Any) -> int:
        result = self.service.import_demand(self.intake, make_demand(n, **kw),
                                            review=review or make_review())
        return result.case_id


def make_world(url: str) -> World:
    store = Store(url)
    clock = Clock()
    users = UserService(store, clock=clock)
    users.add(None, "admin", [])
    admin = users.actor("admin")
    people = {
        "ivy": [Role.INTAKE], "rita": [Role.REVIEWER], "rob": [Role.REVIEWER],
        "lena": [Role.LEGAL_LEAD], "leo": [Role.LEGAL_LEAD], "ada": [Role.AUDITOR],
    }
    for name, roles in people.items():
        users.add(admin, name, roles)
    service = CaseService(store, PARAMS, reviewer=lambda d: make_review(), clock=clock)
    return World(store, service, CaseReader(store, clock=clock), users, clock, admin,
                 users.actor("ivy"), users.actor("rita"), users.actor("rob"),
                 users.actor("lena"), users.actor("leo"), users.actor("ada"))


def race_decide(url: str, case_id: int, version: int, username: str, barrier: Any,
                results: Any) -> None:
    """Process body for the concurrency test: wait at the barrier, then decide."""
    from scrutiny.errors import ScrutinyError

    store = Store(url, migrate=False)
    try:
        service = CaseService(store, PARAMS, reviewer=lambda d: make_review())
        actor = UserService(store).actor(username)
        barrier.wait(timeout=60)
        try:
            service.decide(actor, case_id, "comply", [f"decided by {username}"],
                           expected_version=version)
            results.put((username, "ok"))
        except ScrutinyError as exc:
            results.put((username, exc.code))
    finally:
        store.dispose()
