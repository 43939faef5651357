"""``non_discrimination``: no targeting of a person or group for a protected status."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import SensitiveCategory, TargetProfile
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import ALL, Finding, cite, safeguard

__all__ = ["non_discrimination"]

_GROUPS = frozenset({TargetProfile.RELIGIOUS_MINORITY, TargetProfile.ETHNIC_MINORITY,
                     TargetProfile.LGBTQ})
_STATUS_DATA = frozenset({SensitiveCategory.SOGI, SensitiveCategory.RELIGION,
                          SensitiveCategory.ETHNICITY, SensitiveCategory.POLITICAL_OPINION})



def _shape(f: Facts) -> Hashable:
    """Inputs: target profiles, sensitive categories, reasons the policy protects, data sought,
    whether targets, reasons and a purpose are given."""
    d = f.demand
    return (tuple(d.target_profiles), tuple(d.sensitive_categories), f.protected_reasons,
            f.seeks_data, not d.targets, not d.reason_categories, d.stated_purpose is None)

@safeguard(
    "non_discrimination",
    title="Non-discrimination",
    applies=ALL,
    sources=(
        cite("ICCPR", "Art 2(1), 26"), cite("GC34", "¶26, 32"), cite("NP", "P2"),
        cite("UNCC", "Art 6, 40(22)", verified=False), cite("CLOUD", "18 U.S.C. 2523(b)(1)"),
        cite("GNI-UNCC", "Statement on the UN Convention against Cybercrime"),
    ),
    questions=(
        "Why was this person or item selected?",
        "Are similar cases treated alike, whatever the group involved?",
    ),
    codes={
        "non_discrimination.no_indication": "nothing suggests targeting for a protected status "
        "(met)",
        "non_discrimination.at_risk_group": "the target belongs to an at-risk group, or the "
        "reason is protected belief or opinion (concern)",
        "non_discrimination.identifies_group": "the demand seeks to identify people by a "
        "protected status (unmet)",
        "non_discrimination.nothing_known": "neither the target nor the reason is known "
        "(unknown)",
    },
    shape=_shape,
)
def non_discrimination(f: Facts) -> list[Finding]:
    """No one may be targeted, or burdened disproportionately, because of race, sex, language,
    religion, political or other opinion, origin, sexual orientation, gender identity or other
    status; assistance may be refused on substantial grounds of a persecutory purpose (ICCPR
    2(1), 26; UNCC 6, 40). A demand for data identifying people by such a status, aimed at a
    member of such a group, is ``unmet``; an at-risk target or a reason the policy classes as
    protected expression is a ``concern``; nothing known about target or reason ``unknown``.
    """
    out: list[Finding] = []
    d = f.demand
    groups = [p for p in d.target_profiles if p in _GROUPS]
    status_data = [s for s in d.sensitive_categories if s in _STATUS_DATA]
    protected = f.protected_reasons
    if f.seeks_data and status_data and (groups or protected):
        out.append(Finding(UNMET, "non_discrimination.identifies_group",
                           "The demand seeks data revealing a protected status about a member of "
                           "an at-risk group or over protected expression.",
                           (f.ev("sensitive_categories", status_data),
                            f.ev("target_profiles", d.target_profiles))))
        return out
    if groups or protected:
        out.append(Finding(CONCERN, "non_discrimination.at_risk_group",
                           "The target belongs to an at-risk group, or the demand is aimed at "
                           "protected belief or opinion.", (f.ev("target_profiles", groups),
                                                            f.ev("reason_categories", protected))))
        return out
    if not d.targets and not d.reason_categories and not d.target_profiles and (
            d.stated_purpose is None):
        out.append(Finding(UNKNOWN, "non_discrimination.nothing_known",
                           "Neither the target nor the reason for the demand is known.",
                           (f.ev("targets", []), f.ev("reason_categories", []))))
        return out
    out.append(Finding(MET, "non_discrimination.no_indication",
                       "Nothing in the demand suggests targeting for a protected status.",
                       (f.ev("target_profiles", d.target_profiles),)))
    return out
