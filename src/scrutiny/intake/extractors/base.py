"""The common result shape of extractors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = ["Found"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """One extracted value.

    Attributes:
        value: the value (a vocabulary code, a label, a number…).
        spans: ``(start, end)`` offsets in the *original* text it was read from.
        confidence: how sure the extractor is, 0–1.
        extractor: the extractor's name (recorded in provenance).
    """

    value: T
    spans: tuple[tuple[int, int], ...]
    confidence: float
    extractor: str
    extra: dict[str, str] = field(default_factory=dict)
