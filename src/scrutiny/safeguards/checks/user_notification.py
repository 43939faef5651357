"""``user_notification``: affected users learn of the demand in time to contest it."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import DemandType
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard

__all__ = ["user_notification"]



def _shape(f: Facts) -> Hashable:
    """Inputs: the secrecy request, its basis and end date."""
    d = f.demand
    return d.confidentiality_requested, d.confidentiality_basis, d.confidentiality_until

@safeguard(
    "user_notification",
    title="User notification",
    applies=Applies(frozenset({DemandType.DISCLOSURE, DemandType.CONTENT_RESTRICTION,
                               DemandType.ACCOUNT_ACTION})),
    sources=(
        cite("NP", "P8"), cite("RDR", "P12, F8"), cite("DSA", "Art 9(5), 10(5), 17"),
        cite("EEV", "Art 13(1)-(3)"), cite("SCP", "Notice"), cite("GNI-IG", "Notify users"),
        cite("GOOGLE-LE", "User notice"), cite("OHCHR-14", "¶40", verified=False),
    ),
    questions=(
        "Is there any legal bar to notifying the user? If so, its basis and duration.",
    ),
    codes={
        "user_notification.permitted": "the company may notify the user (met)",
        "user_notification.deferred_with_basis": "notice deferred under a reviewed, "
        "time-limited order; notify when it lapses (met)",
        "user_notification.suppressed_without_basis": "notice forbidden without any basis "
        "(unmet)",
        "user_notification.bar_unexplained": "notice barred, basis not given (unknown)",
        "user_notification.indefinite_delay": "notice barred with no end date (concern)",
    },
    shape=_shape,
)
def user_notification(f: Facts) -> list[Finding]:
    """Affected users must learn what was demanded, by whom, on what basis and how to contest
    it, in time to act, unless lawful confidentiality applies — and then when it lapses
    (N&P P8; DSA 9(5), 10(5), 17; EEV 13; RDR P12). Notice barred with no basis at all is
    ``unmet``; barred with no end date a ``concern``; barred with the basis not given
    ``unknown``; otherwise ``met`` (the company notifies, or diarises the lapse date; the
    policy's ``deferral_review_days`` sets when a deferral is reviewed).
    """
    out: list[Finding] = []
    d = f.demand
    if d.confidentiality_requested is not True:
        out.append(Finding(MET, "user_notification.permitted",
                           "Nothing bars telling the user what was demanded, by whom and how to "
                           "contest it.", (f.ev("confidentiality_requested",
                                                d.confidentiality_requested),)))
        return out
    basis = d.confidentiality_basis
    if basis is not None and basis.strip().lower() in {"none", "no basis", "n/a"}:
        out.append(Finding(UNMET, "user_notification.suppressed_without_basis",
                           "The demand forbids telling the user and gives no legal basis for it.",
                           (f.ev("confidentiality_basis", basis),)))
        return out
    if basis is None:
        out.append(Finding(UNKNOWN, "user_notification.bar_unexplained",
                           "The demand asks that the user not be told, without saying why or "
                           "under which law.", (f.ev("confidentiality_requested", True),)))
        return out
    if d.confidentiality_until is None:
        out.append(Finding(CONCERN, "user_notification.indefinite_delay",
                           f"Notice is barred with no end date; review the deferral every "
                           f"{f.rules.deferral_review_days} days.",
                           (f.ev("confidentiality_until", None),)))
        return out
    out.append(Finding(MET, "user_notification.deferred_with_basis",
                       f"Notice is deferred under '{basis}' until "
                       f"{d.confidentiality_until.isoformat()}; notify the user then.",
                       (f.ev("confidentiality_basis", basis),
                        f.ev("confidentiality_until", d.confidentiality_until))))
    return out
