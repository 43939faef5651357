"""Diff two drafts of one instrument, article by article.

Provisions are paired by id first (``art 24`` with ``art 24``) when their words are still
similar, then the rest by subject (:func:`scrutiny.instruments.compare.align`), so
renumbered articles are followed. Each pair gets a word-level diff (``difflib``) and the
findings that appeared or disappeared.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from scrutiny.instruments.analysis import Analysis
from scrutiny.instruments.compare import align
from scrutiny.instruments.context import Context
from scrutiny.instruments.rules import Rules, load_rules
from scrutiny.instruments.similarity import Vectoriser

__all__ = ["ArticleDiff", "DraftDiff", "diff_drafts", "word_diff"]

_TOKEN = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level operations: ``("equal"|"delete"|"insert", text)``, whitespace kept."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                ops.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                ops.append(("insert", "".join(b[j1:j2])))
    return ops


@dataclass(frozen=True, slots=True)
class ArticleDiff:
    """How one provision changed between drafts."""

    old: str | None
    new: str | None
    title: str
    status: str  # added, removed, changed, unchanged
    ops: tuple[tuple[str, str], ...]
    findings_added: tuple[str, ...]
    findings_removed: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "title": self.title, "status": self.status,
                "diff": [{"op": op, "text": t} for op, t in self.ops if op != "equal"],
                "findings_added": list(self.findings_added),
                "findings_removed": list(self.findings_removed)}


@dataclass(slots=True)
class DraftDiff:
    """The diff of two drafts."""

    old: Analysis
    new: Analysis
    articles: list[ArticleDiff] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """Number of provisions per status, and findings added/removed."""
        out: dict[str, int] = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
        for art in self.articles:
            out[art.status] += 1
        out["findings_added"] = sum(len(a.findings_added) for a in self.articles)
        out["findings_removed"] = sum(len(a.findings_removed) for a in self.articles)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old.document.name, "new": self.new.document.name,
                "summary": self.summary(),
                "articles": [a.to_dict() for a in self.articles if a.status != "unchanged"]}


def _codes(analysis: Analysis) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in analysis.findings:
        top = analysis.document.top_provision(f.provision)
        key = top.id if top else f.provision
        out.setdefault(key, []).append(f.code)
    return out


def diff_drafts(old: Analysis, new: Analysis, rules: Rules | None = None) -> DraftDiff:
    """Article-by-article diff of two analysed drafts."""
    rules = rules or load_rules()
    co, cn = Context(old.document, rules), Context(new.document, rules)
    po, pn = co.tops, cn.tops
    to = [co.full(p) for p in po]
    tn = [cn.full(p) for p in pn]
    vec = Vectoriser(to + tn)
    new_index = {p.id: j for j, p in enumerate(pn)}
    pairs: list[tuple[int | None, int | None]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for i, p in enumerate(po):
        j = new_index.get(p.id)
        if j is not None and Vectoriser.cosine(vec.vector(to[i]), vec.vector(tn[j])) >= 0.5:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    rest_o = [i for i in range(len(po)) if i not in used_old]
    rest_n = [j for j in range(len(pn)) if j not in used_new]
    for ai, bj, _ in align([po[i] for i in rest_o], [to[i] for i in rest_o],
                           [pn[j] for j in rest_n], [tn[j] for j in rest_n], threshold=0.45):
        pairs.append((rest_o[ai] if ai is not None else None,
                      rest_n[bj] if bj is not None else None))
    pairs.sort(key=lambda p: (p[1] if p[1] is not None else (p[0] or 0) + 0.5,
                              p[0] if p[0] is not None else -1))
    fo, fn = _codes(old), _codes(new)
    articles = []
    for oi, nj in pairs:
        a = po[oi] if oi is not None else None
        b = pn[nj] if nj is not None else None
        old_text = to[oi] if oi is not None else ""
        new_text = tn[nj] if nj is not None else ""
        ops = tuple(word_diff(old_text, new_text))
        if a is None:
            status = "added"
        elif b is None:
            status = "removed"
        else:
            status = "unchanged" if old_text == new_text and a.title == b.title else "changed"
        codes_old = fo.get(a.id, []) if a else []
        codes_new = fn.get(b.id, []) if b else []
        added = list(codes_new)
        for c in codes_old:
            if c in added:
                added.remove(c)
        removed = list(codes_old)
        for c in codes_new:
            if c in removed:
                removed.remove(c)
        articles.append(ArticleDiff(
            old=a.id if a else None, new=b.id if b else None,
            title=(b.title if b else a.title if a else ""), status=status, ops=ops,
            findings_added=tuple(added), findings_removed=tuple(removed)))
    return DraftDiff(old, new, articles)
