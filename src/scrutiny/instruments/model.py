"""The document model: an instrument's original text and the tree of its provisions.

The original text is never modified (DESIGN.md §11). Every node carries ``span`` — the
half-open range ``[start, end)`` of the original text it covers, headings and trailing line
breaks included — so that the spans of a node's head and of its children, laid end to end,
rebuild the node's text exactly, and the top-level spans rebuild the whole document.
``text_span`` is the part holding the node's own words (no label, no heading).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "CrossReference",
    "Definition",
    "Document",
    "Kind",
    "Provision",
    "Span",
]

Span = tuple[int, int]
"""Half-open character offsets ``(start, end)`` into the original text."""


class Kind(StrEnum):
    """What a node of the provision tree is."""

    HEADER = "header"  # the "# key: value" metadata block of a corpus file
    FRONT = "front"  # enacting formula, long title and other lines before the first heading
    PREAMBLE = "preamble"
    RECITAL = "recital"
    DIVISION = "division"  # part, chapter, section (as a group), title, schedule
    PROVISION = "provision"  # an article or a section
    PARAGRAPH = "paragraph"  # a numbered or lettered paragraph at any depth
    CLAUSE = "clause"  # an unlabelled paragraph (flush-left text after a list, PH paragraphs)
    FINAL = "final"  # final clauses, signatures, approval lines


@dataclass(slots=True)
class Provision:
    """One node of the provision tree.

    Attributes:
        id: stable identifier, e.g. ``art 24(2)(b)``, ``s 12(1)(a)``, ``s 12 ¶2``,
            ``part III``, ``pmbl 3``.
        kind: what the node is.
        label: the label as printed (``Article 24``, ``(2)``, ``b)``), empty if none.
        number: the normalised number (``24``, ``46A``, ``2``, ``b``, ``ii``), empty if none.
        title: the heading of an article, section or division, if the text gives one.
        span: the original text the node covers, children included.
        text_span: the node's own words, without label or heading.
        title_span: where the title stands in the original, when there is one.
        children: the nodes inside this one, in text order.
        parent: the id of the enclosing node (``None`` at top level).
    """

    id: str
    kind: Kind
    span: Span
    text_span: Span
    label: str = ""
    number: str = ""
    title: str = ""
    title_span: Span | None = None
    children: list[Provision] = field(default_factory=list)
    parent: str | None = None

    def walk(self) -> Iterator[Provision]:
        """This node and all nodes below it, in text order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        """JSON shape; with ``text`` given, each node also carries its own words."""
        body: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind.value,
            "label": self.label,
            "number": self.number,
            "title": self.title,
            "span": list(self.span),
            "text_span": list(self.text_span),
        }
        if text is not None:
            body["text"] = text[self.text_span[0]:self.text_span[1]]
        body["children"] = [c.to_dict(text) for c in self.children]
        return body


@dataclass(frozen=True, slots=True)
class Definition:
    """A term defined in a definitions provision."""

    term: str
    provision: str
    span: Span
    term_span: Span


@dataclass(frozen=True, slots=True)
class CrossReference:
    """A reference in the text to another provision, resolved where possible.

    Attributes:
        source: id of the provision in which the reference stands.
        span: where the reference stands in the original text.
        text: the words of the reference.
        targets: the ids it points to (empty if unresolved).
        external: True when it names another instrument ("of the Constitution").
    """

    source: str
    span: Span
    text: str
    targets: tuple[str, ...]
    external: bool = False

    @property
    def resolved(self) -> bool:
        """Whether every part of the reference was found in this document."""
        return bool(self.targets) or self.external

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "span": list(self.span), "text": self.text,
                "targets": list(self.targets), "external": self.external}


@dataclass(slots=True)
class Document:
    """A parsed instrument.

    Attributes:
        name: a short name (shipped name or file stem).
        text: the original text, unmodified.
        nodes: the top-level nodes; their spans tile ``text`` from 0 to ``len(text)``.
        metadata: the ``# key: value`` header (repeated keys keep every value).
        style: the drafting style recognised (``treaty``, ``section-dash``, ``numbered``).
        prefix: the id prefix of top-level provisions (``art`` or ``s``).
        source_format: the format the text was read from (txt, md, pdf, html, docx).
        path: the file read, when there was one.
        definitions: defined terms found in definitions provisions.
        references: cross-references found in the text.
        diagnostics: numbering gaps and other remarks of the parser.
    """

    name: str
    text: str
    nodes: list[Provision]
    metadata: dict[str, list[str]] = field(default_factory=dict)
    style: str = "treaty"
    prefix: str = "art"
    source_format: str = "txt"
    path: str | None = None
    definitions: list[Definition] = field(default_factory=list)
    references: list[CrossReference] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)
    _index: dict[str, Provision] = field(default_factory=dict, repr=False)

    def walk(self) -> Iterator[Provision]:
        """Every node in text order."""
        stack = list(reversed(self.nodes))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def provisions(self) -> list[Provision]:
        """The articles or sections (schedule paragraphs excluded), in text order."""
        return [n for n in self.walk() if n.kind is Kind.PROVISION]

    def get(self, node_id: str) -> Provision | None:
        """The node with this id, if any."""
        if not self._index:
            self._index = {n.id: n for n in self.walk()}
        return self._index.get(node_id)

    def slice(self, span: Span) -> str:
        """The original text of a span."""
        return self.text[span[0]:span[1]]

    def own_text(self, node: Provision) -> str:
        """The node's own words (no label, no heading, no children)."""
        return self.text[node.text_span[0]:node.text_span[1]]

    def full_text(self, node: Provision) -> str:
        """The node's whole text, children included."""
        return self.text[node.span[0]:node.span[1]]

    def top_provision(self, node_id: str) -> Provision | None:
        """The article or section a node belongs to."""
        node = self.get(node_id)
        while node is not None and node.kind is not Kind.PROVISION:
            node = self.get(node.parent) if node.parent else None
        return node

    @property
    def title(self) -> str:
        """The instrument's title from its header, or its name."""
        values = self.metadata.get("short_title") or self.metadata.get("title")
        return values[0] if values else self.name

    @property
    def body_start(self) -> int:
        """Where the text proper begins (after the metadata header)."""
        for node in self.nodes:
            if node.kind is not Kind.HEADER:
                return node.span[0]
        return len(self.text)
