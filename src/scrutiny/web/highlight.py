"""Split a letter into segments so that every extracted value is marked where it stands.

Pure function over ``Demand.raw_text`` and its provenance spans (plus, optionally, the spans
a verdict's evidence points at). The template escapes every segment; nothing here builds HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Segment", "field_label", "segments"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text and the fields whose spans cover all of it (empty: not extracted)."""

    text: str
    start: int
    end: int
    fields: tuple[str, ...] = ()


def field_label(path: str) -> str:
    """A readable label for a field path: ``requester.authority`` -> ``requester authority``."""
    return path.replace(".", " ").replace("_", " ")


def segments(
    text: str,
    spans: Mapping[str, Sequence[tuple[int, int]]],
) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece lists the fields covering it.

    Spans out of range are clipped; empty spans are ignored; overlapping spans are kept
    (a piece covered by two fields lists both).

    Args:
        text: the original letter, unmodified.
        spans: field path -> list of ``(start, end)`` offsets into ``text``.
    """
    n = len(text)
    cuts = {0, n}
    clean: list[tuple[int, int, str]] = []
    for field, ranges in spans.items():
        for start, end in ranges:
            s, e = max(0, min(start, n)), max(0, min(end, n))
            if e > s:
                clean.append((s, e, field))
                cuts.update((s, e))
    points = sorted(cuts)
    out: list[Segment] = []
    for s, e in pairwise(points):
        if e <= s:
            continue
        covering = tuple(sorted({f for fs, fe, f in clean if fs <= s and e <= fe}))
        if out and out[-1].fields == covering:
            prev = out[-1]
            out[-1] = Segment(prev.text + text[s:e], prev.start, e, covering)
        else:
            out.append(Segment(text[s:e], s, e, covering))
    return out
