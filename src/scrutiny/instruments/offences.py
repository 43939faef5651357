"""Offence units: the parts of an instrument that create an offence or a liability."""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny.instruments.context import Context, Unit
from scrutiny.instruments.model import Kind, Provision, Span

__all__ = ["OffenceUnit", "offence_units"]


@dataclass(frozen=True, slots=True)
class OffenceUnit:
    """One offence or liability definition.

    Attributes:
        unit: the words defining it.
        establishing: span of the words that create the offence ("commits an offence").
        intent: span of the intent words, if any.
        derivative: it only re-penalises an offence defined elsewhere in the instrument.
        regulatory: a failure-to-comply offence.
        other_law: its elements are defined by another law.
    """

    unit: Unit
    establishing: Span
    intent: Span | None
    derivative: bool
    regulatory: bool
    other_law: bool

    @property
    def exempt(self) -> bool:
        """Whether the intent rule does not apply to it."""
        return self.derivative or self.regulatory or self.other_law


def _titled_items(node: Provision) -> list[Provision]:
    out: list[Provision] = []
    for child in node.children:
        if child.kind not in (Kind.PARAGRAPH, Kind.CLAUSE):
            continue
        if child.title or not any(c.kind is Kind.PARAGRAPH for c in child.children):
            out.append(child)
        else:
            out.extend(_titled_items(child))
    return out


def offence_units(ctx: Context) -> list[OffenceUnit]:
    """Every offence-creating unit of the document, in text order."""
    cached: list[OffenceUnit] | None = ctx.cache.get("offence_units")
    if cached is not None:
        return list(cached)
    doc = ctx.doc
    out: list[OffenceUnit] = []
    for top in ctx.tops:
        if ctx.is_definitions(top):
            continue
        own = doc.own_text(top)
        head = ctx.search("vocabulary", "establishing", own)
        if head and own.rstrip().endswith((":", "—")) and _titled_items(top):
            units = []
            for item in _titled_items(top):
                span, text = ctx.text_of(item)
                units.append(Unit(item, top, span, text))
            intro = own
            for unit in units:
                out.append(_make(ctx, unit, (top.text_span[0] + head.start(),
                                             top.text_span[0] + head.end()), intro))
            continue
        for unit in ctx.units(top):
            m = ctx.search("vocabulary", "establishing", unit.text)
            if m is None:
                continue
            intro = own if unit.node is not top else ""
            out.append(_make(ctx, unit, (unit.span[0] + m.start(), unit.span[0] + m.end()),
                             intro))
    ctx.cache["offence_units"] = out
    return list(out)


def _make(ctx: Context, unit: Unit, establishing: Span, intro: str) -> OffenceUnit:
    text = unit.text
    m = ctx.search("intent", "intent_markers", text)
    intent: Span | None = (unit.span[0] + m.start(), unit.span[0] + m.end()) if m else None
    if intent is None and intro and ctx.has("intent", "intent_markers", intro):
        intent = establishing
    return OffenceUnit(
        unit=unit,
        establishing=establishing,
        intent=intent,
        derivative=ctx.has("vocabulary", "derivative", text),
        regulatory=ctx.has("vocabulary", "regulatory", text)
        or ctx.has("vocabulary", "official_offence", text),
        other_law=ctx.has("vocabulary", "other_law", text),
    )
