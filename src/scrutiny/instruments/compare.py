"""Compare two instruments: align provisions by subject and show each side's safeguards.

Alignment: every pair of articles/sections is scored ``0.35 × title similarity (rapidfuzz
token-set ratio) + 0.65 × TF-IDF cosine of their words``; pairs are taken greedily from the
best score down, each provision used once, while the score is at least ``threshold``.
For each aligned pair the safeguard features present on each side are listed, with the
findings on each side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrutiny.instruments.analysis import Analysis
from scrutiny.instruments.context import Context
from scrutiny.instruments.model import Provision
from scrutiny.instruments.rules import Rules, load_rules
from scrutiny.instruments.similarity import Vectoriser, title_similarity

__all__ = ["SAFEGUARD_FEATURES", "Comparison", "Row", "align", "compare", "features"]

SAFEGUARD_FEATURES: dict[str, tuple[str, str, str]] = {
    "intent element": ("offence", "intent", "intent_markers"),
    "public-interest exception": ("offence", "expression", "expression_exceptions"),
    "judicial authorisation": ("power", "powers", "judicial"),
    "time limit": ("power", "powers", "duration"),
    "specified target": ("power", "powers", "scope"),
    "conditions and safeguards": ("power", "powers", "safeguards_provision"),
    "notification": ("power", "powers", "notification"),
    "capability limit": ("power", "providers", "assistance_limits"),
    "remedy": ("any", "providers", "remedy"),
    "dual criminality": ("cooperation", "cooperation", "dual_criminality"),
    "data protection": ("cooperation", "cooperation", "data_protection"),
}
"""Safeguard feature -> (kind of provision it is read in, detector file, word list)."""


def features(ctx: Context, top: Provision) -> list[str]:
    """The safeguard features a provision's words show, read only in the provisions they
    concern (intent in offences, authorisation in powers, dual criminality in cooperation)."""
    from scrutiny.instruments.detectors.powers import (
        is_cooperation,
        power_units,
        safeguards_provisions,
    )
    from scrutiny.instruments.offences import offence_units

    text = ctx.full(top) + " " + top.title
    kinds = {"any"}
    if any(o.unit.top.id == top.id for o in offence_units(ctx)):
        kinds.add("offence")
    if any(p.unit.top.id == top.id for p in power_units(ctx)) or top in safeguards_provisions(ctx):
        kinds.add("power")
    if is_cooperation(ctx, top):
        kinds.add("cooperation")
    return [name for name, (kind, det, key) in SAFEGUARD_FEATURES.items()
            if kind in kinds and ctx.has(det, key, text)]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the comparison: an aligned pair, or a provision on one side only."""

    a: str | None
    a_title: str
    b: str | None
    b_title: str
    score: float
    a_safeguards: tuple[str, ...]
    b_safeguards: tuple[str, ...]
    a_findings: tuple[str, ...]
    b_findings: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "a_title": self.a_title, "b": self.b, "b_title": self.b_title,
                "score": round(self.score, 3),
                "a_safeguards": list(self.a_safeguards), "b_safeguards": list(self.b_safeguards),
                "only_a": sorted(set(self.a_safeguards) - set(self.b_safeguards)),
                "only_b": sorted(set(self.b_safeguards) - set(self.a_safeguards)),
                "a_findings": list(self.a_findings), "b_findings": list(self.b_findings)}


@dataclass(slots=True)
class Comparison:
    """The comparison of two analysed instruments."""

    a: Analysis
    b: Analysis
    rows: list[Row] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"a": {"name": self.a.document.name, "title": self.a.document.title,
                      "counts": self.a.counts()},
                "b": {"name": self.b.document.name, "title": self.b.document.title,
                      "counts": self.b.counts()},
                "rows": [r.to_dict() for r in self.rows]}


def align(a: list[Provision], a_text: list[str], b: list[Provision], b_text: list[str],
          threshold: float = 0.2) -> list[tuple[int | None, int | None, float]]:
    """Greedy one-to-one alignment of two provision lists (indices, score)."""
    vec = Vectoriser(a_text + b_text)
    va = [vec.vector(t) for t in a_text]
    vb = [vec.vector(t) for t in b_text]
    scored = []
    for i, pa in enumerate(a):
        for j, pb in enumerate(b):
            s = 0.35 * title_similarity(pa.title, pb.title) + 0.65 * Vectoriser.cosine(va[i], vb[j])
            if s >= threshold:
                scored.append((s, i, j))
    scored.sort(key=lambda t: -t[0])
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: dict[int, tuple[int, float]] = {}
    for s, i, j in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs[i] = (j, s)
    out: list[tuple[int | None, int | None, float]] = []
    for i in range(len(a)):
        if i in pairs:
            out.append((i, pairs[i][0], pairs[i][1]))
        else:
            out.append((i, None, 0.0))
    out.extend((None, j, 0.0) for j in range(len(b)) if j not in used_b)
    return out


def compare(a: Analysis, b: Analysis, rules: Rules | None = None,
            threshold: float = 0.2) -> Comparison:
    """Align the provisions of two analysed instruments and list their safeguards."""
    rules = rules or load_rules()
    ca, cb = Context(a.document, rules), Context(b.document, rules)
    pa, pb = ca.tops, cb.tops
    ta = [ca.full(p) + " " + p.title for p in pa]
    tb = [cb.full(p) + " " + p.title for p in pb]
    fa = _findings_by_top(a)
    fb = _findings_by_top(b)
    rows = []
    for i, j, score in align(pa, ta, pb, tb, threshold):
        left = pa[i] if i is not None else None
        right = pb[j] if j is not None else None
        rows.append(Row(
            a=left.id if left else None, a_title=left.title if left else "",
            b=right.id if right else None, b_title=right.title if right else "",
            score=score,
            a_safeguards=tuple(features(ca, left)) if left else (),
            b_safeguards=tuple(features(cb, right)) if right else (),
            a_findings=tuple(fa.get(left.id, ())) if left else (),
            b_findings=tuple(fb.get(right.id, ())) if right else (),
        ))
    return Comparison(a, b, rows)


def _findings_by_top(analysis: Analysis) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in analysis.findings:
        top = analysis.document.top_provision(f.provision)
        if top is not None:
            out.setdefault(top.id, []).append(f.code)
    return out
