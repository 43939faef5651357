"""Property tests of the engine (hypothesis).

- the engine never raises, and no check errors, on any valid demand;
- supplying a missing element that a safeguard asks for never makes the recommendation
  stricter (strictness order: comply < comply_narrowed < clarify < reject < escalate);
- removing a judicial authorisation never makes it more permissive;
- the same inputs give the same review.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny.demands.model import Demand
from scrutiny.policy import load_policy, load_reference
from scrutiny.safeguards import Status, review

from .strategies import demand_dicts

POLICY = load_policy()
REFERENCE = load_reference()
EXAMPLES = int(os.environ.get("SCRUTINY_PROPERTY_EXAMPLES", "120"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _review(data: dict[str, Any]):  # type: ignore[no-untyped-def]
    demand = Demand.model_validate(data)
    return review(demand, POLICY, REFERENCE, demand.date)


@SETTINGS
@given(demand_dicts())
def test_engine_never_raises_and_no_check_errors(data: dict[str, Any]) -> None:
    result = _review(data)
    assert len(result.verdicts) == 20
    for v in result.verdicts:
        assert not any(c.endswith(".check_error") for c in v.codes), (v.codes, v.reasons)
        if v.status in (Status.UNKNOWN, Status.CONCERN):
            assert v.questions, v.safeguard
        assert v.sources
    if result.recommendation.value == "clarify":
        assert result.questions


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], bool]:
    """Supply ``value`` at ``path`` if it is missing; return whether anything changed."""
    keys = path.split(".")

    def apply(data: dict[str, Any]) -> bool:
        node = data
        for k in keys[:-1]:
            if node.get(k) is None:
                node[k] = {}
            node = node[k]
        if node.get(keys[-1]) in (None, []):
            node[keys[-1]] = copy.deepcopy(value)
            return True
        return False

    return apply


# Elements the safeguards ask for, supplied in the form that satisfies them.
SUPPLIERS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "legal basis": _set("legal_bases", [{"text": "Code of Criminal Procedure art 100"}]),
    "judicial authorisation": _set("judicial_authorisation.present", True),
    "verification": _set("requester.verified", True),
    "in writing": _set("in_writing", True),
    "redress": _set("redress_info", "Appeal to the district court within 30 days."),
    "necessity": _set("necessity_statement",
                      "The account sent the threats; a lighter step would not identify it."),
    "facts": _set("facts_summary", "Threats sent from the account on 3 May."),
    "purpose limitation": _set("purpose_limitation", True),
    "follow-up": _set("followup_process_committed", True),
    "proceeding": _set("proceeding_reference", "Case 12/2024"),
    "authority name": _set("requester.authority", "Public Prosecutor's Office"),
    "confidentiality basis": _set("confidentiality_basis", "court order, risk to a witness"),
    "confidentiality end": _set("confidentiality_until", "2031-01-01"),
    "translation": _set("translation_provided", True),
    "signature": _set("requester.signed", True),
}


@SETTINGS
@given(demand_dicts(), st.sampled_from(sorted(SUPPLIERS)))
def test_supplying_a_missing_element_never_makes_it_stricter(data: dict[str, Any],
                                                            element: str) -> None:
    before = _review(data)
    changed = copy.deepcopy(data)
    if not SUPPLIERS[element](changed):
        return
    after = _review(changed)
    assert after.recommendation.strictness <= before.recommendation.strictness, (
        element, before.recommendation, after.recommendation, after.reasons)


@SETTINGS
@given(demand_dicts())
def test_removing_judicial_authorisation_never_makes_it_more_permissive(
        data: dict[str, Any]) -> None:
    data["judicial_authorisation"]["present"] = True
    before = _review(data)
    removed = copy.deepcopy(data)
    # The authorisation goes (with the court's decision and who gave it); other facts stay,
    # such as the date an emergency demand's validation is due: dropping that too would test
    # removing information, whose property is the converse one above.
    removed["judicial_authorisation"].update(present=False, court_decision=None,
                                             authorised_by=None)
    after = _review(removed)
    assert after.recommendation.strictness >= before.recommendation.strictness, (
        before.recommendation, after.recommendation, after.reasons)


@settings(max_examples=50, deadline=None)
@given(demand_dicts())
def test_same_inputs_same_review(data: dict[str, Any]) -> None:
    assert _review(data).to_dict() == _review(copy.deepcopy(data)).to_dict()
