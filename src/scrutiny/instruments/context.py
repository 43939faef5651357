"""What the detectors share: the document, the rule data, and the units they read.

A *unit* is a first-level part of an article or section (a numbered paragraph or
subsection with everything below it, or the provision's own opening words); offence units
and power units are the units that create an offence or grant a power. Sentences are split
inside a unit so that findings point at the exact words concerned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from scrutiny.instruments.findings import Finding
from scrutiny.instruments.model import Document, Kind, Provision, Span
from scrutiny.instruments.rules import Rules

__all__ = ["Context", "Unit", "quote"]

_SENTENCE_END = re.compile(r"(?<=[.;:—])\s+(?=[A-Z(“\"])|(?<=[;:])\s+")


def quote(text: str, limit: int = 160) -> str:
    """A short quotation: whitespace collapsed, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Unit:
    """A first-level part of a provision."""

    node: Provision
    top: Provision
    span: Span  # the unit's words: own text of the node and of everything below it
    text: str


class Context:
    """The document and rules a detector run reads, with cached derived views."""

    def __init__(self, doc: Document, rules: Rules) -> None:
        self.doc = doc
        self.rules = rules
        self.cache: dict[str, Any] = {}
        self._memo: dict[tuple[str, str, str], re.Match[str] | None] = {}

    # -- structure ---------------------------------------------------------------------------
    @cached_property
    def tops(self) -> list[Provision]:
        """Articles/sections (and schedule paragraphs), in text order."""
        out = []
        for node in self.doc.walk():
            if node.kind is Kind.PROVISION:
                out.append(node)
        return out

    def is_definitions(self, top: Provision) -> bool:
        """Whether a provision is a definitions/interpretation provision."""
        return bool(self.rules.pattern("vocabulary", "definitions_title").search(top.title))

    def text_of(self, node: Provision) -> tuple[Span, str]:
        """The words of a node and its descendants (no heading), with their span."""
        key = "text_of:" + node.id
        cached: tuple[Span, str] | None = self.cache.get(key)
        if cached is None:
            cached = self._text_of(node)
            self.cache[key] = cached
        return cached

    def _text_of(self, node: Provision) -> tuple[Span, str]:
        start, end = node.text_span
        if start == end and node.children:  # no words of its own: start at the first child
            start = node.children[0].text_span[0]
        for desc in node.walk():
            if desc.text_span[1] > end:
                end = desc.text_span[1]
        return (start, end), self.doc.text[start:end]

    def units(self, top: Provision) -> list[Unit]:
        """The first-level units of a provision."""
        key = "units:" + top.id
        cached: list[Unit] | None = self.cache.get(key)
        if cached is None:
            cached = self._units(top)
            self.cache[key] = cached
        return cached

    def _units(self, top: Provision) -> list[Unit]:
        out: list[Unit] = []
        own = top.text_span
        parts = [c for c in top.children if c.kind in (Kind.PARAGRAPH, Kind.CLAUSE)]
        if own[0] != own[1] and (not parts or parts[0].text_span[0] > own[0]):
            if parts:
                span = own
                out.append(Unit(top, top, span, self.doc.text[span[0]:span[1]]))
            else:
                span, text = self.text_of(top)
                out.append(Unit(top, top, span, text))
        for child in parts:
            span, text = self.text_of(child)
            out.append(Unit(child, top, span, text))
        return out

    @cached_property
    def all_units(self) -> list[Unit]:
        """Every unit of every provision, in text order."""
        return [u for top in self.tops for u in self.units(top)]

    def full(self, top: Provision) -> str:
        """The whole words of a provision (all units)."""
        return self.text_of(top)[1]

    # -- text ----------------------------------------------------------------------------------
    def sentences(self, span: Span) -> Iterator[Span]:
        """Sentence-like pieces of a span (split at full stops, semicolons, colons, dashes)."""
        text = self.doc.text
        start = span[0]
        for m in _SENTENCE_END.finditer(text, span[0], span[1]):
            if m.start() > start:
                yield start, m.start()
            start = m.end()
        if start < span[1]:
            yield start, span[1]

    def sentence_at(self, span: Span, pos: int) -> Span:
        """The sentence of ``span`` containing offset ``pos``."""
        for s in self.sentences(span):
            if s[0] <= pos < s[1]:
                return s
        return span

    def node_at(self, pos: int, within: Provision) -> Provision:
        """The deepest node under ``within`` whose own words contain ``pos``."""
        best = within
        for node in within.walk():
            if node.text_span[0] <= pos < node.text_span[1]:
                best = node
        return best

    def search(self, detector: str, key: str, text: str) -> re.Match[str] | None:
        """First match of a word list in ``text`` (memoised: detectors read the same unit
        texts many times)."""
        memo_key = (detector, key, text)
        try:
            return self._memo[memo_key]
        except KeyError:
            found = self.rules.pattern(detector, key).search(text)
            self._memo[memo_key] = found
            return found

    def has(self, detector: str, key: str, text: str) -> bool:
        """Whether ``text`` contains a term of a word list."""
        return self.search(detector, key, text) is not None

    # -- cross-references ----------------------------------------------------------------------
    @cached_property
    def outgoing(self) -> dict[str, set[str]]:
        """Top provision id -> ids of top provisions it refers to."""
        out: dict[str, set[str]] = {}
        for ref in self.doc.references:
            src = self.doc.top_provision(ref.source)
            if src is None:
                continue
            for target in ref.targets:
                top = self.doc.top_provision(target)
                if top is not None and top.id != src.id:
                    out.setdefault(src.id, set()).add(top.id)
        return out

    def related(self, top: Provision, adjacent: int = 1) -> list[Provision]:
        """The provision, those it refers to, those referring to it, and its neighbours."""
        ids = {top.id} | self.outgoing.get(top.id, set())
        ids |= {src for src, targets in self.outgoing.items() if top.id in targets}
        index = {t.id: i for i, t in enumerate(self.tops)}
        i = index.get(top.id)
        if i is not None:
            for j in range(i + 1, min(len(self.tops), i + 1 + adjacent)):
                ids.add(self.tops[j].id)
        return [t for t in self.tops if t.id in ids]

    # -- findings ------------------------------------------------------------------------------
    def finding(self, code: str, node_id: str, span: Span, reason: str) -> Finding:
        """A finding of ``code`` with the code's title, standard and sources."""
        detector, spec = self.rules.codes[code]
        node = self.doc.get(node_id)
        if node is not None:  # keep the words inside the node the finding is about
            start, end = max(span[0], node.text_span[0]), min(span[1], node.span[1])
            if start >= end:
                start, end = node.text_span
            while end > start and self.doc.text[end - 1] in " \t\r\n":
                end -= 1
            span = (start, end)
        return Finding(
            provision=node_id,
            code=code,
            detector=detector,
            title=spec.title,
            reason=reason,
            span=span,
            quote=self.doc.text[span[0]:span[1]],
            standard=" ".join(spec.standard.split()),
            sources=self.rules.sources(code),
        )
