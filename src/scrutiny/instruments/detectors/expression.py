"""(b) Offences that are vague or reach protected expression, minors' own conduct or
security research, without an exception.

Rules (each over the offence units of :mod:`scrutiny.instruments.offences`, reading the
unit together with the paragraphs of the same provision it refers to, and looking for
exceptions anywhere in the provision):

* ``offence.expression``: the unit is about publishing or communicating (word list
  ``expression_acts``) and turns on vague or speech-related terms (``vague_terms``: "false",
  "reputation", "libel", "public tranquillity", "religious extremism" …), and the provision
  has no exception for public-interest speech, journalism, opinion, satire
  (``expression_exceptions``).
* ``offence.minors``: the provision concerns sexual images (``sexual``) of children or
  persons under 18 (``minors``) and has no exception for minors' own, consensual,
  self-generated material (``minors_exceptions``).
* ``offence.consent``: an intimate-image offence (``intimate``) with no consent element.
* ``offence.double_jeopardy``: a clause keeping liability under other laws for an act
  prosecuted under this one ("prosecution under this Act shall be without prejudice to any
  liability for violation of …").
* ``offence.ancillary_speech``: aiding, abetting or attempt extended to every offence of an
  instrument that has speech offences.
* ``offence.research``: an offence about hacking tools or access codes (``tools`` with
  ``tool_acts``) with no exception for testing, protection or research
  (``research_exceptions``).

Offences whose elements another law defines are judged only for speech terms named in their
own words (e.g. "libel as defined in Article 355 of the Revised Penal Code").
Sources: ICCPR 19(3); GC34 paras. 25, 34, 47; 2017 Joint Declaration para. 2(a); Rabat Plan;
GNI statement on UNCC Art. 16; CRC GC25 para. 118; Lanzarote Art. 20(3); Budapest Art. 6(2).
"""

from __future__ import annotations

from bisect import bisect_left

from scrutiny.instruments.context import Context, quote
from scrutiny.instruments.findings import Finding
from scrutiny.instruments.model import Kind, Provision, Span
from scrutiny.instruments.offences import OffenceUnit, offence_units

__all__ = ["detect"]


def _extended(ctx: Context, ou: OffenceUnit) -> list[tuple[Span, str, str]]:
    """The unit's words plus the paragraphs of the same provision it refers to."""
    parts = [(ou.unit.span, ou.unit.text, ou.unit.node.id)]
    top = ou.unit.top
    refs = ctx.doc.references  # sorted by span
    starts: list[int] | None = ctx.cache.get("ref_starts")
    if starts is None:
        starts = [r.span[0] for r in refs]
        ctx.cache["ref_starts"] = starts
    lo = bisect_left(starts, ou.unit.span[0])
    hi = bisect_left(starts, ou.unit.span[1])
    for ref in refs[lo:hi]:
        for target in ref.targets:
            node = ctx.doc.get(target)
            if node is None or node.id == top.id or not node.id.startswith(top.id):
                continue
            span, text = ctx.text_of(node)
            parts.append((span, text, node.id))
    return parts


def _chain(ctx: Context, node: Provision | None) -> list[Provision]:
    """The node and its ancestors below its article/section."""
    out = []
    while node is not None and node.kind is not Kind.PROVISION:
        out.append(node)
        node = ctx.doc.get(node.parent) if node.parent else None
    return out


def detect(ctx: Context) -> list[Finding]:
    """Flag overbroad offences (see module docstring)."""
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()

    def add(code: str, node_id: str, span: Span, reason: str) -> None:
        # one finding per provision, or per titled offence where a section lists several
        node = ctx.doc.get(node_id)
        top = ctx.doc.top_provision(node_id)
        titled = next((a for a in _chain(ctx, node) if a.title and a is not top), None)
        key = (code, titled.id if titled else top.id if top is not None else node_id)
        if key not in seen:
            seen.add(key)
            out.append(ctx.finding(code, node_id, span, reason))

    for ou in offence_units(ctx):
        if ou.regulatory and not ou.derivative:
            continue
        top = ou.unit.top
        whole = ctx.full(top)
        for span, text, node_id in _extended(ctx, ou):
            vague = list(ctx.rules.pattern("expression", "vague_terms").finditer(text))
            if vague and ctx.has("expression", "expression_acts", text) \
                    and not ctx.has("expression", "expression_exceptions", whole):
                terms = sorted({m.group(0).lower() for m in vague})
                first = vague[0]
                sentence = ctx.sentence_at(span, span[0] + first.start())
                reason = (
                    f"{node_id} makes an offence of speech defined by open-ended terms "
                    f"({', '.join(chr(8220) + t + chr(8221) for t in terms[:6])}): "
                    f"\u201c{quote(ctx.doc.slice(sentence))}\u201d. Nothing in {top.id} "
                    "exempts public-interest speech, journalism, opinion or satire."
                )
                add("offence.expression", node_id, sentence, reason)
                break
        if ou.other_law:
            continue
        text = ou.unit.text
        if ou.unit.node.title:  # one of several titled offences: read it alone
            whole = text
        sexual = ctx.search("expression", "sexual", whole)
        if sexual and ctx.has("expression", "sexual", text) \
                and ctx.has("expression", "minors", whole) \
                and not ctx.has("expression", "minors_exceptions", whole):
            minor = ctx.search("expression", "minors", whole)
            assert minor is not None
            sentence = ctx.sentence_at(ou.unit.span, ou.establishing[0])
            reason = (
                f"{ou.unit.node.id} criminalises conduct involving sexual images "
                f"(\u201c{quote(ctx.doc.slice(sentence), 120)}\u201d) that extends to "
                f"\u201c{minor.group(0)}\u201d, with no exception for children's own, "
                "consensual, self-generated images shared for private use, so minors "
                "themselves can be prosecuted for sexting."
            )
            add("offence.minors", ou.unit.node.id, sentence, reason)
        intimate = ctx.search("expression", "intimate", text)
        if intimate and not ctx.has("expression", "consent", whole):
            s = ctx.sentence_at(ou.unit.span, ou.unit.span[0] + intimate.start())
            reason = (
                f"{ou.unit.node.id} punishes sharing \u201c{intimate.group(0)}\u201d without "
                f"requiring that the person depicted did not consent: "
                f"\u201c{quote(ctx.doc.slice(s))}\u201d."
            )
            add("offence.consent", ou.unit.node.id, s, reason)
        tool = ctx.search("expression", "tools", text)
        if tool and ctx.has("expression", "tool_acts", text) \
                and not ctx.has("expression", "research_exceptions", whole):
            s = ctx.sentence_at(ou.unit.span, ou.unit.span[0] + tool.start())
            reason = (
                f"{ou.unit.node.id} criminalises dealing in \u201c{tool.group(0)}\u201d "
                f"(\u201c{quote(ctx.doc.slice(s))}\u201d) with no exception for authorised "
                "testing, protection of systems or security research (cf. Budapest Art. 6(2))."
            )
            add("offence.research", ou.unit.node.id, s, reason)
    speech = [f for f in out if f.code == "offence.expression"]
    if speech:
        for ou in offence_units(ctx):
            text = ou.unit.text
            m = ctx.search("expression", "ancillary", text)
            if m is None or not ctx.has("expression", "all_offences", text):
                continue
            if any(ctx.doc.top_provision(f.provision) is ou.unit.top for f in speech):
                continue
            s = ctx.sentence_at(ou.unit.span, ou.unit.span[0] + m.start())
            names = ", ".join(f.provision for f in speech[:4])
            add("offence.ancillary_speech", ou.unit.node.id, s,
                f"{ou.unit.node.id} extends ancillary liability (\u201c{m.group(0)}\u201d) to "
                f"every offence of the instrument, including its speech offences ({names}): "
                f"\u201c{quote(ctx.doc.slice(s))}\u201d. Sharing or commenting on speech can "
                "then be prosecuted.")
    for top in ctx.tops:
        for unit in ctx.units(top):
            m = ctx.search("expression", "cumulative", unit.text)
            if m is None:
                continue
            s = ctx.sentence_at(unit.span, unit.span[0] + m.start())
            add("offence.double_jeopardy", unit.node.id, s,
                f"{unit.node.id} keeps liability under other laws for the same act "
                f"(\u201c{m.group(0)}\u201d): \u201c{quote(ctx.doc.slice(s))}\u201d, so "
                "one act can be prosecuted twice.")
    from scrutiny.instruments.detectors.powers import power_units

    for pu in power_units(ctx):
        if pu.kind != "restriction":
            continue
        vague = list(ctx.rules.pattern("expression", "vague_terms").finditer(pu.unit.text))
        if not vague:
            continue
        terms = sorted({m.group(0).lower() for m in vague})
        s = ctx.sentence_at(pu.unit.span, pu.unit.span[0] + vague[0].start())
        add("restriction.vague", pu.unit.node.id, s,
            f"{pu.unit.node.id} allows {pu.label} on open-ended grounds "
            f"({', '.join(chr(8220) + t + chr(8221) for t in terms[:6])}): "
            f"\u201c{quote(ctx.doc.slice(s))}\u201d.")
    return out
