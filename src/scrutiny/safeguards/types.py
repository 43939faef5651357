"""Verdicts, sources, evidence and the review: the engine's output types.

Plain slotted dataclasses (the engine runs for every demand, and these are built ~20 times
per review); ``to_dict``/``from_dict`` give the stable JSON shape used by the CLI (--json),
the case store and the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "Evidence",
    "Narrowing",
    "Recommendation",
    "Review",
    "Source",
    "Status",
    "Verdict",
]


class Status(StrEnum):
    """Outcome of one safeguard check (SAFEGUARDS.md §0)."""

    MET = "met"
    CONCERN = "concern"
    UNMET = "unmet"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Recommendation(StrEnum):
    """What the engine proposes; a person decides."""

    COMPLY = "comply"
    COMPLY_NARROWED = "comply_narrowed"
    CLARIFY = "clarify"
    REJECT = "reject"
    ESCALATE = "escalate"


@dataclass(frozen=True, slots=True)
class Source:
    """A legal source applied by a check: instrument key (registry), pinpoint, URL."""

    instrument: str
    provision: str
    url: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"instrument": self.instrument, "provision": self.provision, "url": self.url,
                "note": self.note}


@dataclass(frozen=True, slots=True)
class Evidence:
    """What in the demand a verdict rests on: a field path, its value, and text spans."""

    field: str
    value: Any = None
    spans: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value,
                "spans": [list(s) for s in self.spans]}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result of one safeguard check."""

    safeguard: str
    status: Status
    codes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[Source, ...] = ()
    questions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "safeguard": self.safeguard,
            "status": self.status.value,
            "codes": list(self.codes),
            "reasons": list(self.reasons),
            "evidence": [e.to_dict() for e in self.evidence],
            "sources": [s.to_dict() for s in self.sources],
            "questions": list(self.questions),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        return cls(
            safeguard=data["safeguard"],
            status=Status(data["status"]),
            codes=tuple(data.get("codes", ())),
            reasons=tuple(data.get("reasons", ())),
            evidence=tuple(Evidence(e["field"], e.get("value"),
                                    tuple((int(s[0]), int(s[1])) for s in e.get("spans", ())))
                           for e in data.get("evidence", ())),
            sources=tuple(Source(**s) for s in data.get("sources", ())),
            questions=tuple(data.get("questions", ())),
        )


@dataclass(frozen=True, slots=True)
class Narrowing:
    """The scope the company could release under ``comply_narrowed``.

    ``None`` in a field means "no narrowing proposed on that dimension".
    """

    targets: tuple[str, ...] | None = None
    data_categories: tuple[str, ...] | None = None
    time_range: tuple[str | None, str | None] | None = None
    territory: str | None = None
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "targets": list(self.targets) if self.targets is not None else None,
            "data_categories": (list(self.data_categories)
                                if self.data_categories is not None else None),
            "time_range": list(self.time_range) if self.time_range is not None else None,
            "territory": self.territory,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class Review:
    """The whole review of one demand; reproducible from (demand, policy, as_of)."""

    verdicts: tuple[Verdict, ...]
    recommendation: Recommendation
    reasons: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    narrowing: Narrowing | None = None
    policy_id: str = ""
    as_of: str = ""
    engine_version: str = ""
    risk: str = "normal"
    extras: dict[str, Any] = field(default_factory=dict)

    def verdict(self, safeguard: str) -> Verdict | None:
        for v in self.verdicts:
            if v.safeguard == safeguard:
                return v
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "recommendation": self.recommendation.value,
            "reasons": list(self.reasons),
            "questions": list(self.questions),
            "narrowing": self.narrowing.to_dict() if self.narrowing else None,
            "verdicts": [v.to_dict() for v in self.verdicts],
            "policy_id": self.policy_id,
            "as_of": self.as_of,
            "engine_version": self.engine_version,
            "risk": self.risk,
        }
