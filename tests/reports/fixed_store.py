"""A small fixed case store for golden tests: eleven cases in 2026H1, one after it."""

from __future__ import annotations

import datetime as dt

from storefill import CaseSpec


def T(*a: int) -> dt.datetime:
    return dt.datetime(*a, tzinfo=dt.UTC)


FIXED: list[CaseSpec] = [
    # 1 DE disclosure, complied (executed after 30 h), one user notified
    CaseSpec("DE", ["disclosure"], T(2026, 1, 10, 9), accounts=2, targets=2, ack_h=1,
             outcome="comply", executed_h=30, state="executed", followed=True,
             notices=[("notified", 40)], verdicts={"legality": "met", "necessity": "concern"}),
    # 2 DE disclosure, narrowed against a "clarify" recommendation (override), notice deferred
    CaseSpec("DE", ["disclosure"], T(2026, 2, 3, 9), ack_h=2, outcome="comply_narrowed",
             executed_h=50, state="executed", recommendation="clarify", followed=False,
             notices=[("deferred", 10)],
             verdicts={"legality": "concern", "necessity": "concern"}),
    # 3 DE content restriction (hate speech), national scope -> geo-restricted
    CaseSpec("DE", ["content_restriction"], T(2026, 3, 1, 12), reason="hate_speech",
             scope="national", targets=3, ack_h=0.5, outcome="comply", executed_h=5,
             state="executed", followed=True,
             verdicts={"legality": "met", "protected_expression": "met"}),
    # 4 FR emergency disclosure (also disclosure), follow-up received
    CaseSpec("FR", ["disclosure", "emergency_disclosure"], T(2026, 3, 15, 0),
             process="emergency_request", judicial=False, ack_h=0.2, outcome="comply",
             executed_h=2, state="executed", followed=True, followup=("received", 3, 60),
             verdicts={"emergency_validity": "met"}),
    # 5 FR content restriction (defamation), rejected; the company's challenge upheld
    CaseSpec("FR", ["content_restriction"], T(2026, 4, 2, 8), reason="defamation_insult",
             ack_h=3, outcome="reject", state="rejected", recommendation="reject",
             followed=True, appeals=[("company", "upheld", 200)],
             verdicts={"legality": "unmet", "protected_expression": "unmet"}),
    # 6 RU content restriction via a terms-of-service flag, rejected
    CaseSpec("RU", ["content_restriction"], T(2026, 4, 20, 8), reason="political_expression",
             channel="tos_flag", process="informal_letter", judicial=False, ack_h=4,
             outcome="reject", state="rejected", recommendation="reject", followed=True,
             verdicts={"legality": "unmet", "protected_expression": "unmet"}),
    # 7 RU disclosure by MLAT, still in review
    CaseSpec("RU", ["disclosure"], T(2026, 5, 5, 8), process="mlat", cross_border=True,
             treaty="mlat", ack_h=6, state="in_review", recommendation="clarify",
             verdicts={"dual_criminality": "unknown"}),
    # 8 US subpoena with a reporting restriction; complied; user appeal dismissed
    CaseSpec("US", ["disclosure"], T(2026, 5, 20, 8), process="subpoena", judicial=False,
             prohibited=True, ack_h=1, outcome="comply", executed_h=100, state="executed",
             followed=True, notices=[("not_possible", 5)],
             appeals=[("user", "dismissed", 300)], verdicts={"legality": "met"}),
    # 9 US preservation, complied
    CaseSpec("US", ["preservation"], T(2026, 6, 1, 8), ack_h=1, outcome="comply",
             executed_h=1, state="executed", followed=True),
    # 10 TR account action, withdrawn by the authority
    CaseSpec("TR", ["account_action"], T(2026, 6, 10, 8), ack_h=2, state="withdrawn",
             recommendation=None),
    # 11 DE disclosure received late in June, not yet decided
    CaseSpec("DE", ["disclosure"], T(2026, 6, 29, 8), ack_h=1, state="received",
             recommendation=None),
    # 12 after the period
    CaseSpec("DE", ["disclosure"], T(2026, 7, 5, 8), ack_h=1, state="received",
             recommendation=None),
]
