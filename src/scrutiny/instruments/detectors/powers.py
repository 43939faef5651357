"""(d) Procedural powers not tied to safeguards, without independent authorisation, limits
or notification.

A *power unit* is a first-level unit of a provision (not a definitions, offence, appeal or
record-keeping provision, nor a cross-border cooperation provision) that names an authority
(``vocabulary.authority``), grants it something (``vocabulary.grant``) and matches the
triggers of a power type (``power_types``: search and seizure, production, preservation,
real-time collection, interception, compelled decryption, content restriction).

Rules:

* ``power.unlinked``: the instrument has a conditions-and-safeguards provision but the power
  neither refers to it nor states "conditions and safeguards".
* ``power.authorisation``: a power type that needs judicial authorisation is granted with no
  court, judge, magistrate or judicial warrant in the unit or the provision's opening words,
  or the warrant is issued by a minister or other executive officer. Powers subject to the
  conditions-and-safeguards provision are judged through that provision (detector (c)).
* ``power.limits``: preservation, real-time collection and interception with no duration
  in the provision, the provisions it refers to or that refer to it, or an adjacent
  provision about the same warrant/order; real-time collection and interception with no
  reference to specified communications or persons.
* ``power.notification``: once per instrument with powers, if it never provides for
  notifying the people concerned (copy of the warrant, notice, opportunity to be heard).

Sources: Budapest Arts. 15-21; UNCC Art. 24(1); Necessary and Proportionate Principles 5,
6, 8; Manila Principle 2; ICCPR Arts. 2(3), 17.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny.instruments.context import Context, Unit, quote
from scrutiny.instruments.findings import Finding
from scrutiny.instruments.model import Provision, Span

__all__ = ["PowerUnit", "detect", "is_cooperation", "power_units", "safeguards_provisions"]


@dataclass(frozen=True, slots=True)
class PowerUnit:
    """A procedural power found in the text.

    Attributes:
        unit: the words granting it.
        kind: the power type key (``interception``).
        label: the power type's label.
        trigger: span of the words naming the power.
        sentence: the sentence granting it.
        authorisation: ``judicial`` (court, judge or judicial warrant), ``executive``
            (warrant or order issued by a minister or officer) or ``none`` (none stated).
        linked: subject to the conditions-and-safeguards provision.
    """

    unit: Unit
    kind: str
    label: str
    trigger: Span
    sentence: Span
    authorisation: str
    linked: bool


def is_cooperation(ctx: Context, top: Provision) -> bool:
    """Whether a provision is about cross-border cooperation."""
    if ctx.has("vocabulary", "cooperation_title", top.title):
        return True
    hits = {m.group(0).lower() for m in
            ctx.rules.pattern("vocabulary", "cooperation").finditer(ctx.full(top))}
    return len(hits) >= 2


def safeguards_provisions(ctx: Context) -> list[Provision]:
    """The conditions-and-safeguards provisions of the instrument (e.g. Budapest Art. 15)."""
    return [t for t in ctx.tops
            if ctx.has("powers", "safeguards_provision", t.title + " " + ctx.doc.own_text(t)
                       + " " + (ctx.doc.own_text(t.children[0]) if t.children else ""))
            and not ctx.has("vocabulary", "grant", ctx.full(t)[:400])]


def _authorisation(ctx: Context, unit: Unit) -> str:
    own = ctx.doc.own_text(unit.top)
    text = unit.text + " " + own
    whole = ctx.full(unit.top)
    if ctx.has("powers", "executive_issuer", whole) and not ctx.has(
            "powers", "judicial", text.replace("warrant", "")):
        return "executive"
    return "judicial" if ctx.has("powers", "judicial", text) else "none"


def power_units(ctx: Context) -> list[PowerUnit]:
    """Every power unit of the document, in text order (cached)."""
    cached: list[PowerUnit] | None = ctx.cache.get("power_units")
    if cached is not None:
        return list(cached)
    out: list[PowerUnit] = []
    guards = {t.id for t in safeguards_provisions(ctx)}
    rules = ctx.rules.files["powers"]
    for top in ctx.tops:
        if top.id in guards or ctx.is_definitions(top) or is_cooperation(ctx, top) \
                or ctx.has("powers", "exclude_titles", top.title):
            continue
        linked_top = bool(guards & ctx.outgoing.get(top.id, set()))
        for unit in ctx.units(top):
            if not (ctx.has("vocabulary", "authority", unit.text)
                    and ctx.has("vocabulary", "grant", unit.text)):
                continue
            if ctx.has("vocabulary", "establishing", unit.text):
                continue  # an offence about the power, not the power
            for kind, spec in rules.power_types.items():
                m = ctx.rules.pattern("powers", f"power:{kind}").search(unit.text)
                if m is None:
                    continue
                trigger = (unit.span[0] + m.start(), unit.span[0] + m.end())
                out.append(PowerUnit(
                    unit=unit, kind=kind, label=spec.label, trigger=trigger,
                    sentence=ctx.sentence_at(unit.span, trigger[0]),
                    authorisation=_authorisation(ctx, unit),
                    linked=linked_top or ctx.has("powers", "safeguards_provision", unit.text),
                ))
    ctx.cache["power_units"] = out
    return list(out)


def _related_text(ctx: Context, pu: PowerUnit) -> str:
    top = pu.unit.top
    nouns = {m.group(0).lower() for m in
             ctx.rules.pattern("powers", "instrument_nouns").finditer(pu.unit.text)}
    parts = [ctx.full(top)]
    adjacent = int(ctx.rules.param("powers", "adjacent_provisions"))
    for other in ctx.related(top, adjacent):
        if other.id == top.id:
            continue
        linked = other.id in ctx.outgoing.get(top.id, set()) \
            or top.id in ctx.outgoing.get(other.id, set())
        if linked or any(n in other.title.lower() for n in nouns):
            parts.append(ctx.full(other))
    return "\n".join(parts)


def detect(ctx: Context) -> list[Finding]:
    """Flag powers lacking links, authorisation, limits or notification."""
    units = power_units(ctx)
    if not units:
        return []
    rules = ctx.rules.files["powers"]
    guards = safeguards_provisions(ctx)
    out: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()

    def add(code: str, pu: PowerUnit, reason: str) -> None:
        key = (code, pu.unit.top.id, pu.kind if code == "power.limits" else "")
        if key not in seen:
            seen.add(key)
            out.append(ctx.finding(code, pu.unit.node.id, pu.sentence, reason))

    for pu in units:
        words = quote(ctx.doc.slice(pu.sentence), 200)
        if pu.linked:
            continue
        if guards:
            add("power.unlinked", pu,
                f"Under {pu.unit.node.id}, {pu.label} (\u201c{words}\u201d) is not made "
                f"subject to the conditions and safeguards of {guards[0].id}.")
        spec = rules.power_types[pu.kind]
        if pu.kind != "restriction":
            vague = ctx.search("powers", "vague_grounds", pu.unit.text)
            if vague:
                add("power.grounds", pu,
                    f"Under {pu.unit.node.id}, {pu.label} may rest on open-ended grounds "
                    f"(\u201c{vague.group(0)}\u201d): \u201c{words}\u201d.")
        if spec.authorisation == "judicial" and pu.authorisation != "judicial":
            who = ("is authorised by an executive official, not a judge"
                   if pu.authorisation == "executive"
                   else "needs no prior authorisation by a court or independent body")
            add("power.authorisation", pu,
                f"Under {pu.unit.node.id}, {pu.label} {who}: \u201c{words}\u201d.")
        if spec.limits:
            related = _related_text(ctx, pu)
            if not ctx.has("powers", "duration", related):
                add("power.limits", pu,
                    f"Under {pu.unit.node.id}, {pu.label} has no limit on how long it may "
                    f"last: \u201c{words}\u201d.")
            elif pu.kind in ("realtime", "interception") and not ctx.has("powers", "scope",
                                                                          related):
                add("power.limits", pu,
                    f"Under {pu.unit.node.id}, {pu.label} is not confined to specified "
                    f"communications or persons: \u201c{words}\u201d.")
    body = "\n".join(ctx.full(t) for t in ctx.tops)
    units = [pu for pu in units if pu.kind != "restriction"]  # notice goes to the speaker
    if units and not ctx.has("powers", "notification", body):
        anchor = guards[0] if guards else units[0].unit.node
        span = anchor.text_span if guards else units[0].sentence
        kinds = sorted({pu.label for pu in units})
        out.append(ctx.finding(
            "power.notification", anchor.id, span,
            f"The instrument grants powers of {', '.join(kinds)} but never provides for "
            "telling the people whose data or communications are obtained, even after the "
            "investigation, so they cannot seek a remedy."))
    return out
