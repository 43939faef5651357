"""Instruments: analyse treaties and laws article by article for safeguard gaps, compare
them, and diff their drafts.

::

    from scrutiny.instruments import analyze, load_instrument
    analysis = analyze(load_instrument("budapest-convention"))
    for f in analysis.findings:
        print(f.provision, f.code, f.reason)
"""

from __future__ import annotations

from scrutiny.instruments.analysis import Analysis, analyze_document
from scrutiny.instruments.compare import Comparison, compare
from scrutiny.instruments.diff import DraftDiff, diff_drafts
from scrutiny.instruments.findings import INSTRUMENT_LEVEL, Finding
from scrutiny.instruments.load import load_document, load_instrument, parse_document
from scrutiny.instruments.model import CrossReference, Definition, Document, Kind, Provision
from scrutiny.instruments.profiles import LawProfile, build_profile, load_profile
from scrutiny.instruments.rules import Rules, load_rules
from scrutiny.instruments.shipped import resolve_shipped, shipped_instruments

__all__ = [
    "INSTRUMENT_LEVEL",
    "Analysis",
    "Comparison",
    "CrossReference",
    "Definition",
    "Document",
    "DraftDiff",
    "Finding",
    "Kind",
    "LawProfile",
    "Provision",
    "Rules",
    "analyze",
    "analyze_document",
    "build_profile",
    "compare",
    "diff_drafts",
    "load_document",
    "load_instrument",
    "load_profile",
    "load_rules",
    "parse_document",
    "resolve_shipped",
    "shipped_instruments",
]

analyze = analyze_document
"""Alias of :func:`analyze_document`."""
