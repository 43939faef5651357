"""``necessity``: a direct link between target and aim, and no less intrusive means."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import TreatyChannel
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.lexicon import contains_any
from scrutiny.safeguards.registry import ALL, Finding, cite, safeguard

__all__ = ["necessity"]



def _shape(f: Facts) -> Hashable:
    """Inputs: the deadline, the emergency claim, the demand types, the necessity statement,
    facts, treaty route and data fields."""
    d = f.demand
    deadline = d.deadline
    if deadline is None:
        return (None, f.emergency, f.types, d.necessity_statement, d.facts_summary,
                d.treaty_channel, tuple(d.data_fields))
    return ((deadline.text, deadline.hours), f.emergency, f.types, d.necessity_statement,
            d.facts_summary, d.treaty_channel, tuple(d.data_fields))

@safeguard(
    "necessity",
    title="Necessity: individual link, least intrusive means",
    applies=ALL,
    sources=(
        cite("GC34", "¶33-35"), cite("NP", "P3-P4"), cite("DSA", "Art 10(2)(a)(iv)"),
        cite("EEV", "Art 5(2), 5(5)(i), 8, 9"), cite("BUD", "Art 29(2)(e)"),
        cite("UNCC", "Art 42", verified=False), cite("WIRETAP", "18 U.S.C. 2518(3)(c)"),
    ),
    questions=(
        "How does each account or item relate to the offence?",
        "Why would a lighter measure (subscriber data before content, preservation before "
        "production, a local restriction before removal) not be enough?",
    ),
    codes={
        "necessity.justified": "individual link and necessity statement given (met)",
        "necessity.alternatives_not_addressed": "a link is shown but not why a lighter step "
        "would fail (concern)",
        "necessity.boilerplate": "only boilerplate or 'all information' wording (concern)",
        "necessity.not_given": "no link between target and aim is given (unknown)",
        "necessity.eev_certificate": "e-Evidence certificate: necessity grounds go to the "
        "enforcing authority (unknown, by override)",
        "necessity.deadline_unexplained": "a deadline shorter than the policy's default "
        "response time, with no emergency grounds (concern)",
    },
    shape=_shape,
)
def necessity(f: Facts) -> list[Finding]:
    """The state must show, for this target, a direct link between the account or item and
    the aim, and that no less intrusive means would do (GC34 ¶33-35; N&P P3-P4). A necessity
    statement with facts is ``met``; facts without the less-intrusive-means reasoning, or
    boilerplate, are a ``concern``; nothing is ``unknown`` — including e-Evidence certificates,
    which by law omit the grounds (EEV 9: record unknown, never unmet). A deadline shorter
    than the policy's default response time without emergency grounds is a ``concern``: the
    urgency itself must be justified (EEV 5(5)(g); SAP 9(3)).
    """
    out: list[Finding] = []
    d = f.demand
    deadline = d.deadline
    if deadline is not None and deadline.hours is not None and not f.emergency and f.types:
        default = min(f.rules.default_hours[t] for t in f.types)
        if deadline.hours < default:
            out.append(Finding(CONCERN, "necessity.deadline_unexplained",
                               f"The demand sets a {deadline.hours:g}-hour deadline, shorter than "
                               f"the {default} hours the policy allows for review, without saying "
                               "why it is urgent.", (f.ev("deadline", deadline.text or
                                                          deadline.hours),),
                               ("Why must the measure be taken within this deadline?",)))
    statement = d.necessity_statement
    facts_text = d.facts_summary
    if statement is None and facts_text is None:
        if d.treaty_channel is TreatyChannel.EEVIDENCE:
            out.append(Finding(UNKNOWN, "necessity.eev_certificate",
                               "An e-Evidence certificate does not carry the necessity grounds; "
                               "they are with the enforcing authority.",
                               (f.ev("treaty_channel", d.treaty_channel),),
                               override="eev_certificate_omits_necessity"))
            return out
        out.append(Finding(UNKNOWN, "necessity.not_given",
                           "The demand does not say how the target relates to the aim.",
                           (f.ev("necessity_statement", None), f.ev("facts_summary", None))))
        return out
    boiler = (contains_any(statement, f.rules.boilerplate)
              or contains_any(statement, f.rules.all_records)
              or contains_any(" ".join(d.data_fields), f.rules.all_records))
    if boiler is not None and facts_text is None:
        out.append(Finding(CONCERN, "necessity.boilerplate",
                           f"The justification is boilerplate ('{boiler}') rather than specific to "
                           "the target.", (f.ev("necessity_statement", statement),)))
        return out
    if statement is None:
        out.append(Finding(CONCERN, "necessity.alternatives_not_addressed",
                           "Facts are given, but not why a less intrusive measure would fail.",
                           (f.ev("facts_summary", facts_text),),
                           ("Why would a lighter measure (subscriber data before content, "
                            "preservation before production, a local restriction before removal) "
                            "not be enough?",)))
        return out
    if out:  # the link is shown, but the deadline is not justified
        return out
    out.append(Finding(MET, "necessity.justified",
                       "The demand explains the target's link to the aim and why the measure is "
                       "needed.", (f.ev("necessity_statement", statement),
                                   f.ev("facts_summary", facts_text))))
    return out
