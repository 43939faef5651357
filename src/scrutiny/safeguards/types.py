"""Verdicts, sources, evidence and the review: the engine's output types.

Immutable and cheap to build: verdicts and evidence are named tuples (the engine makes ~20
verdicts and dozens of evidence items per review), the rest frozen slotted dataclasses.
``to_dict``/``from_dict`` give the stable JSON shape used by the CLI (--json), the case store
and the API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any, NamedTuple

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

    @property
    def strictness(self) -> int:
        """Rank in the strictness order (docs/review.md): higher means less is released now.

        comply (0) < comply_narrowed (1) < clarify (2) < reject (3) < escalate (4).
        """
        return _STRICTNESS[self]


_STRICTNESS = {
    Recommendation.COMPLY: 0,
    Recommendation.COMPLY_NARROWED: 1,
    Recommendation.CLARIFY: 2,
    Recommendation.REJECT: 3,
    Recommendation.ESCALATE: 4,
}


@dataclass(frozen=True, slots=True)
class Source:
    """A legal source applied by a check: instrument key (registry), pinpoint, URL."""

    instrument: str
    provision: str
    url: str | None = None
    note: str | None = None
    verified: bool = True
    """False where the pinpoint was only partly checked (SAFEGUARDS.md §6)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of a source."""
        return {"instrument": self.instrument, "provision": self.provision, "url": self.url,
                "note": self.note, "verified": self.verified}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


class Evidence(NamedTuple):
    """What in the demand a verdict rests on: a field path, its value, and text spans.

    An immutable named tuple (cheap to build: the engine makes several per check). ``value``
    is kept as the demand holds it (enums, dates, tuples); :meth:`to_dict` makes it JSON.
    """

    field: str
    value: Any = None
    spans: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of a piece of evidence."""
        return {"field": self.field, "value": _jsonable(self.value),
                "spans": [list(s) for s in self.spans]}


class Verdict(NamedTuple):
    """The result of one safeguard check (an immutable named tuple: ~20 are built per review).

    Attributes:
        safeguard: the check's id.
        status: met, concern, unmet, unknown or not_applicable.
        codes: stable codes (``<safeguard>.<reason>``), documented in docs/safeguards.md.
        reasons: plain-language explanations.
        evidence: the fields, values and text spans the verdict rests on.
        sources: the legal sources applied (with URLs).
        questions: what to ask the authority (for unknown and concern).
        overrides: ids of labelled exceptions applied (``scrutiny.safeguards.overrides``).
        narrowing: a scope that would resolve this verdict's problem, when one exists.
    """

    safeguard: str
    status: Status
    codes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[Source, ...] = ()
    questions: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()
    narrowing: Narrowing | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of a verdict."""
        return {
            "safeguard": self.safeguard,
            "status": self.status.value,
            "codes": list(self.codes),
            "reasons": list(self.reasons),
            "evidence": [e.to_dict() for e in self.evidence],
            "sources": [s.to_dict() for s in self.sources],
            "questions": list(self.questions),
            "overrides": list(self.overrides),
            "narrowing": self.narrowing.to_dict() if self.narrowing is not None else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        """Rebuild a verdict from :meth:`to_dict` output."""
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
            overrides=tuple(data.get("overrides", ())),
            narrowing=(Narrowing.from_dict(data["narrowing"])
                       if data.get("narrowing") is not None else None),
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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Narrowing:
        """Rebuild a narrowing from :meth:`to_dict` output."""
        def _tuple(key: str) -> tuple[str, ...] | None:
            value = data.get(key)
            return tuple(value) if value is not None else None

        tr = data.get("time_range")
        return cls(
            targets=_tuple("targets"),
            data_categories=_tuple("data_categories"),
            time_range=(tr[0], tr[1]) if tr is not None else None,
            territory=data.get("territory"),
            reasons=tuple(data.get("reasons", ())),
        )


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
    policy_version: str = ""

    def verdict(self, safeguard: str) -> Verdict | None:
        """The verdict of one safeguard, or ``None`` if it was not reviewed."""
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
            "policy_version": self.policy_version,
            "extras": self.extras,
        }

    @classmethod
    def make(cls, verdicts: tuple[Verdict, ...], recommendation: Recommendation,
             reasons: tuple[str, ...], questions: tuple[str, ...], narrowing: Narrowing | None,
             policy_id: str, as_of: str, engine_version: str, risk: str,
             extras: dict[str, Any], policy_version: str) -> Review:
        """Build a review from every field, in declaration order (the engine's fast path).

        Equal to ``Review(...)`` with the same values; it fills the slots directly instead of
        going through the frozen dataclass ``__init__`` (a third of the cost).
        """
        obj = _object_new(cls)
        _SET_VERDICTS(obj, verdicts)
        _SET_RECOMMENDATION(obj, recommendation)
        _SET_REASONS(obj, reasons)
        _SET_QUESTIONS(obj, questions)
        _SET_NARROWING(obj, narrowing)
        _SET_POLICY_ID(obj, policy_id)
        _SET_AS_OF(obj, as_of)
        _SET_ENGINE_VERSION(obj, engine_version)
        _SET_RISK(obj, risk)
        _SET_EXTRAS(obj, extras)
        _SET_POLICY_VERSION(obj, policy_version)
        return obj

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Review:
        """Rebuild a review from :meth:`to_dict` output (case store, API)."""
        return cls(
            verdicts=tuple(Verdict.from_dict(v) for v in data.get("verdicts", ())),
            recommendation=Recommendation(data["recommendation"]),
            reasons=tuple(data.get("reasons", ())),
            questions=tuple(data.get("questions", ())),
            narrowing=(Narrowing.from_dict(data["narrowing"])
                       if data.get("narrowing") is not None else None),
            policy_id=data.get("policy_id", ""),
            as_of=data.get("as_of", ""),
            engine_version=data.get("engine_version", ""),
            risk=data.get("risk", "normal"),
            extras=dict(data.get("extras") or {}),
            policy_version=data.get("policy_version", ""),
        )


_object_new = object.__new__
# The slot descriptors of Review by field name (Review.make fills them directly).
_SLOTS = vars(Review)
_SET_VERDICTS = _SLOTS["verdicts"].__set__
_SET_RECOMMENDATION = _SLOTS["recommendation"].__set__
_SET_REASONS = _SLOTS["reasons"].__set__
_SET_QUESTIONS = _SLOTS["questions"].__set__
_SET_NARROWING = _SLOTS["narrowing"].__set__
_SET_POLICY_ID = _SLOTS["policy_id"].__set__
_SET_AS_OF = _SLOTS["as_of"].__set__
_SET_ENGINE_VERSION = _SLOTS["engine_version"].__set__
_SET_RISK = _SLOTS["risk"].__set__
_SET_EXTRAS = _SLOTS["extras"].__set__
_SET_POLICY_VERSION = _SLOTS["policy_version"].__set__
