"""Helpers of the instruments tests: shipped documents, parsed once per session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from scrutiny.instruments import Analysis, Document, analyze, load_instrument, parse_document

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = (
    "budapest-convention-ets185",
    "ph-cybercrime-prevention-act-2012",
    "ke-computer-misuse-cybercrimes-act-2018",
    "sg-pofma-2019",
    "zw-interception-of-communications-act-2007",
)


@cache
def shipped_doc(name: str) -> Document:
    """A shipped instrument, parsed and linked (cached across tests)."""
    return load_instrument(name)


@cache
def shipped_analysis(name: str) -> Analysis:
    """A shipped instrument's analysis (cached across tests)."""
    return analyze(shipped_doc(name))


@cache
def uncc_analysis() -> Analysis:
    """The seed excerpts of the UN Convention (test fixture, not the official text)."""
    path = FIXTURES / "uncc-seed-excerpts.txt"
    return analyze(parse_document(path.read_text(encoding="utf-8"), name="uncc-excerpts"))


def codes_at(analysis: Analysis, provision: str) -> set[str]:
    """Finding codes on a node."""
    return {f.code for f in analysis.findings if f.provision == provision}


def codes_under(analysis: Analysis, top: str) -> set[str]:
    """Finding codes anywhere in an article/section."""
    doc = analysis.document
    out = set()
    for f in analysis.findings:
        t = doc.top_provision(f.provision)
        if t is not None and t.id == top:
            out.add(f.code)
    return out
