"""``data_minimisation``: precise identifiers, enumerated fields, a bounded period."""

from __future__ import annotations

from scrutiny.demands.vocab import DemandType, TargetKind, TechnicalAssistance
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.lexicon import contains_any
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard
from scrutiny.safeguards.types import Narrowing

__all__ = ["data_minimisation"]

_BULK = (TechnicalAssistance.BULK_INTERCEPTION, TechnicalAssistance.NEW_CAPABILITY)


@safeguard(
    "data_minimisation",
    title="Data minimisation: precise identifiers, fields and period",
    applies=Applies(frozenset({DemandType.DISCLOSURE, DemandType.PRESERVATION,
                               DemandType.CONTENT_RESTRICTION, DemandType.ACCOUNT_ACTION,
                               DemandType.EMERGENCY_DISCLOSURE})),
    sources=(
        cite("GNI-IG", "Read demands narrowly"), cite("RDR", "P10a-6, F5a-6"),
        cite("DSA", "Art 9(2)(a)(iv), 10(2)(a)(iii), 10(2)(b)"), cite("EEV", "Art 5(5)(c)-(e)"),
        cite("SAP", "Art 7(3)(f)"), cite("BUD", "Art 16, 18"),
        cite("UNCC", "Art 25, 27", verified=False), cite("SCA", "2703(d)"),
    ),
    questions=(
        "What are the exact identifiers (URL, account ID, e-mail, phone, IP with timestamp)?",
        "Which data fields are sought, and why each?",
        "What date range is sought?",
    ),
    codes={
        "data_minimisation.precise": "exact identifiers, enumerated scope, bounded dates (met)",
        "data_minimisation.no_identifiers": "no target identifiers given (unknown)",
        "data_minimisation.redacted_targets": "some identifiers are redacted or unusable "
        "(concern; narrow to the usable ones)",
        "data_minimisation.imprecise_identifiers": "targets given by name or description only "
        "(concern: misidentification risk)",
        "data_minimisation.all_records": "'all records' wording (concern)",
        "data_minimisation.no_data_categories": "the data sought is not specified (unknown)",
        "data_minimisation.no_period": "no date range for data sought (unknown)",
        "data_minimisation.open_period": "the date range is open-ended (concern)",
        "data_minimisation.dragnet": "bulk or new-capability collection (unmet)",
    },
)
def data_minimisation(f: Facts) -> list[Finding]:
    """A demand must give precise identifiers, the fields sought and a bounded period, and the
    company reads it narrowly and goes no further; only data already held may be demanded
    (GNI-IG; DSA 9(2)(a)(iv), 10(2)(a)(iii), 10(2)(b); EEV 5(5)(c)-(e); BUD 16, 18). Exact,
    enumerated and bounded is ``met``; redacted or name-only identifiers, "all records" or an
    open period is a ``concern`` (with a narrowing where one exists); a dragnet is ``unmet``;
    identifiers, data or dates missing is ``unknown``.
    """
    out: list[Finding] = []
    d = f.demand
    problem = False
    if d.technical_assistance and any(a in _BULK for a in d.technical_assistance):
        problem = True
        out.append(Finding(UNMET, "data_minimisation.dragnet",
                           "The demand asks for bulk collection or for data the company does not "
                           "hold, outside an interception process.",
                           (f.ev("technical_assistance", d.technical_assistance),)))
    if not d.targets:
        problem = True
        out.append(Finding(UNKNOWN, "data_minimisation.no_identifiers",
                           "The demand gives no identifiers for the accounts or items concerned.",
                           (f.ev("targets", []),),
                           ("What are the exact identifiers (URL, account ID, e-mail, phone, IP "
                            "with timestamp)?",)))
    else:
        usable = [t for t in d.targets if not t.redacted]
        if len(usable) < len(d.targets):
            problem = True
            if usable:
                out.append(Finding(CONCERN, "data_minimisation.redacted_targets",
                                   f"{len(d.targets) - len(usable)} of {len(d.targets)} "
                                   "identifiers are redacted or unusable; act only on the "
                                   "identified ones.",
                                   (f.ev("targets", [t.value for t in d.targets]),),
                                   narrowing=Narrowing(
                                       targets=tuple(t.value for t in usable),
                                       reasons=("Drop the redacted or unspecified targets.",))))
            else:
                out.append(Finding(UNKNOWN, "data_minimisation.no_identifiers",
                                   "Every identifier is redacted or unusable.",
                                   (f.ev("targets", [t.value for t in d.targets]),),
                                   ("What are the exact identifiers (URL, account ID, e-mail, "
                                    "phone, IP with timestamp)?",)))
        vague = [t for t in usable if t.kind is TargetKind.OTHER]
        if vague:
            problem = True
            precise = tuple(t.value for t in usable if t.kind is not TargetKind.OTHER)
            out.append(Finding(CONCERN, "data_minimisation.imprecise_identifiers",
                               "Some targets are given by name or description only, which risks "
                               "misidentifying users.",
                               (f.ev("targets", [t.value for t in vague]),),
                               narrowing=(Narrowing(targets=precise, reasons=(
                                   "Act only on targets given by a precise identifier.",))
                                   if precise else None)))
    if f.seeks_data or f.preserves:
        wording = (contains_any(" ".join(d.data_fields), f.rules.all_records) if d.data_fields
                   else None) or contains_any(d.necessity_statement, f.rules.all_records)
        if wording is not None:
            problem = True
            out.append(Finding(CONCERN, "data_minimisation.all_records",
                               f"The demand asks for '{wording}' rather than enumerated fields.",
                               (f.ev("data_fields", d.data_fields),)))
        if not f.categories and not d.data_fields:
            problem = True
            out.append(Finding(UNKNOWN, "data_minimisation.no_data_categories",
                               "The data sought is not specified.", (f.ev("data_categories", []),),
                               ("Which data fields are sought, and why each?",)))
        tr = d.time_range
        if tr is None or (tr.start is None and tr.end is None):
            problem = True
            out.append(Finding(UNKNOWN, "data_minimisation.no_period",
                               "No date range is given for the data sought.",
                               (f.ev("time_range", None),), ("What date range is sought?",)))
        elif tr.start is None or tr.end is None:
            problem = True
            out.append(Finding(CONCERN, "data_minimisation.open_period",
                               "The date range is open-ended.",
                               (f.ev("time_range", tr.text or f"{tr.start}..{tr.end}"),),
                               ("What date range is sought?",)))
    if not problem:
        out.append(Finding(MET, "data_minimisation.precise",
                           "Targets are precisely identified and the scope is bounded.",
                           (f.ev("targets", [t.value for t in d.targets]),)))
    return out
