"""(c) Safeguards qualified by discretion.

Rule, sentence by sentence:

* a discretionary qualifier ("as appropriate", "where appropriate", "as it deems fit" …)
  in a sentence about a safeguard (supervision, review, remedy, notification,
  proportionality, limits of scope or duration, confidentiality, human rights …);
* "in accordance with / provided for under domestic law" as the only limit of a safeguard:
  the sentence names no independent standard (human rights, proportionality, necessity, a
  court, independence);
* a safeguard left optional ("may request that it be kept confidential or only used subject
  to conditions");
* a power triggered by an official's opinion ("if the Minister is of the opinion").

Sources: GNI statement on UNCC Art. 24(2); UNCC Art. 24(2); Budapest Art. 15(2);
Necessary and Proportionate Principles 1 and 6; ICCPR Art. 17.
"""

from __future__ import annotations

import re

from scrutiny.instruments.context import Context, quote
from scrutiny.instruments.findings import Finding

__all__ = ["detect"]

CODE = "safeguard.discretionary"
_COURT = re.compile(r"\bcourt\b", re.IGNORECASE)  # a court's discretion is not an official's


_TRIGGERS = (("qualifier", "qualifiers"), ("domestic", "domestic_law_only"),
             ("optional", "optional_safeguards"), ("opinion", "subjective_triggers"))


def _context(ctx: Context, kind: str, sentence: str) -> bool:
    """Whether a trigger's sentence is about what the rule needs (checked only on a hit)."""
    if kind == "qualifier":
        return ctx.has("discretion", "safeguard_context", sentence)
    if kind == "domestic":
        return ctx.has("discretion", "safeguard_context", sentence) and not ctx.has(
            "discretion", "independent_standards", sentence)
    if kind == "opinion":
        return ctx.has("discretion", "power_context", sentence) and not _COURT.search(sentence)
    return True


def detect(ctx: Context) -> list[Finding]:
    """Flag safeguards qualified by discretion (see module docstring)."""
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    text = ctx.doc.text
    for top in ctx.tops:
        if ctx.is_definitions(top):
            continue
        for unit in ctx.units(top):
            for s in ctx.sentences(unit.span):
                sentence = text[s[0]:s[1]]
                for kind, key in _TRIGGERS:
                    m = ctx.rules.pattern("discretion", key).search(sentence)
                    if m is None or not _context(ctx, kind, sentence):
                        continue
                    node = ctx.node_at(s[0] + m.start(), top)
                    if (node.id, kind) in seen:
                        continue
                    seen.add((node.id, kind))
                    words = m.group(0)
                    why = {
                        "qualifier": "qualifies the safeguard it sets out, so each authority "
                                     "may decide that it does not apply",
                        "domestic": "leaves the safeguard to domestic law alone, with no "
                                    "minimum standard",
                        "optional": "makes the safeguard optional",
                        "opinion": "makes the power depend on an official's own opinion "
                                   "rather than on objective, reviewable grounds",
                    }[kind]
                    reason = (f"In {node.id}, \u201c{words}\u201d {why}: "
                              f"\u201c{quote(sentence, 200)}\u201d.")
                    out.append(ctx.finding(CODE, node.id, s, reason))
    return out
