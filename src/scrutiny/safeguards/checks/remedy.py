"""``remedy``: the company and the user can contest the demand."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.safeguards.checks._common import MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.lexicon import contains_any
from scrutiny.safeguards.registry import ALL, Finding, cite, safeguard

__all__ = ["remedy"]



def _shape(f: Facts) -> Hashable:
    """Inputs: the redress information."""
    return f.demand.redress_info

@safeguard(
    "remedy",
    title="Effective remedy",
    applies=ALL,
    sources=(
        cite("ICCPR", "Art 2(3)"), cite("UNCC", "Art 24(2)", verified=False),
        cite("DSA", "Art 9(2)(a)(v), 10(2)(a)(v), 20-21"), cite("EEV", "Art 13(3), 18"),
        cite("SAP", "Art 14"), cite("NP", "P7, P13"), cite("SCP", "Appeal"),
        cite("GNI-IG", "Challenge demands in domestic courts"), cite("MANILA", "Principle 5"),
    ),
    questions=(
        "Which remedies are open to the company and to the user, before which court, and by "
        "when?",
    ),
    codes={
        "remedy.routes_stated": "redress routes are stated (met)",
        "remedy.declared_unreviewable": "the demand says it cannot be contested (unmet)",
        "remedy.not_stated": "no redress information (unknown)",
    },
    shape=_shape,
)
def remedy(f: Facts) -> list[Finding]:
    """The provider and the user need effective routes to contest the demand — judicial
    review or appeal — and must be told of them (ICCPR 2(3); DSA 9(2)(a)(v), 10(2)(a)(v);
    EEV 13(3), 18; N&P P7, P13). A demand declared unreviewable is ``unmet``; redress stated
    is ``met``; no redress information is ``unknown`` (ask).
    """
    out: list[Finding] = []
    d = f.demand
    info = d.redress_info
    if info is None:
        out.append(Finding(UNKNOWN, "remedy.not_stated",
                           "The demand does not say how it can be contested.",
                           (f.ev("redress_info", None),)))
        return out
    marker = contains_any(info, f.rules.unreviewable)
    if marker is not None:
        out.append(Finding(UNMET, "remedy.declared_unreviewable",
                           f"The demand declares itself beyond challenge ('{marker}').",
                           (f.ev("redress_info", info),)))
        return out
    out.append(Finding(MET, "remedy.routes_stated", "The demand states how it can be contested.",
                       (f.ev("redress_info", info),)))
    return out
