"""Concern labels derived from verdict codes (scrutiny.safeguards.concerns)."""

from __future__ import annotations

from scrutiny.demands.model import Demand
from scrutiny.policy import Policy, Reference
from scrutiny.safeguards import REGISTRY, review
from scrutiny.safeguards.concerns import CONCERN_CODES, concern_labels


def test_every_mapped_code_is_a_documented_code() -> None:
    documented = {code for check in REGISTRY.values() for code in check.codes}
    for label, codes in CONCERN_CODES.items():
        for code in codes:
            assert code in documented or code == "independent_authorisation.unshown", (label,
                                                                                        code)


def test_bare_register_notice_raises_the_reviewer_concerns(policy: Policy,
                                                          reference: Reference) -> None:
    demand = Demand.model_validate({
        "requester": {"country": "RU", "authority": "Roskomnadzor", "authority_kind": "regulator"},
        "date": "2020-06-09", "demand_types": ["content_restriction"],
        "actions": ["remove", "restrict_in_country"], "process_type": "administrative_order",
        "judicial_authorisation": {"present": False},
        "targets": [{"kind": "url", "value": "https://vulkanolog.github.io"}],
    })
    assert concern_labels(review(demand, policy, reference)) == [
        "no_legal_basis", "no_independent_authorisation"]


def test_catch_all_wording_next_to_the_citation_is_vague(policy: Policy,
                                                         reference: Reference) -> None:
    text = ("According to Article 15 of the Measures, providers shall not publish information "
            "spreading rumors, disturbing social order. Please delete the link.")
    start = text.index("Article 15")
    demand = Demand.model_validate({
        "requester": {"country": "CN", "authority_kind": "police"},
        "demand_types": ["content_restriction"], "actions": ["remove"],
        "process_type": "administrative_order",
        "legal_bases": [{"text": "Article 15 of the Measures"}],
        "targets": [{"kind": "url", "value": "https://x.example/a"}],
        "raw_text": text,
        "provenance": {"legal_bases[0]": [{"start": start, "end": start + 26}]},
    })
    result = review(demand, policy, reference)
    legality = result.verdict("legality")
    assert legality is not None and "legality.vague_basis" in legality.codes
    labels = concern_labels(result)
    assert "vague_legal_basis" in labels and "global_instead_of_local" in labels
