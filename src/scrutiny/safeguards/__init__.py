"""The review engine: one check per safeguard, verdicts, and the roll-up to a recommendation.

>>> from scrutiny.safeguards import REGISTRY, review
>>> result = review(demand)            # policy and reference default to the shipped data
>>> result.recommendation, [v.status for v in result.verdicts]
"""

from __future__ import annotations

from scrutiny.safeguards.engine import ENGINE_VERSION, review
from scrutiny.safeguards.overrides import OVERRIDES, Override
from scrutiny.safeguards.registry import REGISTRY, Applies, Check, Finding
from scrutiny.safeguards.rollup import ESCALATIONS
from scrutiny.safeguards.types import (
    Evidence,
    Narrowing,
    Recommendation,
    Review,
    Source,
    Status,
    Verdict,
)

__all__ = [
    "ENGINE_VERSION",
    "ESCALATIONS",
    "OVERRIDES",
    "REGISTRY",
    "Applies",
    "Check",
    "Evidence",
    "Finding",
    "Narrowing",
    "Override",
    "Recommendation",
    "Review",
    "Source",
    "Status",
    "Verdict",
    "review",
]
