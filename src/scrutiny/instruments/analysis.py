"""Run the gap detectors over a document: the pure core of ``scrutiny analyze``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrutiny.instruments.context import Context
from scrutiny.instruments.detectors import DETECTORS
from scrutiny.instruments.findings import INSTRUMENT_LEVEL, Finding
from scrutiny.instruments.model import Document, Provision
from scrutiny.instruments.rules import Rules, load_rules

__all__ = ["Analysis", "analyze_document"]


@dataclass(slots=True)
class Analysis:
    """A document and the findings on it."""

    document: Document
    findings: list[Finding] = field(default_factory=list)

    def by_provision(self) -> dict[str, list[Finding]]:
        """Findings grouped by the node they are about."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.provision, []).append(f)
        return out

    def counts(self) -> dict[str, int]:
        """Number of findings per code."""
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))

    def flagged_provisions(self) -> set[str]:
        """Ids of the articles/sections with at least one finding."""
        out = set()
        for f in self.findings:
            if f.provision == INSTRUMENT_LEVEL:
                continue
            top = self.document.top_provision(f.provision)
            out.add(top.id if top else f.provision)
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: instrument, provision tree (with each node's findings), findings."""
        doc = self.document
        grouped = self.by_provision()

        def node(n: Provision) -> dict[str, Any]:
            body: dict[str, Any] = n.to_dict(doc.text)
            body["children"] = [node(c) for c in n.children]
            body["findings"] = [f.code for f in grouped.get(n.id, [])]
            return body

        out: dict[str, Any] = {
            "instrument": {"name": doc.name, "title": doc.title, "style": doc.style,
                           "format": doc.source_format, "path": doc.path,
                           "provisions": len(doc.provisions()),
                           "metadata": doc.metadata},
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
            "provisions": [node(n) for n in doc.nodes],
            "references": [r.to_dict() for r in doc.references],
            "definitions": [{"term": d.term, "provision": d.provision, "span": list(d.span)}
                            for d in doc.definitions],
            "diagnostics": doc.diagnostics,
        }
        return out


def analyze_document(doc: Document, rules: Rules | None = None,
                     detectors: list[str] | None = None) -> Analysis:
    """Run the detectors (all, or those named) on a parsed, linked document."""
    ctx = Context(doc, rules or load_rules())
    findings: list[Finding] = []
    for name, detector in DETECTORS.items():
        if detectors is not None and name not in detectors:
            continue
        findings.extend(detector(ctx))
    findings.sort(key=lambda f: (f.span[0] if f.provision != INSTRUMENT_LEVEL else -1, f.code))
    return Analysis(doc, findings)
