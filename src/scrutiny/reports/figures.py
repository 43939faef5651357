"""Published figures: a count that is exact or a closed integer range (banded).

Pure values. A :class:`Count` with ``lo == hi`` is exact; otherwise the true value is some
integer in ``[lo, hi]`` and the report says so ("0–249").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Count", "total"]


@dataclass(frozen=True, slots=True, order=True)
class Count:
    """A count as published: exact (``lo == hi``) or a range ``lo``–``hi``.

    Attributes:
        lo: smallest value the count may have.
        hi: largest value the count may have.
    """

    lo: int
    hi: int

    def __post_init__(self) -> None:
        if self.lo < 0 or self.hi < self.lo:
            raise ValueError(f"bad count range {self.lo}–{self.hi}")

    @classmethod
    def exact(cls, value: int) -> Count:
        """An exact count."""
        return cls(value, value)

    @property
    def is_exact(self) -> bool:
        """Whether the count is published exactly."""
        return self.lo == self.hi

    @property
    def value(self) -> int | None:
        """The exact value, or ``None`` for a range."""
        return self.lo if self.lo == self.hi else None

    def __add__(self, other: Count) -> Count:
        return Count(self.lo + other.lo, self.hi + other.hi)

    def contains(self, value: int) -> bool:
        """Whether ``value`` is consistent with this figure."""
        return self.lo <= value <= self.hi

    def text(self) -> str:
        """Human form: ``1,234`` or ``0–249``."""
        if self.is_exact:
            return f"{self.lo:,}"
        return f"{self.lo:,}–{self.hi:,}"

    def to_json(self) -> dict[str, Any]:
        """``{"value": n}`` when exact, else ``{"value": null, "min": lo, "max": hi}``."""
        if self.is_exact:
            return {"value": self.lo}
        return {"value": None, "min": self.lo, "max": self.hi}


def total(counts: Iterable[Count]) -> Count:
    """The interval sum of ``counts`` (exact only when every part is exact)."""
    lo = hi = 0
    for c in counts:
        lo += c.lo
        hi += c.hi
    return Count(lo, hi)
