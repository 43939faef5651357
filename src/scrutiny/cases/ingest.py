"""Turning a demand and its review into rows: content hash, indexed columns, tags, verdicts.

Pure functions (no database session): the import service and the import benchmark's
floor both build exactly these rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from scrutiny.audit.chain import canonical_json
from scrutiny.cases.params import WorkflowParams
from scrutiny.cases.rules import risk_of
from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import DemandType, TargetKind
from scrutiny.safeguards.types import Review
from scrutiny.store.types import pack_json

__all__ = [
    "PRIMARY_TYPE_ORDER",
    "ImportItem",
    "content_hash",
    "deadline_for",
    "demand_columns",
    "demand_tags",
    "is_emergency",
    "primary_type",
    "review_body",
    "review_columns",
    "verdict_rows",
]


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One demand to import.

    Attributes:
        demand: the demand (from JSON, or read from a letter by intake).
        source: where it came from (file name, ``file:line``), for people.
        original: the bytes of the original letter, stored as an attachment.
        filename: the original's file name.
        review: a review already computed (else the service runs the engine).
    """

    demand: Demand
    source: str | None = None
    original: bytes | None = None
    filename: str | None = None
    review: Review | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.demand, self.original)


def content_hash(demand: Demand, original: bytes | None = None, *,
                 body: dict[str, Any] | None = None) -> str:
    """The idempotency key: SHA-256 of the original letter's bytes, or of the demand's
    canonical JSON (without its Scrutiny ``id``) when it arrived as structured data.

    ``body`` is ``demand.dump()`` when the caller already has it.
    """
    if original is not None:
        return hashlib.sha256(original).hexdigest()
    data = dict(body) if body is not None else demand.dump()
    data.pop("id", None)
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def is_emergency(demand: Demand) -> bool:
    """Whether the demand is an emergency request (type, process or claim)."""
    return bool(
        DemandType.EMERGENCY_DISCLOSURE in demand.demand_types
        or demand.emergency_claimed
        or (demand.process_type is not None and demand.process_type.value == "emergency_request")
    )


def deadline_for(demand: Demand, received_at: dt.datetime,
                 params: WorkflowParams) -> dt.datetime | None:
    """Response deadline: the hours the demand states, else the policy default."""
    hours: float | None = demand.deadline.hours if demand.deadline else None
    if hours is None:
        hours = params.default_hours(list(demand.demand_types), is_emergency(demand))
    return received_at + dt.timedelta(hours=hours) if hours is not None else None


PRIMARY_TYPE_ORDER = ("emergency_disclosure", "interception", "disclosure", "content_restriction",
                      "account_action", "preservation")
"""Which of a demand's types leads (``cases.primary_type``); migration 0005 uses the same."""


def primary_type(demand: Demand) -> str | None:
    """The demand's leading type in :data:`PRIMARY_TYPE_ORDER` (``None`` without types)."""
    kinds = {str(t.value) for t in demand.demand_types}
    for kind in PRIMARY_TYPE_ORDER:
        if kind in kinds:
            return kind
    return min(kinds) if kinds else None


def demand_columns(demand: Demand, *, digest: str, source: str | None,
                   received_at: dt.datetime, body: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
    """The ``demands`` row (without its id)."""
    req = demand.requester
    return {
        "content_hash": digest,
        "source": source,
        "reference": demand.reference,
        "country": req.country,
        "authority": req.authority,
        "authority_kind": req.authority_kind.value if req.authority_kind else None,
        "process_type": demand.process_type.value if demand.process_type else None,
        "channel": demand.channel.value if demand.channel else None,
        "cross_border": demand.cross_border,
        "treaty_channel": demand.treaty_channel.value if demand.treaty_channel else None,
        "emergency": is_emergency(demand),
        "judicial_authorisation": demand.judicial_authorisation.present,
        "confidentiality_requested": demand.confidentiality_requested,
        "reporting_prohibited": demand.reporting_prohibited,
        "territorial_scope": demand.territorial_scope.value if demand.territorial_scope else None,
        "target_count": len(demand.targets),
        "account_count": sum(1 for t in demand.targets if t.kind is TargetKind.ACCOUNT),
        "letter_date": demand.date,
        "received_at": received_at,
        "body": body if body is not None else demand.dump(),
    }


TAG_FACETS = ("demand_types", "actions", "data_categories", "reason_categories",
              "target_profiles")


def demand_tags(demand: Demand) -> list[tuple[str, str]]:
    """``(facet, value)`` pairs for the list-valued facets (facet names are singular)."""
    out: list[tuple[str, str]] = []
    for attr in TAG_FACETS:
        facet = attr[:-1] if attr.endswith("s") else attr
        for value in dict.fromkeys(v.value for v in getattr(demand, attr)):
            out.append((facet, value))
    return out


def review_body(review: Review) -> dict[str, Any]:
    """The full review JSON as stored (``Review.to_dict`` plus extras and policy version)."""
    body = review.to_dict()
    body["extras"] = review.extras
    body.setdefault("policy_version", getattr(review, "policy_version", None))
    return body


def review_columns(review: Review, body: dict[str, Any], params: WorkflowParams,
                   *, created_at: dt.datetime) -> dict[str, Any]:
    """The ``reviews`` row (without ids)."""
    return {
        "created_at": created_at,
        "policy_id": review.policy_id or params.policy_id,
        "policy_version": body.get("policy_version") or (
            params.policy_version if review.policy_id == params.policy_id else None),
        "as_of": review.as_of,
        "engine_version": review.engine_version,
        "recommendation": review.recommendation.value,
        "risk": risk_of(body, params),
        "body_z": pack_json(body),
    }


def verdict_rows(review: Review) -> list[dict[str, Any]]:
    """One ``verdicts`` row per verdict (without the review id)."""
    return [{"safeguard": v.safeguard, "status": v.status.value, "codes": list(v.codes)}
            for v in review.verdicts]
