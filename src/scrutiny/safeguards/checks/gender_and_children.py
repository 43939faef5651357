"""``gender_and_children``: gendered and child-specific harm."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import ReasonCategory, SensitiveCategory, TargetProfile
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import ALL, Finding, cite, safeguard

__all__ = ["gender_and_children"]

_GENDERED = frozenset({SensitiveCategory.SOGI, SensitiveCategory.REPRODUCTIVE_HEALTH,
                       SensitiveCategory.GBV})
_IDENTIFYING = frozenset({SensitiveCategory.SOGI, SensitiveCategory.REPRODUCTIVE_HEALTH})



def _shape(f: Facts) -> Hashable:
    """Inputs: sensitive categories, data sought, target profiles, whether a reason is
    protected, a minor (and then the reasons), whether targets are named."""
    d = f.demand
    minor = d.user_is_minor
    return (tuple(d.sensitive_categories), f.seeks_data, tuple(d.target_profiles),
            not f.protected_reasons, minor,
            tuple(d.reason_categories) if minor is True else None, not d.targets)

@safeguard(
    "gender_and_children",
    title="Gender and children",
    applies=ALL,
    sources=(
        cite("UNCC", "Preamble; Art 14-16", verified=False),
        cite("GNI-UNCC", "Statement on the UN Convention against Cybercrime"),
        cite("SCP", "FP3 (cultural competence)"), cite("ICCPR", "Art 2, 24, 26"),
    ),
    questions=(
        "Does the demand involve a minor or sensitive data (sexual orientation, gender "
        "identity, reproductive health, gender-based violence)?",
        "How will such data be protected?",
    ),
    codes={
        "gender_and_children.no_indication": "no gendered or child-specific risk appears "
        "(met)",
        "gender_and_children.child_protection": "a child-protection demand: respond promptly "
        "and carefully (met, by override)",
        "gender_and_children.sensitive_data": "SOGI, reproductive-health or GBV data, or a "
        "minor, is involved (concern)",
        "gender_and_children.identifies_by_sogi": "the demand seeks to identify people by "
        "sexual orientation, gender identity or reproductive choices (unmet)",
        "gender_and_children.locates_survivor": "the demand could locate a survivor of "
        "gender-based violence (unmet)",
        "gender_and_children.nothing_known": "nothing is known about the people affected "
        "(unknown)",
    },
    shape=_shape,
)
def gender_and_children(f: Facts) -> list[Finding]:
    """Check for gendered or child-specific harm: exposing survivors of gender-based violence,
    reproductive-health or sexual orientation and gender identity (SOGI) data, targeting women
    journalists and defenders; minors' data needs best-interests care (UNCC 14-16 and its
    gender provisions; ICCPR 24). Data demands that would identify people by SOGI or
    reproductive choices, or locate a survivor, are ``unmet``; sensitive categories or a minor
    a ``concern``; nothing known about the people affected ``unknown``. Override: a
    child-protection demand merits a prompt, well-founded response (ICCPR 24).
    """
    out: list[Finding] = []
    d = f.demand
    sensitive = [s for s in d.sensitive_categories if s in _GENDERED]
    if f.seeks_data:
        ident = [s for s in sensitive if s in _IDENTIFYING]
        if ident and (TargetProfile.LGBTQ in d.target_profiles or f.protected_reasons):
            out.append(Finding(UNMET, "gender_and_children.identifies_by_sogi",
                               "The demand would identify people by sexual orientation, gender "
                               "identity or reproductive choices.",
                               (f.ev("sensitive_categories", ident),)))
            return out
        if SensitiveCategory.GBV in d.sensitive_categories and (
                SensitiveCategory.LOCATION in d.sensitive_categories):
            out.append(Finding(UNMET, "gender_and_children.locates_survivor",
                               "The demand seeks the location of someone in a gender-based "
                               "violence "
                               "context.", (f.ev("sensitive_categories", d.sensitive_categories),)))
            return out
    if d.user_is_minor is True and ReasonCategory.CHILD_SAFETY in d.reason_categories and (
            not sensitive):
        out.append(Finding(MET, "gender_and_children.child_protection",
                           "The demand protects a child; respond promptly, disclosing no more than "
                           "needed.", (f.ev("user_is_minor", True),
                                       f.ev("reason_categories", d.reason_categories)),
                           override="child_protection_prompt_response"))
        return out
    if sensitive or d.user_is_minor is True or TargetProfile.LGBTQ in d.target_profiles or (
            TargetProfile.MINOR in d.target_profiles):
        out.append(Finding(CONCERN, "gender_and_children.sensitive_data",
                           "The demand involves sensitive gender-related data or a minor; protect "
                           "it and weigh the person's best interests.",
                           (f.ev("sensitive_categories", sensitive),
                            f.ev("user_is_minor", d.user_is_minor))))
        return out
    if not d.targets and not d.target_profiles and d.user_is_minor is None:
        out.append(Finding(UNKNOWN, "gender_and_children.nothing_known",
                           "Nothing is known about the people the demand affects.",
                           (f.ev("targets", []),)))
        return out
    out.append(Finding(MET, "gender_and_children.no_indication",
                       "No gendered or child-specific risk appears in the demand.",
                       (f.ev("sensitive_categories", []), f.ev("user_is_minor", d.user_is_minor))))
    return out
