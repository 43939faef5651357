"""Hypothesis strategies generating valid Demands (every field, every vocabulary value)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import (
    Action,
    AuthorityKind,
    Channel,
    DataCategory,
    DemandType,
    ProcessType,
    ReasonCategory,
    SensitiveCategory,
    TargetKind,
    TargetProfile,
    TechnicalAssistance,
    TerritorialScope,
    TreatyChannel,
)

__all__ = ["demand_dicts", "demands"]

COUNTRIES = ["US", "RU", "CN", "DE", "IT", "ES", "HK", "BR", "IN", "TR", "GB", "FR", "SE", "NG"]
TEXTS = st.sampled_from([
    "", "Criminal Code art 282", "public order", "all information", "for investigation purposes",
    "A child was kidnapped and her life is in danger", "fraud causing financial loss",
    "This decision is final and not subject to appeal", "Appeal to the court within 30 days",
    "Law 149-FZ", "none", "Federal Law No. 398-FZ art 15.3", "spreading rumours",
    "The account sent the ransom e-mails; subscriber data alone cannot show who logged in.",
])


def _enum_list(enum: Any, max_size: int = 3) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from([e.value for e in enum]), max_size=max_size, unique=True)


def _opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


DATES = st.dates(min_value=dt.date(2002, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def _time_range(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(_opt(DATES))
    end = draw(_opt(DATES))
    if start and end and end < start:
        start, end = end, start
    return {"start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None}


_TARGET = st.fixed_dictionaries({
    "kind": st.sampled_from([k.value for k in TargetKind]),
    "value": st.sampled_from(["https://x.example/a", "user1", "a@b.example", "+15550100",
                              "203.0.113.5", "[private]", "John Smith"]),
    "redacted": st.booleans(),
})


@st.composite
def demand_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A dict that validates as a Demand, drawing every field the checks read."""
    return {
        "requester": {
            "country": draw(_opt(st.sampled_from(COUNTRIES))),
            "authority": draw(_opt(st.sampled_from(["Roskomnadzor", "Police", "Court"]))),
            "authority_kind": draw(_opt(st.sampled_from([k.value for k in AuthorityKind]))),
            "official_contact": draw(_opt(st.sampled_from(["x@gmail.com", "desk@police.example"]))),
            "signed": draw(_opt(st.booleans())),
            "verified": draw(_opt(st.booleans())),
        },
        "date": draw(_opt(DATES.map(dt.date.isoformat))),
        "channel": draw(_opt(st.sampled_from([c.value for c in Channel]))),
        "in_writing": draw(_opt(st.booleans())),
        "translation_provided": draw(_opt(st.booleans())),
        "demand_types": draw(_enum_list(DemandType)),
        "actions": draw(_enum_list(Action)),
        "legal_bases": draw(st.lists(st.fixed_dictionaries({
            "text": TEXTS.filter(bool), "public": _opt(st.booleans())}), max_size=2)),
        "process_type": draw(_opt(st.sampled_from([p.value for p in ProcessType]))),
        "judicial_authorisation": {
            "present": draw(_opt(st.booleans())),
            "independent": draw(_opt(st.booleans())),
            "validation_due": draw(_opt(DATES.map(dt.date.isoformat))),
        },
        "targets": draw(st.lists(_TARGET, max_size=4)),
        "data_categories": draw(_enum_list(DataCategory)),
        "data_fields": draw(st.lists(TEXTS, max_size=2)),
        "time_range": draw(_opt(_time_range())),
        "reason_categories": draw(_enum_list(ReasonCategory)),
        "stated_purpose": draw(_opt(TEXTS)),
        "offence": draw(_opt(st.fixed_dictionaries({
            "text": _opt(TEXTS), "max_penalty_years": _opt(st.floats(0, 30))}))),
        "facts_summary": draw(_opt(TEXTS)),
        "necessity_statement": draw(_opt(TEXTS)),
        "proceeding_reference": draw(_opt(st.just("Case 12/2024"))),
        "deadline": draw(_opt(st.fixed_dictionaries({"hours": _opt(st.floats(0, 500))}))),
        "threat_of_sanction": draw(_opt(st.booleans())),
        "staff_threatened": draw(_opt(st.booleans())),
        "monitoring_required": draw(_opt(st.booleans())),
        "emergency_claimed": draw(_opt(st.booleans())),
        "emergency_justification": draw(_opt(TEXTS)),
        "followup_process_committed": draw(_opt(st.booleans())),
        "confidentiality_requested": draw(_opt(st.booleans())),
        "confidentiality_until": draw(_opt(DATES.map(dt.date.isoformat))),
        "confidentiality_basis": draw(_opt(TEXTS)),
        "reporting_prohibited": draw(_opt(st.booleans())),
        "territorial_scope": draw(_opt(st.sampled_from([s.value for s in TerritorialScope]))),
        "cross_border": draw(_opt(st.booleans())),
        "treaty_channel": draw(_opt(st.sampled_from([t.value for t in TreatyChannel]))),
        "redress_info": draw(_opt(TEXTS)),
        "purpose_limitation": draw(_opt(st.booleans())),
        "onward_transfer": draw(_opt(st.booleans())),
        "technical_assistance": draw(_enum_list(TechnicalAssistance, 2)),
        "user_is_minor": draw(_opt(st.booleans())),
        "sensitive_categories": draw(_enum_list(SensitiveCategory, 2)),
        "target_profiles": draw(_enum_list(TargetProfile, 2)),
    }


demands = demand_dicts().map(Demand.model_validate)
"""Valid Demands."""
