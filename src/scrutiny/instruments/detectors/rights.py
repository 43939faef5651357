"""(h) No references to human-rights instruments, no gender mainstreaming.

Rule: where the instrument governs powers over people (it creates offences or procedural
powers), flag once for the whole instrument if its text never refers to human-rights
obligations (``human_rights``: "human rights", "fundamental freedoms", the ICCPR, a bill of
rights, freedom of expression, the right to privacy …), and once if it contains no gender
perspective or mainstreaming clause (``gender``).

Sources: Budapest Art. 15(1) and preamble; UNCC Art. 6 and preamble; GNI statement
(gender mainstreaming); ICCPR Arts. 3, 26.
"""

from __future__ import annotations

from scrutiny.instruments.context import Context
from scrutiny.instruments.findings import INSTRUMENT_LEVEL, Finding
from scrutiny.instruments.model import Kind
from scrutiny.instruments.offences import offence_units

__all__ = ["detect"]


def detect(ctx: Context) -> list[Finding]:
    """Flag instrument-level absence of human-rights references and gender clauses."""
    governs = bool(offence_units(ctx)) or bool(ctx.cache.get("power_units"))
    if not governs:
        from scrutiny.instruments.detectors.powers import power_units

        governs = bool(power_units(ctx))
    if not governs:
        return []
    body = "\n".join(ctx.doc.slice(n.span) for n in ctx.doc.nodes
                     if n.kind is not Kind.HEADER)
    start = ctx.doc.body_start
    out: list[Finding] = []
    if not ctx.has("rights", "human_rights", body):
        out.append(ctx.finding(
            "rights.no_reference", INSTRUMENT_LEVEL, (start, start),
            f"{ctx.doc.title} creates offences or investigative powers but never refers to "
            "human rights, fundamental freedoms, freedom of expression or privacy, nor to "
            "the ICCPR or a bill of rights, as a limit on them."))
    if not ctx.has("rights", "gender", body):
        out.append(ctx.finding(
            "rights.no_gender", INSTRUMENT_LEVEL, (start, start),
            f"{ctx.doc.title} contains no gender-perspective or gender-mainstreaming clause "
            "for the offences and powers it creates."))
    return out
