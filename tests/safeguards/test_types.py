"""The review's JSON shape round-trips (the case store and API rebuild reviews from it)."""

from __future__ import annotations

import dataclasses
import inspect
import json
from pathlib import Path

import pytest

from scrutiny.demands.model import Demand
from scrutiny.policy import Policy, Reference
from scrutiny.safeguards import Recommendation, Review, review

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def test_review_round_trips_through_json(policy: Policy, reference: Reference) -> None:
    for path in sorted(GOLDEN.glob("*/*.json")):
        demand = Demand.model_validate(json.loads(path.read_text(encoding="utf-8"))["demand"])
        result = review(demand, policy, reference, demand.date)
        body = json.loads(json.dumps(result.to_dict()))
        again = Review.from_dict(body)
        assert again.to_dict() == body
        assert again.recommendation is result.recommendation
        assert [v.status for v in again.verdicts] == [v.status for v in result.verdicts]


def test_strictness_order() -> None:
    order = [Recommendation.COMPLY, Recommendation.COMPLY_NARROWED, Recommendation.CLARIFY,
             Recommendation.REJECT, Recommendation.ESCALATE]
    assert [r.strictness for r in order] == [0, 1, 2, 3, 4]


def test_review_make_equals_the_dataclass_constructor() -> None:
    names = [f.name for f in dataclasses.fields(Review)]
    assert list(inspect.signature(Review.make).parameters) == names, (
        "Review.make must take every field of Review, in order")
    values = ((), Recommendation.CLARIFY, ("r",), ("q",), None, "p", "2024-01-01", "1",
              "high", {"x": 1}, "v")
    made = Review.make(*values)
    assert made == Review(*values)
    assert made.to_dict() == Review(*values).to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.risk = "normal"  # type: ignore[misc]
