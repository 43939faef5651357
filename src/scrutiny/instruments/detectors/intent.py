"""(a) Offence or liability provisions without an intent element where neighbours have one.

Rule: an offence- or liability-creating unit (see :mod:`scrutiny.instruments.offences`)
whose words carry no intent marker ("intentionally", "wilfully", "knowingly", "with intent",
"for the purpose of" …) is flagged when at least ``min_neighbours_with_intent`` of the
``window`` offence units on each side of it do carry one. Units that only re-penalise an
offence defined elsewhere, failure-to-comply offences and offences whose elements another
law defines are not judged, and do not count as neighbours. Where the instrument as a whole
states no intent elements (it relies on general criminal law), nothing is flagged.

Sources: GNI statement on UNCC Art. 18; Budapest Arts. 2-11; ICCPR Art. 15(1); Manila P1.
"""

from __future__ import annotations

from scrutiny.instruments.context import Context, quote
from scrutiny.instruments.findings import Finding
from scrutiny.instruments.offences import offence_units

__all__ = ["detect"]

CODE = "intent.missing"


def detect(ctx: Context) -> list[Finding]:
    """Flag offence units lacking the intent element their neighbours have."""
    units = [u for u in offence_units(ctx) if not u.exempt]
    window = int(ctx.rules.param("intent", "window"))
    needed = int(ctx.rules.param("intent", "min_neighbours_with_intent"))
    out: list[Finding] = []
    for i, unit in enumerate(units):
        if unit.intent is not None:
            continue
        neighbours = units[max(0, i - window):i] + units[i + 1:i + 1 + window]
        with_intent = [n for n in neighbours if n.intent is not None]
        if len(with_intent) < needed or len(with_intent) * 2 < len(neighbours):
            continue
        sentence = ctx.sentence_at(unit.unit.span, unit.establishing[0])
        example = with_intent[0]
        assert example.intent is not None
        marker = ctx.doc.slice(example.intent)
        ids = ", ".join(n.unit.node.id for n in with_intent)
        reason = (
            f"{unit.unit.node.id} creates liability (\u201c{quote(ctx.doc.slice(sentence), 140)}"
            f"\u201d) without any intent element, while neighbouring provisions ({ids}) require "
            f"one (e.g. \u201c{marker}\u201d in {example.unit.node.id}); as written it can "
            "reach people, companies and intermediaries who did not know of the conduct."
        )
        out.append(ctx.finding(CODE, unit.unit.node.id, sentence, reason))
    return out
