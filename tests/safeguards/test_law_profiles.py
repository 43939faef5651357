"""Law profiles in the review: the requesting state's analysed law, with provenance."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scrutiny.demands.model import Demand
from scrutiny.errors import PolicyError
from scrutiny.policy import Policy, Reference, load_reference
from scrutiny.policy.reference import REFERENCE_DIR
from scrutiny.safeguards import Status, review


def _demand(country: str, **extra: object) -> Demand:
    data: dict[str, object] = {
        "requester": {"country": country, "authority": "Agency", "authority_kind": "prosecutor"},
        "date": "2024-01-01", "demand_types": ["disclosure"], "data_categories": ["subscriber"]}
    data.update(extra)
    return Demand.model_validate(data)


def test_reference_loads_the_shipped_profiles(reference: Reference) -> None:
    assert set(reference.law_profile_countries()) >= {"PH", "KE", "SG", "ZW"}
    ph = reference.law_profile("ph")
    assert ph is not None and ph.jurisdiction == "PH"
    production = ph.power("production")
    assert production is not None and production.court_order_required
    assert reference.law_profile("RU") is None


def test_domestic_court_requirement_cites_the_provision(policy: Policy,
                                                        reference: Reference) -> None:
    verdict = review(_demand("PH"), policy, reference).verdict("independent_authorisation")
    assert verdict is not None and verdict.status is Status.UNMET
    assert "independent_authorisation.domestic_law_requires_court" in verdict.codes
    cited = [e for e in verdict.evidence if e.field == "law_profiles.PH.powers"]
    assert cited and "s 14" in cited[0].value and "court warrant" in cited[0].value
    assert "characters 22313-22764" in cited[0].value
    assert any(s.instrument == "ICCPR" and s.provision == "Art 17(1)" for s in verdict.sources)
    # Same demand from a state without a profile: the policy level alone decides (met).
    other = review(_demand("FR"), policy, reference).verdict("independent_authorisation")
    assert other is not None and other.status is Status.MET


def test_a_court_order_satisfies_the_domestic_requirement(policy: Policy,
                                                          reference: Reference) -> None:
    demand = _demand("PH", judicial_authorisation={"present": True})
    verdict = review(demand, policy, reference).verdict("independent_authorisation")
    assert verdict is not None and verdict.status is Status.MET


def test_dual_criminality_cites_profile_offences(policy: Policy, reference: Reference) -> None:
    demand = _demand("KE", reason_categories=["fraud_scam"], cross_border=True)
    verdict = review(demand, policy, reference).verdict("dual_criminality")
    assert verdict is not None and verdict.status is Status.MET
    cited = [e.value for e in verdict.evidence if e.field == "law_profiles.KE.offences"]
    assert any("s 26(1)" in v for v in cited)


def test_profile_naming_another_state_is_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    shutil.copy(folder / "law_profiles" / "PH.yaml", folder / "law_profiles" / "KE.yaml")
    ref = load_reference(folder)
    with pytest.raises(PolicyError, match="does not match"):
        ref.law_profile("KE")
