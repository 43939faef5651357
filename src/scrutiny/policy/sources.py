"""Source references carried by every policy value and reference datum (DESIGN.md §1–2)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Frozen", "Param", "SourceRef"]

T = TypeVar("T")


class Frozen(BaseModel):
    """Base of every data model here: immutable, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(Frozen):
    """A legal source: an instrument key of ``reference/instruments.yaml`` and a pinpoint.

    Attributes:
        instrument: registry key, e.g. ``EEV``, ``GC34``, ``SCA``.
        provision: pinpoint within the instrument, e.g. ``Art 4(1)``, ``¶38``, ``2703(c)(2)``.
        url: a deep link when the pinpoint has one (the instrument's URL is in the registry).
        verified: ``False`` when the pinpoint was not checked against an authentic text.
        note: what the source says, paraphrased.
    """

    instrument: str = Field(min_length=1)
    provision: str = Field(min_length=1)
    url: str | None = None
    verified: bool = True
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (same keys as :class:`scrutiny.safeguards.types.Source`)."""
        return {"instrument": self.instrument, "provision": self.provision, "url": self.url,
                "note": self.note, "verified": self.verified}


class Param(Frozen, Generic[T]):
    """One policy value with its own sources: ``value``, ``sources`` (at least one), ``note``."""

    value: T
    sources: tuple[SourceRef, ...] = Field(min_length=1)
    note: str | None = None
