"""Authorisation levels: how independent the body behind a demand is (SAFEGUARDS.md §2)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["AuthLevel"]

_RANK = {"none": 0, "administrative": 1, "prosecutor": 2, "judicial": 3}


class AuthLevel(StrEnum):
    """Ordered level of authorisation: none < administrative < prosecutor < judicial.

    ``administrative`` covers police, ministries, agencies and regulators acting without a
    prosecutor or judge; ``prosecutor`` a public prosecutor (or grand-jury process);
    ``judicial`` a judge or court independent of the investigation (N&P P6).
    """

    NONE = "none"
    ADMINISTRATIVE = "administrative"
    PROSECUTOR = "prosecutor"
    JUDICIAL = "judicial"

    @property
    def rank(self) -> int:
        """Position in the order (0 = none … 3 = judicial)."""
        return _RANK[self.value]

    def __lt__(self, other: object) -> bool:
        if isinstance(other, AuthLevel):
            return self.rank < other.rank
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if isinstance(other, AuthLevel):
            return self.rank <= other.rank
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if isinstance(other, AuthLevel):
            return self.rank > other.rank
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if isinstance(other, AuthLevel):
            return self.rank >= other.rank
        return NotImplemented
