"""``intermediary_intent``: no liability for hosting without intent; no general monitoring."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import DemandType
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard

__all__ = ["intermediary_intent"]



def _shape(f: Facts) -> Hashable:
    """Inputs: which red flags are asserted, the sanction wording (when sanctions are
    threatened) and the number of targets."""
    d = f.demand
    threat = d.threat_of_sanction is True
    return (d.monitoring_required is True, d.staff_threatened is True, threat,
            d.sanction_text if threat else None, len(d.targets))

@safeguard(
    "intermediary_intent",
    title="Intermediary liability only with intent; no general monitoring",
    applies=Applies(frozenset({DemandType.CONTENT_RESTRICTION, DemandType.ACCOUNT_ACTION,
                               DemandType.INTERCEPTION})),
    sources=(
        cite("UNCC", "Art 7-16, 18", verified=False), cite("BUD", "Art 2-12"),
        cite("DSA", "Art 4-6, 8"), cite("MANILA", "Principle 1"), cite("RABAT", "¶29(c)"),
        cite("GNI-UNCC", "Statement on the UN Convention against Cybercrime"),
    ),
    questions=(
        "What knowledge or intent is alleged against the company?",
        "Is monitoring of other content demanded, and on what legal basis?",
    ),
    codes={
        "intermediary_intent.specific_items": "specific items identified, no liability "
        "asserted (met)",
        "intermediary_intent.general_monitoring": "the company must monitor or filter (unmet)",
        "intermediary_intent.staff_threatened": "local employees named or threatened "
        "(concern)",
        "intermediary_intent.sanction_threatened": "sanctions threatened without any "
        "allegation of intent (concern)",
        "intermediary_intent.items_unknown": "the items concerned are not identified "
        "(unknown)",
    },
    shape=_shape,
)
def intermediary_intent(f: Facts) -> list[Finding]:
    """Neither the provider nor its staff may be held liable, or threatened, over users'
    content without intent: hosting, transmitting or not monitoring is not enough, and
    general monitoring may not be imposed (UNCC 7-16 "intentionally"; DSA 4-6, 8; Manila P1).
    Mandated monitoring (copies, forks, "similar content") is ``unmet``; threats of sanctions
    or to named employees are a ``concern`` (a red flag); items not identified ``unknown``.
    Red-flag fields left empty count as "not asserted in the demand".
    """
    out: list[Finding] = []
    d = f.demand
    problem = False
    if d.monitoring_required is True:
        problem = True
        out.append(Finding(UNMET, "intermediary_intent.general_monitoring",
                           "The demand requires the company to monitor or filter similar content.",
                           (f.ev("monitoring_required", True),)))
    if d.staff_threatened is True:
        problem = True
        out.append(Finding(CONCERN, "intermediary_intent.staff_threatened",
                           "Local employees are named or threatened with liability.",
                           (f.ev("staff_threatened", True),)))
    if d.threat_of_sanction is True:
        problem = True
        out.append(Finding(CONCERN, "intermediary_intent.sanction_threatened",
                           "Sanctions are threatened without any allegation that the company "
                           "intended the unlawful content.", (f.ev("threat_of_sanction", True),
                                                              f.ev("sanction_text",
                                                                   d.sanction_text))))
    if not d.targets:
        problem = True
        out.append(Finding(UNKNOWN, "intermediary_intent.items_unknown",
                           "The items concerned are not identified.", (f.ev("targets", []),)))
    if not problem:
        out.append(Finding(MET, "intermediary_intent.specific_items",
                           "Specific items are identified and no liability is asserted against "
                           "the company.", (f.ev("targets", len(d.targets)),)))
    return out
