"""(f) Cross-border cooperation: dual criminality, persecution, data protection,
confidentiality.

Rules:

* ``coop.dual_criminality``: a sentence waiving dual criminality ("dual criminality shall
  not be required"); or, once per instrument, cooperation provisions that never mention
  dual criminality at all.
* ``coop.persecution``: the instrument's cooperation provisions contain no refusal ground
  for requests made to persecute a person on account of sex, race, religion, nationality,
  ethnic origin or political opinions. Flagged at each closed list of refusal grounds
  ("may only be refused if:"), or once at the first cooperation provision if there is no
  such list.
* ``coop.data_protection``: spontaneous sharing ("without prior request") with no binding
  data-protection condition in the provision; or, once per instrument, transfers of data
  to other states while no cooperation provision sets a binding use limitation or data
  protection condition.
* ``confidentiality.unlimited``: a secrecy obligation on a provider, custodian or other
  person ("keep confidential", "shall not disclose") with no time limit, exception or
  court involvement in the sentence.

Sources: GNI statement (dual criminality, data protection, non-discrimination); UNCC Art.
40(22); Convention 108+ Art. 14; Necessary and Proportionate Principles 8, 12; ICCPR Arts.
2(1), 26.
"""

from __future__ import annotations

import re

from scrutiny.instruments.context import Context, quote
from scrutiny.instruments.detectors.powers import is_cooperation
from scrutiny.instruments.findings import Finding

__all__ = ["detect"]

_CLOSED_REFUSAL = re.compile(r"(?:refuse|refused|withheld)[^.]{0,80}\bif\b", re.IGNORECASE)
_STATE_SUBJECT = re.compile(r"\b(?:Party|Parties|State|States|Central Authority)\b")


def detect(ctx: Context) -> list[Finding]:
    """Flag cooperation and confidentiality provisions lacking safeguards."""
    out: list[Finding] = []
    text = ctx.doc.text
    coop = [t for t in ctx.tops if is_cooperation(ctx, t) and not ctx.is_definitions(t)]
    coop_text = "\n".join(ctx.full(t) for t in coop)
    seen: set[tuple[str, str]] = set()

    def add(code: str, node_id: str, span: tuple[int, int], reason: str) -> None:
        if (code, node_id) not in seen:
            seen.add((code, node_id))
            out.append(ctx.finding(code, node_id, span, reason))

    for top in ctx.tops:
        for unit in ctx.units(top):
            m = ctx.search("cooperation", "unilateral_access", unit.text)
            if m and not any(f.code == "coop.unilateral_access"
                             and ctx.doc.top_provision(f.provision) is top for f in out):
                s = ctx.sentence_at(unit.span, unit.span[0] + m.start())
                add("coop.unilateral_access", unit.node.id, s,
                    f"{unit.node.id} lets authorities reach data in another state "
                    f"(\u201c{m.group(0)}\u201d) without that state's involvement: "
                    f"\u201c{quote(ctx.doc.slice(unit.span), 200)}\u201d.")
    if coop:
        for top in coop:
            for unit in ctx.units(top):
                m = ctx.search("cooperation", "no_dual_criminality", unit.text)
                if m:
                    s = ctx.sentence_at(unit.span, unit.span[0] + m.start())
                    add("coop.dual_criminality", unit.node.id, s,
                        f"{unit.node.id} waives dual criminality: "
                        f"\u201c{quote(text[s[0]:s[1]], 200)}\u201d.")
        if not ctx.has("cooperation", "dual_criminality", coop_text):
            first = coop[0]
            add("coop.dual_criminality", first.id, first.text_span,
                f"The cooperation provisions ({', '.join(t.id for t in coop[:6])}"
                f"{' …' if len(coop) > 6 else ''}) never require that the conduct be a crime "
                "in both states before assistance is given.")
        if not ctx.has("cooperation", "persecution", coop_text):
            lists = []
            for top in coop:
                for unit in ctx.units(top):
                    m = _CLOSED_REFUSAL.search(unit.text)
                    if m:
                        lists.append((unit, m))
            for unit, m in lists:
                s = ctx.sentence_at(unit.span, unit.span[0] + m.start())
                add("coop.persecution", unit.node.id, s,
                    f"{unit.node.id} lists the grounds on which assistance may be refused "
                    f"(\u201c{quote(text[s[0]:s[1]], 160)}\u201d) but none for requests made "
                    "to persecute a person on account of sex, race, religion, nationality, "
                    "ethnic origin or political opinions.")
            if not lists:
                first = coop[0]
                add("coop.persecution", first.id, first.text_span,
                    "The cooperation provisions give no ground to refuse a request made to "
                    "persecute a person on account of sex, race, religion, nationality, ethnic "
                    "origin or political opinions.")
        for top in coop:
            whole = ctx.full(top)
            for unit in ctx.units(top):
                m = ctx.search("cooperation", "spontaneous", unit.text)
                if m and not ctx.has("cooperation", "data_protection", whole):
                    s = ctx.sentence_at(unit.span, unit.span[0] + m.start())
                    add("coop.data_protection", unit.node.id, s,
                        f"{unit.node.id} lets information be passed to another state "
                        f"\u201c{m.group(0)}\u201d with no binding data-protection or use "
                        f"condition: \u201c{quote(text[s[0]:s[1]], 200)}\u201d.")
        if not ctx.has("cooperation", "data_protection", coop_text):
            for top in coop:
                hit = None
                for unit in ctx.units(top):
                    m = ctx.search("cooperation", "transfer", unit.text)
                    if m:
                        hit = (unit, m)
                        break
                if hit:
                    unit, m = hit
                    s = ctx.sentence_at(unit.span, unit.span[0] + m.start())
                    add("coop.data_protection", unit.node.id, s,
                        f"{unit.node.id} provides for handing data to other states "
                        f"(\u201c{quote(text[s[0]:s[1]], 160)}\u201d), and no cooperation "
                        "provision limits its use or protects personal data.")
                    break
    for top in ctx.tops:
        if ctx.is_definitions(top):
            continue
        for unit in ctx.units(top):
            for m in ctx.rules.pattern("cooperation", "confidentiality").finditer(unit.text):
                s = ctx.sentence_at(unit.span, unit.span[0] + m.start())
                sentence = text[s[0]:s[1]]
                if not ctx.has("cooperation", "confidentiality_subjects", sentence):
                    continue
                if _STATE_SUBJECT.search(sentence[:max(0, m.start() - (s[0] - unit.span[0]))]
                                         or sentence):
                    subject_part = text[s[0]:unit.span[0] + m.start()]
                    if _STATE_SUBJECT.search(subject_part) and not ctx.has(
                            "cooperation", "confidentiality_subjects", subject_part):
                        continue
                if ctx.has("cooperation", "confidentiality_limits", sentence):
                    continue
                node = ctx.node_at(unit.span[0] + m.start(), top)
                add("confidentiality.unlimited", node.id, s,
                    f"{node.id} imposes secrecy without any time limit, exception or review: "
                    f"\u201c{quote(sentence, 200)}\u201d.")
    return out
