"""Scenario tests: tests/scenarios/<safeguard>.yaml, read by people and run here.

Each scenario is a sentence, a minimal demand and the expected verdict of that safeguard
(status, codes it must include, overrides, narrowing). A meta-test enforces that every
safeguard has at least one met, one unmet-or-concern and one unknown scenario.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scrutiny.demands.model import Demand
from scrutiny.policy import Policy, Reference
from scrutiny.safeguards import REGISTRY, review

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def _load() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["safeguard"] == path.stem, f"{path.name}: safeguard must match the file name"
        for sc in data["scenarios"]:
            out.append((data["safeguard"], sc))
    return out


ALL = _load()


@pytest.mark.parametrize(("safeguard", "scenario"), ALL,
                         ids=[f"{s}: {sc['name']}" for s, sc in ALL])
def test_scenario(safeguard: str, scenario: dict[str, Any], policy: Policy,
                  reference: Reference) -> None:
    demand = Demand.model_validate(scenario["demand"])
    result = review(demand, policy, reference, demand.date)
    verdict = result.verdict(safeguard)
    assert verdict is not None
    expect = scenario["expect"]
    assert verdict.status.value == expect["status"], (verdict.codes, verdict.reasons)
    for code in expect.get("codes", ()):
        assert code in verdict.codes, verdict.codes
    for code in verdict.codes:
        assert code in REGISTRY[safeguard].codes or code.endswith(
            (".not_applicable", ".check_error")), f"undocumented code {code}"
    for override in expect.get("overrides", ()):
        assert override in verdict.overrides
    if "narrowing" in expect:
        assert verdict.narrowing is not None
        got = verdict.narrowing.to_dict()
        for key, value in expect["narrowing"].items():
            assert got[key] == value, got
    if verdict.status.value in ("unknown", "concern"):
        assert verdict.questions, "unknown and concern verdicts must carry questions"


def test_every_safeguard_has_the_triad() -> None:
    seen: dict[str, set[str]] = {sid: set() for sid in REGISTRY}
    for safeguard, scenario in ALL:
        seen[safeguard].add(scenario["expect"]["status"])
    missing = {}
    for sid, statuses in seen.items():
        lack = []
        if "met" not in statuses:
            lack.append("met")
        if not statuses & {"unmet", "concern"}:
            lack.append("unmet-or-concern")
        if "unknown" not in statuses:
            lack.append("unknown")
        if lack:
            missing[sid] = lack
    assert not missing, f"safeguards lacking scenarios: {missing}"


def test_scenario_files_cover_exactly_the_registry() -> None:
    assert {p.stem for p in SCENARIOS.glob("*.yaml")} == set(REGISTRY)
