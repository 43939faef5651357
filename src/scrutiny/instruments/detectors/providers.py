"""(g) Obligations on service providers without knowledge, limits or remedy.

Rules, sentence by sentence in provisions naming a provider (``vocabulary.provider``):

* ``provider.assistance``: an obligation ("shall", "must", "are required to") to assist,
  co-operate, be technically capable of interception or install equipment, with no limit
  in the unit (``assistance_limits``: existing technical capability, reasonableness, a
  warrant or court order, compensation).
* ``provider.retention``: an obligation to preserve, retain or keep traffic, subscriber or
  call-related data or records, not limited to specified data or to an order.
* ``provider.liability``: provider liability ("liable") with no knowledge or notice
  requirement and not an immunity or a failure-to-comply offence.
* ``provider.remedy``: once per instrument with provider obligations or powers, if no
  provision gives an appeal, review or challenge.
* ``remedy.limited``: a provision confining judicial review to listed grounds ("may only
  set aside … on any of the following grounds") or barring appeal unless the issuing
  official has first refused to withdraw the order; once per provision.

Sources: Budapest Arts. 16, 20(1)(b), 21(1)(b); Necessary and Proportionate Principles 5,
7, 11; OHCHR A/HRC/27/37 para. 26; Manila Principles 1, 5; ICCPR Art. 2(3); UNCC Art. 24(2).
"""

from __future__ import annotations

from scrutiny.instruments.context import Context, quote
from scrutiny.instruments.detectors.powers import power_units, safeguards_provisions
from scrutiny.instruments.findings import Finding

__all__ = ["detect"]


def detect(ctx: Context) -> list[Finding]:
    """Flag provider obligations lacking limits, knowledge or remedy."""
    out: list[Finding] = []
    text = ctx.doc.text
    seen: set[tuple[str, str]] = set()
    first_obligation = None

    def add(code: str, node_id: str, span: tuple[int, int], reason: str) -> None:
        top = ctx.doc.top_provision(node_id)
        key = (code, top.id if top is not None else node_id)  # one finding per provision
        if key not in seen:
            seen.add(key)
            out.append(ctx.finding(code, node_id, span, reason))

    for top in ctx.tops:
        if ctx.is_definitions(top):
            continue
        for unit in ctx.units(top):
            if not ctx.has("vocabulary", "provider", unit.text):
                continue
            for s in ctx.sentences(unit.span):
                sentence = text[s[0]:s[1]]
                provider = ctx.search("vocabulary", "provider", sentence)
                obligation = ctx.has("providers", "obligation", sentence) or (
                    ctx.has("providers", "obligation", unit.text)
                    and not ctx.has("vocabulary", "regulatory", sentence))
                if ctx.has("vocabulary", "regulatory", sentence):
                    obligation = False
                node = ctx.node_at(s[0], top)
                if provider is None and not ctx.has("vocabulary", "provider",
                                                    ctx.doc.own_text(unit.node)):
                    continue
                assist = ctx.search("providers", "assistance", sentence)
                limits = "assistance_limits"
                if assist is None:
                    assist = ctx.search("providers", "capability", sentence)
                    limits = "capability_limits"
                if assist:
                    node = ctx.node_at(s[0] + assist.start(), top)
                if obligation and assist and not ctx.has("providers", limits, unit.text):
                    first_obligation = first_obligation or (node, s)
                    add("provider.assistance", node.id, s,
                        f"{node.id} imposes on providers an obligation "
                        f"(\u201c{assist.group(0)}\u201d) with no limit to their existing "
                        "technical capability, to a specified target or to a court order: "
                        f"\u201c{quote(sentence, 200)}\u201d.")
                retain = ctx.search("providers", "retention", sentence)
                if retain:
                    node = ctx.node_at(s[0] + retain.start(), top)
                if retain and ctx.has("providers", "retention_data", sentence) \
                        and not ctx.has("providers", "retention_targeted", sentence):
                    first_obligation = first_obligation or (node, s)
                    add("provider.retention", node.id, s,
                        f"{node.id} requires data to be kept for all users, not for specified "
                        f"data under an order: \u201c{quote(sentence, 200)}\u201d.")
                liable = ctx.search("providers", "liability", sentence)
                if liable:
                    node = ctx.node_at(s[0] + liable.start(), top)
                if provider and liable and not ctx.has("providers", "liability_exempt",
                                                       sentence):
                    add("provider.liability", node.id, s,
                        f"{node.id} makes providers liable without requiring knowledge or "
                        f"notice: \u201c{quote(sentence, 200)}\u201d.")
    for top in ctx.tops:
        for unit in ctx.units(top):
            m = ctx.search("providers", "limited_review", unit.text)
            if m is None:
                continue
            s = ctx.sentence_at(unit.span, unit.span[0] + m.start())
            add("remedy.limited", unit.node.id, s,
                f"{unit.node.id} restricts the court's review (\u201c{m.group(0)}\u201d): "
                f"\u201c{quote(text[s[0]:s[1]], 200)}\u201d.")
    powers = power_units(ctx)
    if (first_obligation or powers) and not ctx.has(
            "providers", "remedy", "\n".join(ctx.full(t) for t in ctx.tops)):
        guards = safeguards_provisions(ctx)
        if guards:
            anchor_id, span = guards[0].id, guards[0].text_span
        elif first_obligation:
            anchor_id, span = first_obligation[0].id, first_obligation[1]
        else:
            anchor_id, span = powers[0].unit.node.id, powers[0].sentence
        add("provider.remedy", anchor_id, span,
            "Nothing in the instrument lets a provider or user challenge an order or "
            "obligation before a court or other independent body.")
    return out
