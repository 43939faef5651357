"""The registry's contract: sources are structured, known and resolvable; docs are current."""

from __future__ import annotations

from pathlib import Path

from scrutiny.demands.model import Demand
from scrutiny.policy import Policy, Reference
from scrutiny.safeguards import ESCALATIONS, OVERRIDES, REGISTRY, Status, review
from scrutiny.safeguards.catalogue import catalogue_markdown
from scrutiny.safeguards.checks import CATALOGUE_ORDER
from scrutiny.safeguards.rules import rules_for

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_twenty_safeguards_in_catalogue_order() -> None:
    assert tuple(REGISTRY) == CATALOGUE_ORDER
    assert len(REGISTRY) == 20


def test_every_check_has_sources_a_test_and_questions() -> None:
    for check in REGISTRY.values():
        assert check.sources, f"{check.id} has no sources"
        assert len(check.test) > 80, f"{check.id}: docstring must state the legal test"
        assert check.questions, f"{check.id} has no questions to ask"
        assert check.codes, f"{check.id} documents no codes"


def test_every_cited_instrument_is_in_the_reference_registry(reference: Reference) -> None:
    known = set(reference.instruments)
    cited = [(c.id, s.instrument) for c in REGISTRY.values() for s in c.sources]
    cited += [(o.id, s.instrument) for o in OVERRIDES.values() for s in o.sources]
    cited += [(e.id, s.instrument) for e in ESCALATIONS for s in e.sources]
    unknown = [(who, key) for who, key in cited if key not in known]
    assert not unknown, f"instrument keys unknown to the reference registry: {unknown}"


def test_sources_resolve_to_urls(policy: Policy, reference: Reference) -> None:
    rules = rules_for(policy, reference)
    for check in REGISTRY.values():
        for s in rules.resolve(check.sources):
            assert s.url, f"{check.id}: {s.instrument} {s.provision} has no URL"


def test_uncc_pinpoints_are_flagged_unverified() -> None:
    for check in REGISTRY.values():
        for s in check.sources:
            if s.instrument == "UNCC":
                assert s.verified is False, f"{check.id}: UNCC {s.provision} must be unverified"


def test_overrides_name_registered_safeguards() -> None:
    for o in OVERRIDES.values():
        assert o.safeguard in REGISTRY
        assert o.sources


def test_a_broken_check_fails_closed(policy: Policy, reference: Reference,
                                     monkeypatch: object) -> None:
    import dataclasses

    check = REGISTRY["legality"]

    def boom(f: object) -> list[object]:
        raise RuntimeError("boom")

    broken = dataclasses.replace(check, function=boom)
    REGISTRY["legality"] = broken
    try:
        from scrutiny.safeguards import engine

        engine._PREPARED.clear()
        result = review(Demand(), policy, reference)
    finally:
        REGISTRY["legality"] = check
        engine._PREPARED.clear()
    v = result.verdict("legality")
    assert v is not None
    assert v.status is Status.UNKNOWN
    assert v.codes == ("legality.check_error",)
    assert v.questions
    assert result.recommendation.strictness >= 2


def test_safeguards_catalogue_is_up_to_date() -> None:
    path = DOCS / "safeguards.md"
    assert path.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/safeguards.md is stale: run `python -m scrutiny.safeguards.catalogue > "
        "docs/safeguards.md`")


def test_review_doc_mentions_every_recommendation_and_escalation() -> None:
    text = (DOCS / "review.md").read_text(encoding="utf-8")
    for word in ("comply", "comply_narrowed", "clarify", "reject", "escalate"):
        assert f"`{word}`" in text
    for e in ESCALATIONS:
        assert f"`{e.id}`" in text
