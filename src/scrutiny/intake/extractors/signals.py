"""Yes/no facts a letter states: threats of sanction, emergency claims, confidentiality
requests, court decisions referred to, and the legal process named.

Each comes from its lexicon (``sanctions``, ``emergency``, ``confidentiality``,
``judicial``, ``processes``). The letter having been read in full, the absence of a threat,
emergency claim or confidentiality request is reported as ``False`` ("the letter does not
say so"); whether a judge authorised the demand is not knowable from silence, so no court
reference leaves it unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from scrutiny.demands.vocab import ProcessType
from scrutiny.intake.document import View
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.extractors.dates import find_dates, parse_date
from scrutiny.intake.extractors.scope import Sentences
from scrutiny.intake.lexicon import Hit, load_lexicon

__all__ = ["Signals", "confidentiality_until", "extract_signals", "sentence_of"]

_UNTIL = re.compile(r"(?:until|till|through|up\s+to|before|no\s+later\s+than|до|по|至|"
                    r"hasta(?:\s+el)?|jusqu[’']?(?:au|à)|bis(?:\s+zum)?|kadar|até)\s*(?:the\s+|el\s+|le\s+|o\s+)?$",
                    re.IGNORECASE)
_TRAILING_UNTIL = re.compile(r"^\s*(?:tarihine\s+kadar|为止|以前)", re.IGNORECASE)
_MAX_SENTENCE = 300


@dataclass(frozen=True, slots=True)
class Signals:
    """The findings, spans in the original text."""

    threats: list[Hit]
    threat: Found[str] | None
    staff_threatened: Found[str] | None
    emergency: Found[bool] | None
    confidentiality: Found[str] | None
    judicial: Found[str] | None
    process: Found[ProcessType] | None


def _found(view: View, hits: list[Hit], value: str, name: str) -> Found[str]:
    spans = tuple(view.to_original(h.start, h.end) for h in hits[:5])
    conf = min(0.95, max(h.confidence for h in hits) + 0.05 * (len(hits) - 1))
    return Found(value, spans, round(conf, 2), name, {"view_start": str(hits[0].start)})


def extract_signals(view: View) -> Signals:
    """Read the yes/no facts of a letter.

    Args:
        view: the cleaned view.
    """
    text = view.text
    threats = load_lexicon("sanctions").find(text, view.lowered)
    threat = None
    real = [h for h in threats if h.value != "staff"]
    if real:
        kinds = sorted({h.value for h in real})
        threat = _found(view, real, "+".join(kinds), "sanctions")
    staff_hits = [h for h in threats if h.value == "staff"]
    staff = _found(view, staff_hits, "staff", "sanctions") if staff_hits else None

    emergency_hits = load_lexicon("emergency").find(text, view.lowered)
    strong = [h for h in emergency_hits if h.value == "claim"]
    emergency = None
    if strong:
        f = _found(view, strong, "claim", "emergency")
        emergency = Found(True, f.spans, f.confidence, "emergency", f.extra)

    conf_hits = load_lexicon("confidentiality").find(text, view.lowered)
    confidentiality = _found(view, conf_hits, "request", "confidentiality") if conf_hits else None

    judicial_hits = load_lexicon("judicial").find(text, view.lowered)
    judicial = None
    if judicial_hits:
        value = "search_warrant" if any(h.value == "search_warrant" for h in judicial_hits) \
            else "court_order"
        judicial = _found(view, judicial_hits, value, "judicial")

    process = None
    if judicial is not None:
        ptype = ProcessType.SEARCH_WARRANT if judicial.value == "search_warrant" \
            else ProcessType.COURT_ORDER
        process = Found(ptype, judicial.spans, judicial.confidence, "process")
    else:
        proc_hits = load_lexicon("processes").find(text, view.lowered)
        if proc_hits:
            first = proc_hits[0]
            f = _found(view, [h for h in proc_hits if h.value == first.value], first.value,
                       "process")
            process = Found(ProcessType(first.value), f.spans, f.confidence, "process")
    return Signals(threats, threat, staff, emergency, confidentiality, judicial, process)


def sentence_of(view: View, sentences: Sentences,
                found: Found[Any] | None) -> Found[str] | None:
    """The sentence a signal was read in (the emergency claim's justification), cut at a word
    boundary to 300 characters.

    Args:
        view: the cleaned view.
        sentences: the view's sentences.
        found: a signal from :func:`extract_signals`.
    """
    if found is None or "view_start" not in found.extra:
        return None
    s, e = sentences.around(int(found.extra["view_start"]))
    while s < e and view.text[s].isspace():
        s += 1
    if e - s > _MAX_SENTENCE:
        cut = view.text.rfind(" ", s, s + _MAX_SENTENCE)
        e = cut if cut > s else s + _MAX_SENTENCE
    sentence = view.text[s:e].strip()
    if not sentence:
        return None
    return Found(sentence, (view.to_original(s, e),), found.confidence, found.extractor)


def confidentiality_until(view: View, sentences: Sentences,
                          found: Found[str] | None) -> Found[dt.date] | None:
    """The date until which confidentiality is asked, when the request's sentence gives one
    ("do not notify the user until 31 December 2024", "не уведомлять до 01.06.2021").

    Args:
        view: the cleaned view.
        sentences: the view's sentences.
        found: the confidentiality signal.
    """
    if found is None or "view_start" not in found.extra:
        return None
    s, e = sentences.around(int(found.extra["view_start"]))
    for d in find_dates(view.text[s:e]):
        before = view.text[max(s, s + d.start - 30):s + d.start]
        after = view.text[s + d.end:s + d.end + 20]
        if _UNTIL.search(before) or _TRAILING_UNTIL.match(after):
            value = parse_date(d.text)
            if value is not None:
                return Found(value, (view.to_original(s + d.start, s + d.end),), 0.75,
                             "confidentiality")
    return None
