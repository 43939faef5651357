"""``confidentiality_review``: secrecy orders need a basis, a reason, a limit and review."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import DemandType
from scrutiny.policy import AuthLevel
from scrutiny.safeguards.checks._common import CONCERN, MET, NA, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard

_JUDICIAL = AuthLevel.JUDICIAL.rank

__all__ = ["confidentiality_review"]



def _shape(f: Facts) -> Hashable:
    """Inputs: secrecy request, reporting ban, basis, end date, the level and the court
    order."""
    d = f.demand
    return (d.confidentiality_requested, d.reporting_prohibited, d.confidentiality_basis,
            d.confidentiality_until, f.level_rank, d.judicial_authorisation.present)

@safeguard(
    "confidentiality_review",
    title="Review of secrecy (non-disclosure) requests",
    applies=Applies(frozenset({DemandType.DISCLOSURE, DemandType.PRESERVATION,
                               DemandType.INTERCEPTION, DemandType.EMERGENCY_DISCLOSURE})),
    sources=(
        cite("SCA", "2705(b)"), cite("EEV", "Art 13(2)"),
        cite("BUD", "Art 16(3), 20(3), 21(3), 27(8), 28"),
        cite("UNCC", "Art 25, 29, 30, 40", verified=False), cite("NP", "P8"),
        cite("RDR", "P11a-8, P12-3"),
    ),
    questions=(
        "What is the legal basis for the non-disclosure request?",
        "What specific harm would telling the user cause, and until when?",
        "May the user be told once that date has passed?",
    ),
    codes={
        "confidentiality_review.none_requested": "no secrecy is requested (not applicable)",
        "confidentiality_review.reviewed_order": "court-issued, reasoned and time-limited "
        "(met)",
        "confidentiality_review.reporting_ban": "even aggregate reporting is forbidden (unmet)",
        "confidentiality_review.basis_unknown": "secrecy requested without a stated basis "
        "(unknown)",
        "confidentiality_review.indefinite": "no end date (concern)",
        "confidentiality_review.self_issued": "imposed by the investigators themselves, not a "
        "court (concern)",
    },
    shape=_shape,
)
def confidentiality_review(f: Facts) -> list[Finding]:
    """Secrecy orders block notice and reporting, so they need a legal basis, a case-specific
    reason (danger to life, flight, evidence tampering, witness intimidation, serious
    jeopardy), a time limit and a route to challenge (SCA 2705(b); EEV 13(2); N&P P8). A ban
    on aggregate reporting is ``unmet``; indefinite or self-issued secrecy a ``concern``; no
    basis stated ``unknown``; court-issued, reasoned and time-limited ``met``. A demand that
    asks for no secrecy is ``not_applicable`` (an empty field means none was asked).
    """
    out: list[Finding] = []
    d = f.demand
    if d.confidentiality_requested is not True and d.reporting_prohibited is not True:
        out.append(Finding(NA, "confidentiality_review.none_requested",
                           "The demand does not ask for secrecy.",
                           (f.ev("confidentiality_requested", d.confidentiality_requested),)))
        return out
    problem = False
    if d.reporting_prohibited is True:
        problem = True
        out.append(Finding(UNMET, "confidentiality_review.reporting_ban",
                           "The demand forbids even counting it in aggregate transparency reports.",
                           (f.ev("reporting_prohibited", True),)))
    if d.confidentiality_basis is None:
        problem = True
        out.append(Finding(UNKNOWN, "confidentiality_review.basis_unknown",
                           "Secrecy is requested but no legal basis for it is given.",
                           (f.ev("confidentiality_basis", None),),
                           ("What is the legal basis for the non-disclosure request?",)))
    if d.confidentiality_until is None:
        problem = True
        out.append(Finding(CONCERN, "confidentiality_review.indefinite",
                           "The secrecy has no end date.", (f.ev("confidentiality_until", None),),
                           ("What specific harm would telling the user cause, and until when?",)))
    if f.level_rank is None or f.level_rank < _JUDICIAL:
        problem = True
        out.append(Finding(CONCERN, "confidentiality_review.self_issued",
                           "Secrecy is imposed by the requesting authority itself, not reviewed by "
                           "a court.", (f.ev("judicial_authorisation.present",
                                             d.judicial_authorisation.present),)))
    if not problem:
        out.append(Finding(MET, "confidentiality_review.reviewed_order",
                           "The secrecy is court-reviewed, has a basis and ends on "
                           f"{d.confidentiality_until}.", (f.ev("confidentiality_basis",
                                                                d.confidentiality_basis),
                                                           f.ev("confidentiality_until",
                                                                d.confidentiality_until))))
    return out
