"""(e) Powers or cooperation reaching any criminal offence.

Rule: a sentence extending powers, procedures, cooperation or penalties to "any criminal
offence", to "other criminal offences committed by means of a computer system", to "the
collection of evidence in electronic form of a criminal offence", to "all crimes defined
and penalized by" other laws, or to offences "under any other law" (word list
``any_offence``), in a provision about powers, investigations, cooperation or penalties
(``context``).

One finding per part or chapter (the first provision that sets the scope there), since later
provisions usually repeat the same formula.

Sources: GNI statement (conduct extending beyond cybercrimes); Necessary and Proportionate
Principles 2 and 5; ICCPR Art. 17.
"""

from __future__ import annotations

from scrutiny.instruments.context import Context, quote
from scrutiny.instruments.findings import Finding

__all__ = ["detect"]

CODE = "scope.any_offence"


def detect(ctx: Context) -> list[Finding]:
    """Flag provisions extending powers or cooperation to any offence."""
    out: list[Finding] = []
    seen: set[str] = set()
    done: set[tuple[str, str]] = set()
    text = ctx.doc.text
    for top in ctx.tops:
        if ctx.is_definitions(top):
            continue
        division = top.parent.split("/")[0] if top.parent else ""
        if division and ("division", division) in done:
            continue
        whole = ctx.full(top)
        if not ctx.has("scope", "context", whole + " " + top.title):
            continue
        for unit in ctx.units(top):
            for m in ctx.rules.pattern("scope", "any_offence").finditer(unit.text):
                pos = unit.span[0] + m.start()
                node = ctx.node_at(pos, top)
                if node.id in seen:
                    continue
                seen.add(node.id)
                s = ctx.sentence_at(unit.span, pos)
                reason = (f"{node.id} extends {top.title.lower() or 'the provision'} to "
                          f"\u201c{m.group(0)}\u201d: \u201c{quote(text[s[0]:s[1]], 200)}\u201d. "
                          "This reaches offences far beyond the instrument's own.")
                out.append(ctx.finding(CODE, node.id, s, reason))
                if division:
                    done.add(("division", division))
    return out
