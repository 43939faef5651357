"""``legitimate_aim``: the demand pursues an aim international law accepts."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.lexicon import contains_any
from scrutiny.safeguards.registry import ALL, Finding, cite, safeguard

__all__ = ["legitimate_aim"]




def _shape(f: Facts) -> Hashable:
    """Inputs: the reasons (their policy classes follow from them under one policy), the
    offence, the purpose, the proceeding and the kind of demand."""
    d = f.demand
    return (f.reasons, d.offence.text if d.offence is not None else None, d.stated_purpose,
            d.proceeding_reference, f.seeks_data, f.restricts)

@safeguard(
    "legitimate_aim",
    title="Legitimate aim",
    applies=ALL,
    sources=(
        cite("ICCPR", "Art 19(3)(a)-(b)"), cite("GC34", "¶21-22, 28-32, 38, 42-43"),
        cite("NP", "P2"), cite("DSA", "Art 10(2)(a)(iv)"), cite("EEV", "Art 2, 5(2)"),
        cite("UNCC", "Art 23", verified=False), cite("CLOUD", "18 U.S.C. 2523(b)(4)"),
    ),
    questions=(
        "Which offence or harm does the demand address?",
        "Which proceeding is it part of, and at what stage?",
        "How is the target involved?",
    ),
    codes={
        "legitimate_aim.specific_offence": "a named offence or proceeding linked to the "
        "target (met)",
        "legitimate_aim.recognised_aim": "a recognised aim for a restriction, stated (met)",
        "legitimate_aim.protected_reason": "the reason given is protected expression (unmet: "
        "silencing criticism or belief is not a legitimate aim)",
        "legitimate_aim.contested_reason": "the reason is a category often used pretextually "
        "(concern)",
        "legitimate_aim.general_terms": "the aim is stated only in general terms (concern)",
        "legitimate_aim.no_purpose_stated": "no purpose, offence or reason stated (unknown)",
    },
    shape=_shape,
)
def legitimate_aim(f: Facts) -> list[Finding]:
    """The aim must be one international law accepts — the rights or reputations of others,
    national security, public order, public health or morals (ICCPR 19(3)) — or, for data,
    a specified criminal proceeding (EEV 2, 5(2); N&P P2). Shielding officials from criticism
    or silencing opposition or belief is not legitimate (GC34 ¶38, 42-43). The policy's
    expression class of each stated reason decides: ``protected`` is ``unmet``, ``contested``
    a ``concern``; an aim in general terms is a ``concern``; nothing stated is ``unknown``.
    """
    out: list[Finding] = []
    d = f.demand
    reasons = f.reasons
    offence = d.offence.text if d.offence is not None else None
    purpose = d.stated_purpose
    if not reasons and not offence and not purpose and d.proceeding_reference is None:
        out.append(Finding(UNKNOWN, "legitimate_aim.no_purpose_stated",
                           "The demand states no purpose, offence or reason.",
                           (f.ev("stated_purpose", None), f.ev("offence", None))))
        return out
    problem = False
    protected = f.protected_reasons
    contested = f.contested_reasons
    if protected:
        problem = True
        out.append(Finding(UNMET, "legitimate_aim.protected_reason",
                           "The reason given (" + ", ".join(r.value for r in protected) + ") is "
                           "protected expression; silencing it is not a legitimate aim.",
                           (f.ev("reason_categories", protected),)))
    if contested:
        problem = True
        out.append(Finding(CONCERN, "legitimate_aim.contested_reason",
                           "The reason given (" + ", ".join(r.value for r in contested) + ") is a "
                           "category often invoked against lawful speech; the aim must be shown "
                           "concretely.", (f.ev("reason_categories", contested),)))
    data_demand = f.seeks_data or not f.restricts  # data, preservation, or kind not stated
    if data_demand:
        specific = offence is not None or d.proceeding_reference is not None
        boilerplate = offence is None and contains_any(purpose, f.rules.boilerplate) is not None
        if not specific or boilerplate:
            problem = True
            out.append(Finding(CONCERN, "legitimate_aim.general_terms",
                               "The aim is stated only in general terms, without a named offence "
                               "or proceeding.", (f.ev("stated_purpose", purpose),)))
    if problem:
        return out
    if data_demand:
        out.append(Finding(MET, "legitimate_aim.specific_offence",
                           "The demand names the offence or proceeding it serves.",
                           (f.ev("offence", offence),
                            f.ev("proceeding_reference", d.proceeding_reference))))
    elif not reasons and offence is None:
        out.append(Finding(CONCERN, "legitimate_aim.general_terms",
                           "The aim is stated only in general terms.",
                           (f.ev("stated_purpose", purpose),)))
    else:
        out.append(Finding(MET, "legitimate_aim.recognised_aim",
                           "The stated reason is one international law accepts for a "
                           "restriction.", (f.ev("reason_categories", reasons),
                                            f.ev("offence", offence))))
    return out
