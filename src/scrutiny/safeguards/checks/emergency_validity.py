"""``emergency_validity``: a specific, imminent risk to life or safety, minimal data."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import DataCategory, DemandType
from scrutiny.safeguards.checks._common import CONCERN, MET, NA, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard
from scrutiny.safeguards.types import Narrowing

__all__ = ["emergency_validity"]


def _harms(text: str, tokens: tuple[str, ...],
           harm_words: dict[str, tuple[str, ...]]) -> list[str]:
    low = text.lower()
    found = []
    for token in tokens:
        words = harm_words.get(token, (token.replace("_", " "),))
        if any(w in low for w in words):
            found.append(token)
    return found



def _shape(f: Facts) -> Hashable:
    """Inputs: the emergency claim and its justification, the data categories (in order), the
    verification and the follow-up commitment."""
    d = f.demand
    return (f.emergency, d.emergency_claimed, d.emergency_justification,
            tuple(d.data_categories), d.requester.verified, d.followup_process_committed)

@safeguard(
    "emergency_validity",
    title="Emergency validity: imminent risk to life or physical safety",
    applies=Applies(frozenset({DemandType.EMERGENCY_DISCLOSURE}), emergency=True),
    sources=(
        cite("SCA", "2702(b)(8), 2702(c)(4)"), cite("SAP", "Art 3(2)(c), 9, 10"),
        cite("EEV", "Art 3, 4(5), 10(4)", verified=False), cite("GOOGLE-LE", "Emergency "
                                                                "disclosure requests"),
        cite("FBI-EDR", "PSA (2024)"),
    ),
    questions=(
        "Who is at risk, of what harm, and how soon?",
        "How does each item of data requested help avert that harm?",
        "When will formal legal process follow?",
    ),
    codes={
        "emergency_validity.no_emergency_claimed": "no emergency is claimed (not applicable)",
        "emergency_validity.qualifying_threat": "concrete threat to life or safety, minimal "
        "data, verified, follow-up committed (met)",
        "emergency_validity.no_threat_facts": "the threat is not described (unknown)",
        "emergency_validity.vague_urgency": "urgency asserted without a qualifying harm "
        "(concern)",
        "emergency_validity.non_qualifying_harm": "the harm named does not qualify (property, "
        "fraud, public order…) (unmet)",
        "emergency_validity.content_dump": "stored content sought on the emergency route "
        "(unmet; narrow to the allowed categories)",
        "emergency_validity.broad_data": "data beyond the policy's emergency categories "
        "(concern)",
        "emergency_validity.verification_failed": "the requester failed verification (unmet)",
        "emergency_validity.not_verified": "the requester is not yet verified (unknown)",
        "emergency_validity.no_follow_up": "no commitment to follow with formal process "
        "(concern)",
        "emergency_validity.follow_up_unknown": "whether formal process will follow is not "
        "stated (unknown)",
    },
    shape=_shape,
)
def emergency_validity(f: Facts) -> list[Finding]:
    """Emergency routes skip prior authorisation, so they need a specific, imminent risk to
    a person's life or physical safety, data limited to averting it, a verified requester
    and a commitment to follow with formal process (SCA 2702(b)(8); SAP 3, 9, 10; EEV 3,
    4(5)). The qualifying harms, the allowed data categories and whether verification is
    required come from the policy. A non-qualifying harm, a content dump or failed
    verification is ``unmet``; vague urgency or broad data a ``concern``; facts, verification
    or follow-up missing ``unknown``.
    """
    out: list[Finding] = []
    d = f.demand
    r = f.rules
    if not f.emergency:
        out.append(Finding(NA, "emergency_validity.no_emergency_claimed",
                           "No emergency is claimed.", (f.ev("emergency_claimed",
                                                             d.emergency_claimed),)))
        return out
    problem = False
    text = d.emergency_justification
    ev_text = f.ev("emergency_justification", text)
    if not text:
        problem = True
        out.append(Finding(UNKNOWN, "emergency_validity.no_threat_facts",
                           "The emergency is claimed but the threat is not described.", (ev_text,),
                           ("Who is at risk, of what harm, and how soon?",)))
    else:
        qualifying = _harms(text, r.qualifying_harms, r.harm_words)
        if not qualifying:
            problem = True
            other = _harms(text, r.non_qualifying_harms, r.harm_words)
            if other:
                out.append(Finding(UNMET, "emergency_validity.non_qualifying_harm",
                                   f"The harm described ({', '.join(other)}) is not a risk to life "
                                   "or physical safety; use ordinary process.", (ev_text,)))
            else:
                out.append(Finding(CONCERN, "emergency_validity.vague_urgency",
                                   "Urgency is asserted but no risk to life or physical safety is "
                                   "described.", (ev_text,), ("Who is at risk, of what harm, and "
                                                              "how soon?",)))
    seeks = f.categories
    extra = seeks - r.emergency_categories
    if extra:
        problem = True
        allowed = tuple(c.value for c in d.data_categories if c in r.emergency_categories)
        narrowing = Narrowing(data_categories=allowed, reasons=(
            "On the emergency route release only the categories the policy allows: "
            + ", ".join(allowed) + ".",)) if allowed else None
        content = extra & {DataCategory.CONTENT, DataCategory.RT_CONTENT}
        if content:
            out.append(Finding(UNMET, "emergency_validity.content_dump",
                               "Stored content is sought on the emergency route.",
                               (f.ev("data_categories", sorted(seeks)),), narrowing=narrowing))
        else:
            out.append(Finding(CONCERN, "emergency_validity.broad_data",
                               "Data beyond what an emergency normally needs is sought ("
                               + ", ".join(sorted(extra)) + ").",
                               (f.ev("data_categories", sorted(seeks)),), narrowing=narrowing))
    verified = d.requester.verified
    if verified is False:
        problem = True
        out.append(Finding(UNMET, "emergency_validity.verification_failed",
                           "The emergency requester failed verification.",
                           (f.ev("requester.verified", False),)))
    elif verified is None and r.emergency_verification_required:
        problem = True
        out.append(Finding(UNKNOWN, "emergency_validity.not_verified",
                           "The emergency requester has not been verified; the policy requires it.",
                           (f.ev("requester.verified", None),),
                           ("Please confirm the request through a call-back to a number listed in "
                            "an official directory.",)))
    follow = d.followup_process_committed
    if follow is False:
        problem = True
        out.append(Finding(CONCERN, "emergency_validity.no_follow_up",
                           "The requester does not commit to follow with formal legal process.",
                           (f.ev("followup_process_committed", False),)))
    elif follow is None:
        problem = True
        out.append(Finding(UNKNOWN, "emergency_validity.follow_up_unknown",
                           f"It is not stated whether formal process will follow (the policy "
                           f"expects it within {r.emergency_follow_up_days} days).",
                           (f.ev("followup_process_committed", None),),
                           ("When will formal legal process follow?",)))
    if not problem:
        out.append(Finding(MET, "emergency_validity.qualifying_threat",
                           "A concrete threat to life or safety is described, the data is limited, "
                           "the requester verified and formal process will follow.", (ev_text,)))
    return out
