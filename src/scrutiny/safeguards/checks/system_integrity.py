"""``system_integrity``: no backdoors, weakened encryption or direct access."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import DemandType, TechnicalAssistance
from scrutiny.policy import AuthLevel
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard

_JUDICIAL = AuthLevel.JUDICIAL.rank

__all__ = ["system_integrity"]

_FORBIDDEN = (TechnicalAssistance.BACKDOOR, TechnicalAssistance.ENCRYPTION_WEAKENING,
              TechnicalAssistance.DIRECT_ACCESS, TechnicalAssistance.BULK_INTERCEPTION,
              TechnicalAssistance.PERSONNEL_COMPELLED)



def _shape(f: Facts) -> Hashable:
    """Inputs: the assistance asked (in order), the level, whether targets are named and the
    demand types."""
    d = f.demand
    return tuple(d.technical_assistance), f.level_rank, not d.targets, f.types

@safeguard(
    "system_integrity",
    title="System integrity and security",
    applies=Applies(frozenset({DemandType.INTERCEPTION, DemandType.DISCLOSURE})),
    sources=(
        cite("NP", "P11"), cite("BUD", "Art 20-21"),
        cite("UNCC", "Art 28, 29-30", verified=False), cite("GNI-DA", "Defining Direct Access"),
        cite("GNI-UNCC", "Statement on the UN Convention against Cybercrime"),
    ),
    questions=(
        "Which technical assistance exactly is sought, for which target, under which order?",
    ),
    codes={
        "system_integrity.no_assistance": "stored data only; no technical assistance sought "
        "(met)",
        "system_integrity.targeted_existing_capability": "targeted, within existing "
        "capability, under a judicial order (met)",
        "system_integrity.compromise": "backdoor, weakened encryption, direct access, bulk "
        "interception or compelled staff (unmet)",
        "system_integrity.new_capability": "the company must build a new capability (concern)",
        "system_integrity.order_below_judicial": "assistance within capability but without a "
        "judicial order (concern)",
        "system_integrity.assistance_unspecified": "interception demanded without saying what "
        "assistance (unknown)",
    },
    shape=_shape,
)
def system_integrity(f: Facts) -> list[Finding]:
    """No weakening of security: no backdoors, broken or downgraded encryption, direct
    unmediated access, or staff compelled to reveal system secrets. Interception assistance
    stays within existing capability, for a specified target, under a valid order (N&P P11;
    BUD 20-21; UNCC 28-30 "existing technical capability"; GNI "Defining Direct Access").
    Any of the forbidden kinds is ``unmet``; a new capability or a non-judicial order a
    ``concern``; interception with the assistance unspecified ``unknown``.
    """
    out: list[Finding] = []
    d = f.demand
    asked = d.technical_assistance
    forbidden = [a for a in _FORBIDDEN if a in asked]
    if forbidden:
        out.append(Finding(UNMET, "system_integrity.compromise",
                           "The demand would compromise the security of the system ("
                           + ", ".join(a.value.replace("_", " ") for a in forbidden) + ").",
                           (f.ev("technical_assistance", forbidden),)))
        return out
    if TechnicalAssistance.NEW_CAPABILITY in asked:
        out.append(Finding(CONCERN, "system_integrity.new_capability",
                           "The company is asked to build a capability it does not have.",
                           (f.ev("technical_assistance", asked),)))
        return out
    if TechnicalAssistance.WITHIN_EXISTING_CAPABILITY in asked:
        if f.level_rank is not None and f.level_rank >= _JUDICIAL and d.targets:
            out.append(Finding(MET, "system_integrity.targeted_existing_capability",
                               "Assistance stays within existing capability, for named targets, "
                               "under a judicial order.", (f.ev("technical_assistance", asked),)))
        else:
            out.append(Finding(CONCERN, "system_integrity.order_below_judicial",
                               "Technical assistance is sought without a judicial order or without "
                               "named targets.", (f.ev("technical_assistance", asked),)))
        return out
    if DemandType.INTERCEPTION in f.types:
        out.append(Finding(UNKNOWN, "system_integrity.assistance_unspecified",
                           "Interception is demanded without saying what technical assistance is "
                           "needed.", (f.ev("technical_assistance", []),)))
        return out
    out.append(Finding(MET, "system_integrity.no_assistance",
                       "Only stored data is sought; no technical assistance or access to systems.",
                       (f.ev("technical_assistance", []),)))
    return out
