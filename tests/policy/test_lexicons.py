"""Wording markers as policy data: lexicons.yaml loads strictly, with sources, and drives checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scrutiny.demands.model import Demand
from scrutiny.errors import PolicyError
from scrutiny.policy import load_policy, load_reference
from scrutiny.safeguards import Status, review

LISTS = ("catch_all", "all_records", "boilerplate", "unreviewable", "free_webmail", "harm_words")


def test_baseline_lexicons_carry_sources() -> None:
    lex = load_policy().lexicons
    for name in LISTS:
        param = getattr(lex, name)
        assert param.value and param.sources, name
    assert "public order" in lex.catch_all.value
    assert "@gmail." in lex.free_webmail.value
    assert "death" in lex.harm_words.value


def test_upper_case_marker_is_rejected(make_pack: Callable[..., Path]) -> None:
    text = ("as_of: 2025-01-01\ncatch_all:\n  value: [\"Public Order\"]\n"
            "  sources: [{instrument: GC34, provision: \"¶25\"}]\n")
    with pytest.raises(PolicyError) as err:
        load_policy(make_pack(files={"lexicons.yaml": text}))
    assert "lexicons.yaml" in str(err.value) and "lower case" in str(err.value)


def test_unknown_list_is_rejected(make_pack: Callable[..., Path]) -> None:
    text = ("as_of: 2025-01-01\ncatch_al:\n  value: [x]\n"
            "  sources: [{instrument: GC34, provision: \"¶25\"}]\n")
    with pytest.raises(PolicyError) as err:
        load_policy(make_pack(files={"lexicons.yaml": text}))
    assert "catch_al" in str(err.value)


def test_a_pack_list_drives_the_legality_check(make_pack: Callable[..., Path]) -> None:
    demand = Demand.model_validate({
        "requester": {"country": "TH", "authority": "Agency", "authority_kind": "ministry"},
        "date": "2025-03-01", "demand_types": ["content_restriction"],
        "process_type": "administrative_order",
        "legal_bases": [{"text": "Law 12 art 5 (protection of the harmony of society)"}],
    })
    reference = load_reference()
    base = review(demand, load_policy(), reference).verdict("legality")
    assert base is not None and "legality.vague_basis" not in base.codes
    text = ("as_of: 2025-01-01\ncatch_all:\n  value: [\"harmony of society\"]\n"
            "  sources: [{instrument: GC34, provision: \"¶25\"}]\n")
    policy = load_policy(make_pack(files={"lexicons.yaml": text}))
    got = review(demand, policy, reference).verdict("legality")
    assert got is not None and "legality.vague_basis" in got.codes
    assert got.status is Status.CONCERN
    assert policy.lexicons.free_webmail == load_policy().lexicons.free_webmail  # inherited
