"""The intake pipeline: a Document in, a Demand out, every value with its provenance.

Order matters only where one finding informs another: the requester's country enables that
country's generic law names in the citation grammar; paragraph languages decide how redacted
targets are counted; threats of sanction remove look-alike action matches. Unknown stays
``None`` (or an empty list): a field the letter does not fill is left for review to ask about.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scrutiny.demands.model import (
    Deadline,
    Demand,
    JudicialAuthorisation,
    LegalBasis,
    Requester,
    Span,
)
from scrutiny.demands.vocab import (
    AuthorityKind,
    Channel,
    ProcessType,
    TargetKind,
)
from scrutiny.intake.document import Document, make_view
from scrutiny.intake.extractors.actions import action_hits, demand_types, extract_actions
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.extractors.citations import extract_legal_bases
from scrutiny.intake.extractors.data import extract_data, extract_time_range
from scrutiny.intake.extractors.dates import extract_deadline, letter_date
from scrutiny.intake.extractors.languages import detect_languages, paragraphs
from scrutiny.intake.extractors.particulars import extract_offence, extract_references
from scrutiny.intake.extractors.reasons import extract_reasons, stated_purpose
from scrutiny.intake.extractors.requester import country_evidence, find_requester
from scrutiny.intake.extractors.scope import Sentences, extract_monitoring, extract_scope
from scrutiny.intake.extractors.signals import (
    confidentiality_until,
    extract_signals,
    sentence_of,
)
from scrutiny.intake.extractors.signature import extract_signature
from scrutiny.intake.extractors.targets import extract_targets
from scrutiny.intake.lexicon import Hit, load_lexicon
from scrutiny.intake.limits import Budget

__all__ = ["extract_document", "extract_text"]


class _Provenance:
    def __init__(self) -> None:
        self.map: dict[str, list[Span]] = {}

    def add(self, field: str, found: Found[Any] | None) -> None:
        if found is None:
            return
        self.add_spans(field, found.spans, found.confidence, found.extractor)

    def add_spans(self, field: str, spans: Iterable[tuple[int, int]], confidence: float,
                  extractor: str) -> None:
        out = self.map.setdefault(field, [])
        for s, e in spans:
            if e > s:
                out.append(Span(start=s, end=e, confidence=round(confidence, 2),
                                extractor=extractor))
        if not out:
            del self.map[field]


def _cues(view_text: str, lowered: str) -> dict[str, list[Hit]]:
    grouped: dict[str, list[Hit]] = {}
    for hit in load_lexicon("cues").finditer(view_text, lowered):
        grouped.setdefault(hit.value, []).append(hit)
    return grouped


def extract_document(doc: Document, budget: Budget | None = None) -> Demand:
    """Extract a Demand from a read letter.

    Args:
        doc: the Document (its ``text`` becomes ``Demand.raw_text`` unchanged).
        budget: the per-letter time budget, checked between steps.

    Returns:
        The Demand, with ``provenance`` mapping each filled field to spans of ``raw_text``.
    """
    text = doc.text
    budget = budget or Budget(30.0, doc.source)
    prov = _Provenance()
    view = make_view(text)
    cues = _cues(view.text, view.lowered)
    budget.check("cleaning")

    # who: registry first, then indirect evidence
    authority, kind, country, mentioned = find_requester(text)
    budget.check("authority")
    paras = paragraphs(text)
    languages = detect_languages(paras)
    budget.check("languages")

    info_cues = [Hit(h.value, h.lang, *view.to_original(h.start, h.end), h.confidence, h.text)
                 for h in cues.get("info_link", [])]
    targets, contacts = extract_targets(text, info_cues, paras.lang_at, country)
    budget.check("targets")

    citations = extract_legal_bases(view, country, cues.get("role"))
    country_found: Found[str] | None = None
    if country is None:
        phone_countries = [c.extra["country"] for c in contacts if c.extra.get("country")]
        cited = [c.value.country for c in citations if c.value.country]
        country_found = country_evidence(text, cited, phone_countries, mentioned)
        if country_found is not None:
            country = country_found.value
            citations = extract_legal_bases(view, country, cues.get("role"))
    elif authority is not None:
        country_found = Found(country, authority.spans, authority.confidence, "authorities")
    budget.check("citations")

    signals = extract_signals(view)
    hits = action_hits(view, signals.threats)
    actions, interception = extract_actions(view, signals.threats, hits)
    sentences = Sentences(view.text)
    scope = extract_scope(view, hits, signals.threats, sentences)
    monitoring = extract_monitoring(view, hits, sentences)
    data = extract_data(view, hits, sentences)
    time_range = extract_time_range(view, hits)
    offence = extract_offence(view)
    reference, proceeding = extract_references(
        view, [(c.value.start, c.value.end) for c in citations])
    signature = extract_signature(
        text, [view.to_original(h.start, h.end) for h in cues.get("closing", [])])
    justification = sentence_of(view, sentences, signals.emergency)
    conf_until = confidentiality_until(view, sentences, signals.confidentiality)
    url_targets = [(f.value.value, f.spans[0]) for f in targets
                   if f.value.kind in (TargetKind.URL, TargetKind.REPOSITORY,
                                       TargetKind.ACCOUNT)]
    reasons, _stated = extract_reasons(view, url_targets)
    purpose = stated_purpose(view, reasons, text)
    deadline = extract_deadline(view, cues.get("appeal", []))
    date = letter_date(text, doc.metadata.get("date"))
    budget.check("extractors")

    # assemble
    requester = Requester()
    if authority is not None:
        requester.authority = authority.value
        prov.add("requester.authority", authority)
    if kind is not None:
        requester.authority_kind = kind.value
        prov.add("requester.authority_kind", kind)
    if country is not None:
        requester.country = country
        prov.add("requester.country", country_found)
    if signature.signed is not None:
        requester.signed = True
        prov.add("requester.signed", signature.signed)
    if signature.name is not None:
        requester.official_name = signature.name.value
        prov.add("requester.official_name", signature.name)
    if signature.title is not None:
        requester.official_title = signature.title.value
        prov.add("requester.official_title", signature.title)
    if contacts:
        requester.official_contact = "; ".join(dict.fromkeys(c.value for c in contacts))
        prov.add_spans("requester.official_contact", [s for c in contacts for s in c.spans],
                       0.8, "targets")

    legal_bases = []
    for i, c in enumerate(citations):
        cs, ce = view.to_original(c.value.start, c.value.end)
        legal_bases.append(LegalBasis(
            text=" ".join(text[cs:ce].split())[:300],
            instrument=c.value.instrument, provision=c.value.provision))
        prov.add(f"legal_bases[{i}]", c)

    for i, t in enumerate(targets):
        prov.add(f"targets[{i}]", t)
    for i, lang in enumerate(languages):
        prov.add(f"languages[{i}]", lang)
    for i, a in enumerate(actions):
        prov.add(f"actions[{i}]", a)
    for i, r in enumerate(reasons):
        prov.add(f"reason_categories[{i}]", r)

    action_values = [a.value for a in actions]
    emergency = signals.emergency is not None
    types = demand_types(action_values, interception, emergency)
    for i, dtype in enumerate(types):
        sources = [a for a in actions if dtype in demand_types([a.value], False, emergency)]
        prov.add_spans(f"demand_types[{i}]", [s for a in sources for s in a.spans[:1]], 0.8,
                       "actions")

    judicial = JudicialAuthorisation()
    process = signals.process
    if signals.judicial is not None:
        judicial.present = True
        s, e = signals.judicial.spans[0]
        judicial.court_decision = " ".join(text[s:e].split())
        prov.add("judicial_authorisation.present", signals.judicial)
        prov.add("judicial_authorisation.court_decision", signals.judicial)
    elif kind is not None and kind.value is AuthorityKind.COURT and authority is not None:
        # the letter is itself the decision of a court
        judicial.present = True
        judicial.authorised_by = AuthorityKind.COURT
        judicial.court_decision = authority.value
        prov.add("judicial_authorisation.present", authority)
        process = Found(ProcessType.COURT_ORDER, authority.spans, authority.confidence,
                        "authorities")

    demand = Demand(
        requester=requester,
        date=date.value if date else None,
        channel=Channel.EMAIL if doc.media_type == "message/rfc822" else None,
        languages=[lang.value for lang in languages],
        translation_provided=True if len(languages) > 1 else None,
        in_writing=True,
        demand_types=types,
        actions=action_values,
        legal_bases=legal_bases,
        process_type=process.value if process else None,
        judicial_authorisation=judicial,
        targets=[t.value for t in targets],
        reason_categories=[r.value for r in reasons],
        stated_purpose=purpose.value if purpose else None,
        deadline=Deadline(text=deadline.value[1], hours=deadline.value[0]) if deadline else None,
        threat_of_sanction=signals.threat is not None,
        sanction_text=_span_text(text, signals.threat),
        staff_threatened=True if signals.staff_threatened is not None else None,
        emergency_claimed=emergency,
        emergency_justification=justification.value if justification else None,
        confidentiality_requested=signals.confidentiality is not None,
        confidentiality_basis=_span_text(text, signals.confidentiality),
        confidentiality_until=conf_until.value if conf_until else None,
        reference=reference.value if reference else None,
        proceeding_reference=proceeding.value if proceeding else None,
        data_categories=[c.value for c in data.categories],
        data_fields=[f.value for f in data.fields],
        time_range=time_range.value if time_range else None,
        offence=offence.value if offence else None,
        territorial_scope=scope.value if scope else None,
        monitoring_required=True if monitoring else None,
        raw_text=text,
    )
    prov.add("date", date)
    prov.add("process_type", process)
    prov.add("stated_purpose", purpose)
    prov.add("deadline", deadline)
    prov.add("threat_of_sanction", signals.threat)
    prov.add("sanction_text", signals.threat)
    prov.add("emergency_claimed", signals.emergency)
    prov.add("emergency_justification", justification)
    prov.add("confidentiality_until", conf_until)
    prov.add("reference", reference)
    prov.add("proceeding_reference", proceeding)
    prov.add("time_range", time_range)
    prov.add("offence", offence)
    for i, cat in enumerate(data.categories):
        prov.add(f"data_categories[{i}]", cat)
    for i, item in enumerate(data.fields):
        prov.add(f"data_fields[{i}]", item)
    prov.add("confidentiality_requested", signals.confidentiality)
    prov.add("confidentiality_basis", signals.confidentiality)
    prov.add("staff_threatened", signals.staff_threatened)
    if len(languages) > 1:
        prov.add("translation_provided", languages[1])
    prov.add("territorial_scope", scope)
    prov.add("monitoring_required", monitoring)
    headers = next((p for p in doc.parts if p.name == "headers"), None)
    if demand.channel is not None and headers is not None:
        prov.add_spans("channel", [(headers.start, headers.end)], 0.95, "readers")
    demand.provenance = prov.map
    return demand


def _span_text(text: str, found: Found[Any] | None) -> str | None:
    if found is None or not found.spans:
        return None
    s, e = found.spans[0]
    return " ".join(text[s:e].split()) or None


def extract_text(text: str, source_name: str | None = None) -> Demand:
    """Extract a Demand from plain text.

    Args:
        text: the letter's text (kept unchanged as ``raw_text``).
        source_name: a name for messages.
    """
    return extract_document(Document(text=text, source=source_name or "<text>"))
