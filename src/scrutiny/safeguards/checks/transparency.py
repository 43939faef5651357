"""``transparency``: the demand can be counted and its original archived."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import ProcessType
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import ALL, Finding, cite, safeguard

__all__ = ["transparency"]



def _shape(f: Facts) -> Hashable:
    """Inputs: reporting ban, process type, channel, secrecy request."""
    d = f.demand
    return d.reporting_prohibited, d.process_type, d.channel, d.confidentiality_requested

@safeguard(
    "transparency",
    title="Transparency reporting",
    applies=ALL,
    sources=(
        cite("RDR", "P11a, F6, F7"), cite("DSA", "Art 15, 24, 42"),
        cite("SCP", "Numbers (state involvement)"), cite("NP", "P9-P10"),
        cite("GNI-P", "Governance, accountability and transparency"),
        cite("MANILA", "Principle 6"),
    ),
    questions=(
        "Is there any restriction on counting this demand in transparency reports, or on "
        "publishing a redacted copy?",
    ),
    codes={
        "transparency.reportable": "the demand can be reported (met)",
        "transparency.reporting_banned": "the demand forbids any reporting (unmet)",
        "transparency.bands_only": "reporting allowed only in bands (concern)",
        "transparency.informal_request": "an informal government request: count it as one "
        "(concern)",
        "transparency.restriction_unclear": "secrecy is requested and its reach over reporting "
        "is unclear (unknown)",
    },
    shape=_shape,
)
def transparency(f: Facts) -> list[Finding]:
    """Each demand must be reportable in aggregate (country, authority, type, outcome) and its
    original publishable or archivable in redacted form; informal government requests still
    count as government requests (RDR P11a, F6; DSA 15, 24, 42; SCP Numbers). A ban on any
    reporting is ``unmet``; reporting only in bands (the policy's ``band_size``, as for
    national-security process) or an informal request a ``concern``; secrecy requested
    without saying whether it reaches aggregate reporting ``unknown``.
    """
    out: list[Finding] = []
    d = f.demand
    if d.reporting_prohibited is True:
        out.append(Finding(UNMET, "transparency.reporting_banned",
                           "The demand forbids even aggregate reporting.",
                           (f.ev("reporting_prohibited", True),)))
        return out
    problem = False
    if d.process_type is ProcessType.NATIONAL_SECURITY_LETTER:
        problem = True
        out.append(Finding(CONCERN, "transparency.bands_only",
                           f"National-security process may be reported only in bands of "
                           f"{f.rules.band_size}.", (f.ev("process_type", d.process_type),)))
    if f.informal:
        problem = True
        out.append(Finding(CONCERN, "transparency.informal_request",
                           "An informal request from a government is still a government request "
                           "and must be counted as one.", (f.ev("process_type", d.process_type),
                                                           f.ev("channel", d.channel))))
    if d.confidentiality_requested is True and d.reporting_prohibited is None:
        problem = True
        out.append(Finding(UNKNOWN, "transparency.restriction_unclear",
                           "Secrecy is requested; it is not clear whether it also bars counting "
                           "the demand in aggregate.", (f.ev("confidentiality_requested", True),)))
    if not problem:
        out.append(Finding(MET, "transparency.reportable",
                           "Nothing bars counting this demand or archiving a redacted copy.",
                           (f.ev("reporting_prohibited", d.reporting_prohibited),)))
    return out
