"""``protected_expression``: no restriction or unmasking for protected speech."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import DemandType, TargetProfile
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard

__all__ = ["protected_expression"]

_SPEAKERS = frozenset({TargetProfile.JOURNALIST, TargetProfile.HUMAN_RIGHTS_DEFENDER,
                       TargetProfile.ACTIVIST, TargetProfile.POLITICIAN, TargetProfile.LAWYER})



def _shape(f: Facts) -> Hashable:
    """Inputs: the stated reasons (their policy classes follow from them under one policy; the
    raw list only when no reason other than ``other`` is stated) and the target profiles."""
    d = f.demand
    reasons = f.reasons
    return reasons, None if reasons else tuple(d.reason_categories), tuple(d.target_profiles)

@safeguard(
    "protected_expression",
    title="Protected expression",
    applies=Applies(frozenset({DemandType.CONTENT_RESTRICTION, DemandType.ACCOUNT_ACTION,
                               DemandType.DISCLOSURE, DemandType.EMERGENCY_DISCLOSURE,
                               DemandType.PRESERVATION}),
                    note="disclosure and preservation where they would identify a speaker"),
    sources=(
        cite("ICCPR", "Art 19-20"), cite("GC34", "¶11-13, 38, 42-49"),
        cite("RABAT", "¶29 (six-part threshold)"), cite("MANILA", "Principles 1, 4"),
        cite("DSA", "Art 9(2)(a)(ii)"), cite("EEV", "Art 10(5), 12(1)(a)"),
        cite("SCP", "FP1, FP4"), cite("GNI-P", "Freedom of expression"), cite("RDR", "F6-4"),
    ),
    questions=(
        "Which statements are unlawful, and under which provision?",
        "How are context, intent, reach and the likelihood of harm shown?",
    ),
    codes={
        "protected_expression.narrow_category": "a narrow, internationally accepted category "
        "(met)",
        "protected_expression.protected_category": "the reason is protected expression — "
        "criticism, reporting, belief, advocacy (unmet)",
        "protected_expression.contested_category": "defamation, insult, 'false news', vague "
        "extremism or hate speech below the Rabat threshold (concern)",
        "protected_expression.at_risk_speaker": "the user is a journalist, defender, activist, "
        "politician or lawyer (concern; escalates)",
        "protected_expression.no_reason": "the speech concerned or the reason is not stated "
        "(unknown)",
    },
    shape=_shape,
)
def protected_expression(f: Facts) -> list[Finding]:
    """No restriction or unmasking for protected expression: political debate, criticism of
    officials, journalism, human-rights reporting, satire, religious or minority speech
    (ICCPR 19; GC34 ¶11-13, 38, 42-49). Only narrow categories qualify — child abuse
    material, credible threats, incitement meeting the Rabat six-part threshold (ICCPR 20;
    Rabat). The policy classes each reason: ``protected`` is ``unmet``, ``contested`` a
    ``concern``, ``legitimate`` ``met``; a journalist, defender, activist, politician or lawyer
    as the affected user is at least a ``concern``; no reason stated is ``unknown``.
    """
    out: list[Finding] = []
    d = f.demand
    reasons = f.reasons
    speakers = [p for p in d.target_profiles if p in _SPEAKERS]
    problem = False
    protected = f.protected_reasons
    contested = f.contested_reasons
    if protected:
        problem = True
        out.append(Finding(UNMET, "protected_expression.protected_category",
                           "The demand targets protected expression ("
                           + ", ".join(r.value for r in protected) + ").",
                           (f.ev("reason_categories", protected),)))
    if contested:
        problem = True
        out.append(Finding(CONCERN, "protected_expression.contested_category",
                           "The reason (" + ", ".join(r.value for r in contested) + ") is often "
                           "used against lawful speech; the statements and the harm must be shown.",
                           (f.ev("reason_categories", contested),)))
    if speakers:
        problem = True
        out.append(Finding(CONCERN, "protected_expression.at_risk_speaker",
                           "The affected user is a " + ", ".join(p.value.replace("_", " ")
                                                                 for p in speakers)
                           + "; demands about their speech or sources need senior review.",
                           (f.ev("target_profiles", speakers),)))
    if problem:
        return out
    if not reasons:
        out.append(Finding(UNKNOWN, "protected_expression.no_reason",
                           "The demand does not say what speech is unlawful or why.",
                           (f.ev("reason_categories", d.reason_categories),)))
        return out
    out.append(Finding(MET, "protected_expression.narrow_category",
                       "The reason falls in a narrow category that international law allows to "
                       "restrict.", (f.ev("reason_categories", reasons),)))
    return out
