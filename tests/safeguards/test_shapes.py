"""Reusing a check's verdict for a demand of the same shape changes no review.

Some checks declare a *shape* (``registry.ShapeFunction``): every input their verdict
depends on. The engine reuses the verdict of an earlier demand of the same shape. Here
thousands of varied demands — every field and vocabulary value (hypothesis), the fields the
strategies leave out, and text spans on every field path a check may cite — are reviewed with
and without reuse, and every review must be identical: a shape that misses an input makes two
demands share a verdict they should not, and a reused verdict must carry this demand's spans,
not those of the demand it was first computed for.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from scrutiny.demands.model import Demand
from scrutiny.policy import Policy, Reference
from scrutiny.safeguards import REGISTRY, engine, review

from .strategies import demand_dicts

PATHS = [
    *(name for name in Demand.model_fields if name not in {"raw_text", "provenance"}),
    "requester.country", "requester.authority", "requester.authority_kind",
    "requester.official_contact", "requester.signed", "requester.verified",
    "judicial_authorisation.present", "judicial_authorisation.validation_due",
    "offence.max_penalty_years", "legal_bases[0]", "legal_bases[1]", "targets[0]",
    "targets[1]", "actions[0]",
    # Not demand fields: law-profile evidence (reference data) must never take these spans.
    "law_profiles.KE.powers", "law_profiles.KE.offences", "law_profiles.PH.offences",
]
"""Field paths a check may cite as evidence (the spans of each can vary between demands)."""
SPANS = ([{"start": 0, "end": 5}], [{"start": 10, "end": 20}, {"start": 30, "end": 31}])
TEXTS = ("x" * 40, "Art. 15, to protect public order, remove it")
"""Letter texts: legality reads the wording around a cited basis (a catch-all ground or not)."""
EXTRA = {"sanction_text": ["Fine of 1% of turnover", "Blocking of the service"],
         "recipient_agency": ["FSB", "Police"], "prior_preservation": ["Ref 1"]}


def _dicts() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    @settings(max_examples=400, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(demand_dicts())
    def collect(data: dict[str, Any]) -> None:
        out.append(data)

    collect()
    return out


def _variants(data: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """The demand as drawn, and with extra fields and text spans on some field paths."""
    spanned = dict(data)
    for key, values in EXTRA.items():
        spanned[key] = rng.choice([None, *values])
    spanned["raw_text"] = rng.choice(TEXTS)
    spanned["provenance"] = {path: rng.choice(SPANS) for path in PATHS if rng.random() < 0.3}
    return [data, spanned]


def _grid() -> list[dict[str, Any]]:
    """Cross-border demands over states, treaty routes, dates and kinds: the inputs whose
    combinations decide dual criminality and territorial scope (treaty parties by date,
    preservation only or not), which random draws seldom combine."""
    out: list[dict[str, Any]] = []
    for country, channel, date, types, reasons in itertools.product(
            ["RU", "DE", "BR", "KE", "CN", "GB", "US", None],
            [None, "none", "budapest_art29", "sap_art7", "uncc_art40", "mlat"],
            ["2003-01-01", "2010-06-01", "2024-01-01", None],
            [["preservation"], ["disclosure"], ["preservation", "disclosure"],
             ["content_restriction"]],
            [[], ["fraud_scam"], ["political_expression", "child_safety"]]):
        out.append({"requester": {"country": country, "authority_kind": "police"},
                    "date": date, "demand_types": types, "treaty_channel": channel,
                    "reason_categories": reasons, "data_categories": ["subscriber"],
                    "actions": ["remove"] if types == ["content_restriction"] else []})
    return out


@pytest.fixture(scope="module")
def corpus() -> list[Demand]:
    rng = random.Random(20261130)
    drawn = [v for d in _dicts() for v in _variants(d, rng)]
    return [Demand.model_validate(v) for v in drawn + _grid()]


def _reviews(corpus: list[Demand], policy: Policy, reference: Reference,
             shaped: bool) -> list[dict[str, Any]]:
    engine._PREPARED.clear()  # fresh memos
    old = engine.SHAPE_CACHE
    engine.SHAPE_CACHE = shaped
    try:
        return [review(d, policy, reference, d.date).to_dict() for d in corpus]
    finally:
        engine.SHAPE_CACHE = old


def test_reusing_verdicts_by_shape_changes_no_review(corpus: list[Demand], policy: Policy,
                                                     reference: Reference) -> None:
    fresh = _reviews(corpus, policy, reference, shaped=False)
    reused = _reviews(corpus, policy, reference, shaped=True)
    for demand, a, b in zip(corpus, fresh, reused, strict=True):
        assert a == b, demand.model_dump(mode="json", exclude_none=True)


def test_shaped_checks_do_reuse_verdicts(corpus: list[Demand], policy: Policy,
                                         reference: Reference) -> None:
    _reviews(corpus, policy, reference, shaped=True)
    shaped = [p for p in engine._prepare(engine.rules_for(policy, reference)) if p.shape]
    assert {p.id for p in shaped} == {c.id for c in REGISTRY.values() if c.shape}
    assert shaped, "no check declares a shape"
    for p in shaped:  # fewer shapes than demands: verdicts were reused
        assert 0 < len(p.memo) < len(corpus), (p.id, len(p.memo))


def test_a_shape_that_cannot_be_hashed_costs_only_the_reuse(policy: Policy,
                                                             reference: Reference) -> None:
    demand = Demand.model_validate({"requester": {"country": "RU", "authority_kind": "police"},
                                    "date": "2024-03-01", "demand_types": ["disclosure"],
                                    "confidentiality_requested": True})
    expected = review(demand, policy, reference).to_dict()
    check = REGISTRY["transparency"]
    REGISTRY["transparency"] = dataclasses.replace(check, shape=lambda f: [f.demand.id])
    engine._PREPARED.clear()
    try:
        got = review(demand, policy, reference).to_dict()
    finally:
        REGISTRY["transparency"] = check
        engine._PREPARED.clear()
    assert got == expected


def test_a_reused_verdict_takes_this_demands_spans_and_none_on_reference_evidence(
        policy: Policy, reference: Reference) -> None:
    """dual_criminality cites the demand's reasons and a law profile's offences (reference
    data). Reused for a letter, the verdict takes the letter's span on the reasons; a
    provenance entry that happens to be named like the profile evidence is not attached."""
    base = {"requester": {"country": "KE", "authority_kind": "police"}, "date": "2025-03-01",
            "demand_types": ["disclosure"], "reason_categories": ["fraud_scam"],
            "cross_border": True}
    plain = Demand.model_validate(base)
    letter = Demand.model_validate({
        **base, "raw_text": "Kenya Police, Nairobi: fraud; request for subscriber data",
        "provenance": {"reason_categories": [{"start": 22, "end": 27}],
                       "law_profiles.KE.offences": [{"start": 6, "end": 12}]}})
    engine._PREPARED.clear()
    fresh = review(letter, policy, reference).to_dict()
    engine._PREPARED.clear()
    review(plain, policy, reference)  # keeps the span-free verdict for this shape
    reused = review(letter, policy, reference).to_dict()
    engine._PREPARED.clear()
    assert reused == fresh
    verdict = next(v for v in reused["verdicts"] if v["safeguard"] == "dual_criminality")
    spans = {e["field"]: e["spans"] for e in verdict["evidence"]}
    assert spans["reason_categories"] == [[22, 27]]
    assert spans["law_profiles.KE.offences"] == []
