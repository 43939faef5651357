"""The letter as read, and cleaned views of it that map every offset back (DESIGN.md §11).

A :class:`Document` holds the text exactly as read — it is never edited — plus the parts it
was assembled from (an e-mail's headers, body and attachments). Extractors read *views*:
the output of named, pure cleaning steps (:func:`fold_compat`, :func:`collapse_space`), each of
which returns the new text with an :class:`OffsetMap` back to its input. :class:`View` chains
those maps, so any span found in a view is turned into a span of ``Document.text`` — the
``raw_text`` stored on the Demand — with :meth:`View.to_original`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

__all__ = [
    "CLEANING_STEPS",
    "Document",
    "OffsetMap",
    "Part",
    "View",
    "collapse_space",
    "fold_compat",
    "make_view",
]


@dataclass(frozen=True, slots=True)
class Part:
    """A named range of ``Document.text``: ``body``, ``headers``, ``attachment:letter.pdf``…"""

    name: str
    start: int
    end: int
    media_type: str = "text/plain"


@dataclass(frozen=True, slots=True)
class Document:
    """A letter as read.

    Attributes:
        text: the text exactly as read (decoded, with parts joined); never modified.
        source: where it came from (file name), for messages.
        media_type: the reader's input type (``text/plain``, ``message/rfc822``…).
        encoding: the detected character encoding, when the input was bytes.
        parts: the ranges of ``text`` each part occupies.
        metadata: facts the container gives beside the text (e-mail ``date``, ``from``…).
    """

    text: str
    source: str = "<text>"
    media_type: str = "text/plain"
    encoding: str | None = None
    parts: tuple[Part, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)


class OffsetMap:
    """Maps offsets of a cleaned text back to offsets of the text it was made from.

    Stored as edits: each edit replaced ``src[orig_start:orig_end]`` by
    ``out[out_start:out_end]``; offsets between edits shift by a constant. Identity maps
    have no edits.
    """

    __slots__ = ("_edits", "_out_starts")

    def __init__(self, edits: list[tuple[int, int, int, int]] | None = None) -> None:
        # (out_start, out_end, orig_start, orig_end), sorted by out_start
        self._edits = edits or []
        self._out_starts = [e[0] for e in self._edits]

    def __len__(self) -> int:
        return len(self._edits)

    def start(self, pos: int) -> int:
        """Original offset of the character at cleaned offset ``pos`` (a span start)."""
        i = bisect_right(self._out_starts, pos) - 1
        if i < 0:
            return pos
        _, out_end, orig_start, orig_end = self._edits[i]
        if pos < out_end:
            return orig_start
        return orig_end + (pos - out_end)

    def end(self, pos: int) -> int:
        """Original offset for a cleaned span end ``pos`` (exclusive)."""
        if pos <= 0:
            return self.start(pos)
        i = bisect_right(self._out_starts, pos - 1) - 1
        if i < 0:
            return pos
        _, out_end, _, orig_end = self._edits[i]
        if pos <= out_end:
            return orig_end
        return orig_end + (pos - out_end)


def _rewrite(text: str, pattern: re.Pattern[str],
             replace: Callable[[re.Match[str]], str]) -> tuple[str, OffsetMap]:
    pieces: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    last = 0
    out_len = 0
    for m in pattern.finditer(text):
        new = replace(m)
        if new == m.group():
            continue
        keep = text[last:m.start()]
        pieces.append(keep)
        out_len += len(keep)
        pieces.append(new)
        edits.append((out_len, out_len + len(new), m.start(), m.end()))
        out_len += len(new)
        last = m.end()
    if not edits:
        return text, OffsetMap()
    pieces.append(text[last:])
    return "".join(pieces), OffsetMap(edits)


@cache
def _compat_pattern() -> re.Pattern[str]:
    """A character class of the BMP characters that NFKC changes (built once, lazily)."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0xA0, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if unicodedata.normalize("NFKC", ch) != ch:
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
             for a, b in ranges]
    return re.compile("[" + "".join(parts) + "]+")


def fold_compat(text: str) -> tuple[str, OffsetMap]:
    """Cleaning step: Unicode compatibility folding (NFKC) of the characters it changes.

    Full-width punctuation (``，（）``) becomes ASCII, ``№`` becomes ``No``, no-break spaces
    become spaces. Pure: returns the new text and its map back to ``text``.
    """
    if text.isascii():
        return text, OffsetMap()
    return _rewrite(text, _compat_pattern(),
                    lambda m: unicodedata.normalize("NFKC", m.group()))


_SPACE_RUN = re.compile(r"\s{2,}|[\t\n\r\f\v\u2028\u2029]")


def collapse_space(text: str) -> tuple[str, OffsetMap]:
    """Cleaning step: every run of whitespace (line breaks included) becomes one space.

    Phrases wrapped over lines ("Федеральному\\nзакону") then match one pattern.
    """
    # every match (a run of two or more, or one line break or tab) becomes one space, so the
    # text is one C-level substitution and the map a list of the matches' spans
    spans = [m.span() for m in _SPACE_RUN.finditer(text)]
    if not spans:
        return text, OffsetMap()
    edits = []
    shift = 0
    for start, end in spans:
        out = start - shift
        edits.append((out, out + 1, start, end))
        shift += end - start - 1
    return _SPACE_RUN.sub(" ", text), OffsetMap(edits)


CLEANING_STEPS: dict[str, Callable[[str], tuple[str, OffsetMap]]] = {
    "fold_compat": fold_compat,
    "collapse_space": collapse_space,
}
"""The named cleaning steps, in the order :func:`make_view` applies them by default."""


@dataclass(frozen=True, slots=True)
class View:
    """A cleaned text and the chain of maps back to the original.

    Attributes:
        text: the cleaned text.
        steps: names of the steps applied, in order.
        maps: one :class:`OffsetMap` per step.
        lowered: ``text.lower()``, for anchor prefilters (not for offsets).
    """

    text: str
    steps: tuple[str, ...]
    maps: tuple[OffsetMap, ...]
    lowered: str = ""

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Turn a span of the view into the span of the original text it came from."""
        for m in reversed(self.maps):
            start, end = m.start(start), m.end(end)
        return start, max(start, end)


def make_view(text: str, steps: tuple[str, ...] = ("fold_compat", "collapse_space")) -> View:
    """Apply named cleaning steps to ``text``.

    Args:
        text: the original text (not modified).
        steps: names from :data:`CLEANING_STEPS`.

    Returns:
        The :class:`View`.
    """
    maps: list[OffsetMap] = []
    current = text
    for name in steps:
        current, omap = CLEANING_STEPS[name](current)
        maps.append(omap)
    return View(current, tuple(steps), tuple(maps), current.lower())
