"""Small helpers shared by the check modules (statuses, pinpoint detection)."""

from __future__ import annotations

import re
from functools import lru_cache

from scrutiny.demands.model import LegalBasis
from scrutiny.safeguards.types import Status

__all__ = ["CONCERN", "MET", "NA", "UNKNOWN", "UNMET", "has_pinpoint"]

MET = Status.MET
CONCERN = Status.CONCERN
UNMET = Status.UNMET
UNKNOWN = Status.UNKNOWN
NA = Status.NOT_APPLICABLE

_PINPOINT = re.compile(
    r"(\b(art|arts|article|articles|section|sec|s|§|para|paragraph|rule|clause|ст|стать\w*|"
    r"статьи|пункт|п|ч|часть|части|artículo|artículos|art[ií]culo)\b\.?\s*\d)|(第.{1,6}条)|(§\s*\d)",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)
def _pinpointed(text: str) -> bool:
    return _PINPOINT.search(text) is not None


def has_pinpoint(basis: LegalBasis) -> bool:
    """Whether a cited basis names a specific provision (article, section, paragraph)."""
    if basis.provision:
        return True
    return _pinpointed(basis.text)
