"""A gap finding: which provision, which rule, why (in the text's own words), where, and by
which standard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrutiny.instruments.model import Span
from scrutiny.safeguards.types import Source

__all__ = ["INSTRUMENT_LEVEL", "Finding"]

INSTRUMENT_LEVEL = "instrument"
"""The ``provision`` of findings about the instrument as a whole (e.g. no gender clause)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One gap found by a detector.

    Attributes:
        provision: id of the node the finding is about (``art 15(2)``, ``s 12``), or
            :data:`INSTRUMENT_LEVEL`.
        code: stable finding code (``safeguard.discretionary``).
        detector: the detector that produced it (``discretion``).
        title: the code's short title.
        reason: plain-language reason quoting the words of the text.
        span: the exact words concerned in the original text (empty for instrument-level
            findings).
        quote: the text of ``span``.
        standard: the standard the provision departs from.
        sources: where that standard comes from.
    """

    provision: str
    code: str
    detector: str
    title: str
    reason: str
    span: Span
    quote: str
    standard: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "provision": self.provision,
            "code": self.code,
            "detector": self.detector,
            "title": self.title,
            "reason": self.reason,
            "span": list(self.span),
            "quote": self.quote,
            "standard": self.standard,
            "sources": [s.to_dict() for s in self.sources],
        }
