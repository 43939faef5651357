"""``requester_authenticity``: the demand verifiably comes from the stated authority."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import Channel
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.lexicon import contains_any
from scrutiny.safeguards.registry import ALL, Finding, cite, safeguard

__all__ = ["requester_authenticity"]

_VERIFY_QUESTIONS = (
    "Please resend a signed copy through the designated channel or verified portal.",
    "Please give a call-back number listed in an official directory so the request can be "
    "verified.",
)
_ORAL = frozenset({Channel.PHONE, Channel.IN_PERSON})



def _shape(f: Facts) -> Hashable:
    """Inputs: verification, the official contact, writing, channel, signature, translation
    and the emergency claim; the authority only when verified, the only case it is cited."""
    d = f.demand
    req = d.requester
    verified = req.verified
    key = (verified, req.official_contact, d.in_writing, d.channel, req.signed,
           d.translation_provided, f.emergency)
    if verified is True:
        return key, req.authority
    return key

@safeguard(
    "requester_authenticity",
    title="Requester authenticity: a verified authority, in writing",
    applies=ALL,
    sources=(
        cite("GNI-IG", "Require demands in writing, naming the entity, official, title and "
             "signature"),
        cite("DSA", "Art 9(2)(a)(iii), 9(2)(c), 10(2)(a)(ii), 10(2)(c), 11"),
        cite("EEV", "Art 9, 19"), cite("SAP", "Art 7(3)(a), 9(3)(a)"),
        cite("BUD", "Art 29(2)(a)"), cite("FBI-EDR", "PSA (2024)"),
    ),
    questions=(
        "Please resend a signed copy through the designated channel or verified portal.",
        "Please give a call-back number listed in an official directory so the request can be "
        "verified.",
        "Please supply a translation into an accepted language.",
    ),
    codes={
        "requester_authenticity.verified": "independently verified, in writing (met)",
        "requester_authenticity.verification_failed": "independent verification failed (unmet)",
        "requester_authenticity.free_webmail": "official contact is a free webmail address "
        "(unmet)",
        "requester_authenticity.not_in_writing": "the demand was not made in writing (unmet)",
        "requester_authenticity.oral_channel": "received by phone or in person (concern)",
        "requester_authenticity.unsigned": "no signature (concern)",
        "requester_authenticity.no_translation": "no translation supplied (concern)",
        "requester_authenticity.not_verified": "not yet independently verified (unknown)",
        "requester_authenticity.emergency_not_verified": "an emergency request not yet "
        "verified (unknown; the highest forgery risk)",
    },
    shape=_shape,
)
def requester_authenticity(f: Facts) -> list[Finding]:
    """The demand must verifiably come from the stated authority and an empowered official,
    in writing, through a verified channel and an accepted language (GNI-IG; DSA 9(2), 10(2),
    11; EEV 9, 19). Forged emergency requests from compromised official mailboxes are a
    documented attack, so emergencies need verification first. Verification failed, a free
    webmail sender or an oral-only demand is ``unmet``; unsigned, oral channel or no
    translation is a ``concern``; not yet verified is ``unknown``.
    """
    out: list[Finding] = []
    d = f.demand
    req = d.requester
    problem = False
    if req.verified is False:
        problem = True
        out.append(Finding(UNMET, "requester_authenticity.verification_failed",
                           "Independent verification of the requester failed.",
                           (f.ev("requester.verified", False),)))
    webmail = contains_any(req.official_contact, f.rules.free_webmail)
    if webmail is not None:
        problem = True
        out.append(Finding(UNMET, "requester_authenticity.free_webmail",
                           "The official contact is a free webmail address, a known pattern of "
                           "forged requests.", (f.ev("requester.official_contact",
                                                     req.official_contact),)))
    if d.in_writing is False:
        problem = True
        out.append(Finding(UNMET, "requester_authenticity.not_in_writing",
                           "The demand was not made in writing.", (f.ev("in_writing", False),)))
    elif d.channel in _ORAL:
        problem = True
        out.append(Finding(CONCERN, "requester_authenticity.oral_channel",
                           "The demand arrived by phone or in person; ask for it in writing.",
                           (f.ev("channel", d.channel),)))
    if req.signed is False:
        problem = True
        out.append(Finding(CONCERN, "requester_authenticity.unsigned",
                           "The demand is not signed by a named official.",
                           (f.ev("requester.signed", False),)))
    if d.translation_provided is False:
        problem = True
        out.append(Finding(CONCERN, "requester_authenticity.no_translation",
                           "No translation was supplied.", (f.ev("translation_provided", False),),
                           ("Please supply a translation into an accepted language.",)))
    if req.verified is None:
        problem = True
        if f.emergency:
            out.append(Finding(UNKNOWN, "requester_authenticity.emergency_not_verified",
                               "An emergency request has not been independently verified; "
                               "emergencies are the preferred route of forged requests.",
                               (f.ev("requester.verified", None),), _VERIFY_QUESTIONS))
        else:
            out.append(Finding(UNKNOWN, "requester_authenticity.not_verified",
                               "The requester has not yet been independently verified (call-back "
                               "or verified portal).", (f.ev("requester.verified", None),),
                               _VERIFY_QUESTIONS))
    if not problem:
        out.append(Finding(MET, "requester_authenticity.verified",
                           "The requester was independently verified and the demand is in "
                           "writing.", (f.ev("requester.verified", True),
                                        f.ev("requester.authority", req.authority))))
    return out
