"""``legality``: a specific, published, foreseeable provision empowers this measure."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET, has_pinpoint
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.lexicon import contains_any
from scrutiny.safeguards.registry import ALL, Finding, cite, safeguard

__all__ = ["legality"]


_WINDOW = 300
"""Characters after a cited provision read for the wording it is invoked with."""


def _near(f: Facts, path: str) -> str | None:
    """The letter text around a cited basis (its provenance span), where recorded."""
    text = f.demand.raw_text
    spans = f.spans(path)
    if text is None or not spans:
        return None
    start, end = spans[0]
    return text[max(0, start - 40):end + _WINDOW]



def _shape(f: Facts) -> Hashable:
    """Inputs: the process, the channel, each basis (text, publication, provision), whether
    the authority is identified and, for a letter, the catch-all wording found in the passage
    around each citation (the only use the check makes of the text and its spans)."""
    d = f.demand
    req = d.requester
    bases = d.legal_bases
    near = None
    if bases and not f.plain:  # as the check reads it: the passage only when the text is clean
        catch_all = f.rules.catch_all
        near = tuple([contains_any(b.text, catch_all)
                      or contains_any(_near(f, f"legal_bases[{i}]"), catch_all)
                      for i, b in enumerate(bases)])
    return (d.process_type, d.channel, tuple([(b.text, b.public, b.provision) for b in bases]),
            req.authority is None and req.authority_kind is None, near)


@safeguard(
    "legality",
    title="Legality: prescribed by a specific, public law",
    applies=ALL,
    sources=(
        cite("ICCPR", "Art 17(1), 19(3)"), cite("GC34", "¶24-25"), cite("NP", "P1"),
        cite("GNI-IG", "Require established domestic legal process"),
        cite("DSA", "Art 9(2)(a)(i), 10(2)(a)(i)"), cite("UNCC", "Art 24(1)", verified=False),
        cite("BUD", "Art 15(1)"), cite("MANILA", "Principle 3"), cite("RDR", "P10a-4, F5a-4"),
    ),
    questions=(
        "Which published provision authorises this measure, for this authority?",
        "Which legal procedure was followed, and by whom?",
    ),
    codes={
        "legality.no_basis_cited": "no legal basis cited (unknown: it may exist)",
        "legality.informal_without_basis": "informal request with no legal basis: a "
        "'voluntary' ask substituting for legal process (unmet)",
        "legality.informal_channel": "a basis is cited but the demand came through an "
        "informal channel (concern)",
        "legality.secret_law": "the basis relied on is not published (unmet)",
        "legality.vague_basis": "the basis is a catch-all clause (concern)",
        "legality.basis_without_provision": "laws are named without any specific provision "
        "(concern)",
        "legality.authority_unknown": "the issuing authority is not identified (unknown)",
        "legality.procedure_unknown": "the legal process used is not stated (unknown)",
        "legality.specific_public_basis": "a specific provision is cited through formal "
        "process (met)",
    },
    shape=_shape,
)
def legality(f: Facts) -> list[Finding]:
    """A specific, published and foreseeable provision must empower this authority to take this
    measure, by the procedure the law prescribes (ICCPR 17(1), 19(3); GC34 ¶24-25; N&P P1).
    Secret rules and catch-alls fail the foreseeability test; an informal ask routed around
    legal process is not a lawful demand. No basis cited is ``unknown`` (ask for it); an
    informal request with no basis is ``unmet``; a vague or unpinpointed basis, or a formal
    basis sent informally, is a ``concern``. A basis is vague when its text, or the wording
    the letter quotes right after it, rests on a catch-all ground ("public order", "rumours",
    "national honour"…).
    """
    out: list[Finding] = []
    d = f.demand
    bases = d.legal_bases
    problem = False
    if f.informal:
        ev = (f.ev("process_type", d.process_type) if d.process_type is not None
              else f.ev("channel", d.channel))
        if not bases:
            problem = True
            out.append(Finding(UNMET, "legality.informal_without_basis",
                               "The demand comes without legal process and cites no law: an "
                               "informal request cannot replace the process the law requires.",
                               (ev,)))
        else:
            problem = True
            out.append(Finding(CONCERN, "legality.informal_channel",
                               "A law is cited, but the demand arrives through an informal channel "
                               "rather than the prescribed procedure.", (ev,)))
    elif not bases:
        problem = True
        out.append(Finding(UNKNOWN, "legality.no_basis_cited",
                           "No legal basis is cited, so it cannot be told whether any law empowers "
                           "this measure.", (f.ev("legal_bases", []),),
                           ("Which published provision authorises this measure, for this "
                            "authority?",)))
    pinpointed = False
    for i, b in enumerate(bases):
        path = f"legal_bases[{i}]"
        if b.public is False:
            problem = True
            out.append(Finding(UNMET, "legality.secret_law",
                               f"The basis '{b.text}' is not published; secret rules are not law "
                               "in the Covenant's sense.", (f.ev(path, b.text),)))
        marker = contains_any(b.text, f.rules.catch_all) or contains_any(_near(f, path),
                                                                 f.rules.catch_all)
        if marker is not None:
            problem = True
            out.append(Finding(CONCERN, "legality.vague_basis",
                               f"The basis '{b.text}' rests on a catch-all ground ('{marker}') too "
                               "vague to be foreseeable.", (f.ev(path, b.text),)))
        if has_pinpoint(b):
            pinpointed = True
    if bases and not pinpointed:
        problem = True
        out.append(Finding(CONCERN, "legality.basis_without_provision",
                           "Laws are named without a specific provision, so their reach over this "
                           "measure cannot be checked.",
                           (f.ev("legal_bases", [b.text for b in bases]),)))
    req = d.requester
    if req.authority is None and req.authority_kind is None:
        problem = True
        out.append(Finding(UNKNOWN, "legality.authority_unknown",
                           "The issuing authority is not identified, so its power cannot be "
                           "checked.", (f.ev("requester.authority", None),),
                           ("Which authority issues this demand, and under which power?",)))
    if bases and d.process_type is None and not f.informal:
        problem = True
        out.append(Finding(UNKNOWN, "legality.procedure_unknown",
                           "The legal process used (order, warrant, subpoena…) is not stated.",
                           (f.ev("process_type", None),),
                           ("Which legal procedure was followed, and by whom?",)))
    if not problem:
        out.append(Finding(MET, "legality.specific_public_basis",
                           "A specific provision is cited and the demand uses formal legal "
                           "process.", (f.ev("legal_bases", [b.text for b in bases]),
                                        f.ev("process_type", d.process_type))))
    return out
