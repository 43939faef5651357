"""Independent authorisation of removal and account action: baseline and a pack's opt-in."""

from __future__ import annotations

from pathlib import Path

from scrutiny.demands.model import Demand
from scrutiny.policy import Reference, load_policy
from scrutiny.safeguards import Status, review

PACK = ("id: vetted\ntitle: Vetted regulators\nversion: '1'\nextends: gni-baseline\n"
        "effective_from: 2024-01-01\n")
LEVELS = ("as_of: 2025-01-01\nrequirements:\n  content_restriction:\n"
          "    accepted_authority_kinds: [regulator]\n")


def _order(kind: str, **extra: object) -> Demand:
    return Demand.model_validate({
        "requester": {"country": "IE", "authority": "Coimisiún na Meán", "authority_kind": kind},
        "date": "2025-03-01", "demand_types": ["content_restriction"],
        "actions": ["restrict_in_country"], "process_type": "administrative_order", **extra,
    })


def _pack(tmp_path: Path) -> Path:
    folder = tmp_path / "vetted"
    folder.mkdir()
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "process_levels.yaml").write_text(LEVELS, encoding="utf-8")
    return folder


def test_baseline_regulator_order_is_unmet(reference: Reference) -> None:
    verdict = review(_order("regulator"), None, reference).verdict("independent_authorisation")
    assert verdict is not None and verdict.status is Status.UNMET
    assert verdict.codes == ("independent_authorisation.insufficient",)


def test_a_pack_accepting_vetted_regulators_meets_it(tmp_path: Path,
                                                     reference: Reference) -> None:
    policy = load_policy(_pack(tmp_path))
    verdict = review(_order("regulator"), policy, reference).verdict("independent_authorisation")
    assert verdict is not None and verdict.status is Status.MET
    assert verdict.codes == ("independent_authorisation.designated_authority",)
    # Only the listed kind: a ministry's order stays unmet under the same pack.
    other = review(_order("ministry"), policy, reference).verdict("independent_authorisation")
    assert other is not None and other.status is Status.UNMET
    # A demand showing the body is not independent does not pass.
    dep = review(_order("regulator", judicial_authorisation={"independent": False}), policy,
                 reference).verdict("independent_authorisation")
    assert dep is not None and dep.status is Status.UNMET


def test_measures_are_listed_in_the_demands_order(reference: Reference) -> None:
    """The review does not depend on set iteration order (which varies between runs)."""
    policy = load_policy()
    for types in (["preservation", "interception"], ["interception", "preservation"]):
        demand = Demand.model_validate({
            "requester": {"country": "US", "authority": "District Court",
                          "authority_kind": "court"},
            "date": "2024-03-01", "demand_types": types, "process_type": "court_order",
            "judicial_authorisation": {"present": True}, "data_categories": ["subscriber"]})
        verdict = review(demand, policy, reference).verdict("independent_authorisation")
        assert verdict is not None and verdict.status is Status.MET, verdict
        assert verdict.reasons[0].endswith(f"enough for {', '.join(types)}."), verdict
