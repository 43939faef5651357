"""Outputs of an analysis: JSON, Markdown, and one self-contained, accessible HTML page.

The HTML page shows the original text with each finding's words highlighted. Highlights do
not rely on colour alone: each is underlined, carries a visible bracketed number, and links
to its row in the summary table (which links back). Instrument-level findings appear in the
table only.
"""

from __future__ import annotations

import html
from itertools import pairwise
from typing import Any

from scrutiny.instruments.analysis import Analysis
from scrutiny.instruments.findings import INSTRUMENT_LEVEL, Finding
from scrutiny.instruments.model import Kind

__all__ = ["analysis_html", "analysis_json", "analysis_markdown", "page"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1b1b1b;
background:#fff;line-height:1.5}
header,main,footer{max-width:72rem;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #999;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}
.text{white-space:pre-wrap;font-family:Georgia,serif;border:1px solid #ccc;padding:1rem;
background:#fcfcfc}
mark{background:#fff1a8;color:inherit;text-decoration:underline;text-decoration-thickness:2px;
text-underline-offset:3px}
mark.multi{background:#ffd7a8;text-decoration-style:double}
a.ref{font-family:system-ui,sans-serif;font-size:.75em;font-weight:700;vertical-align:super;
text-decoration:none;color:#0645ad;padding:0 .15em}
a.ref:focus,a:focus{outline:3px solid #1d4ed8;outline-offset:1px}
code{font-size:.9em}.muted{color:#555}
a.xref{color:inherit;text-decoration:underline dotted}
.ins{background:#d7f5dd;text-decoration:underline}.del{background:#fbdada;text-decoration:line-through}
@media (prefers-color-scheme: dark){body{background:#111;color:#eee}.text{background:#1a1a1a}
th{background:#333}mark{background:#6b5d00}mark.multi{background:#7a4a00}a.ref{color:#9cc1ff}
.muted{color:#bbb}}
"""


def page(title: str, body: str) -> str:
    """A complete, self-contained HTML5 page (inline CSS, no scripts, no external files)."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"{body}\n</body>\n</html>\n")


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """The JSON shape of ``scrutiny analyze --json``."""
    return analysis.to_dict()


def _sources(f: Finding) -> str:
    return "; ".join(f"{s.instrument} {s.provision}" for s in f.sources)


def analysis_markdown(analysis: Analysis) -> str:
    """A Markdown report: summary counts, then each finding with its words and standard."""
    doc = analysis.document
    lines = [f"# {doc.title}: safeguard gaps", "",
             f"{len(doc.provisions())} provisions read; {len(analysis.findings)} findings on "
             f"{len(analysis.flagged_provisions())} provisions.", "",
             "| Code | Findings |", "| --- | --- |"]
    lines += [f"| `{code}` | {n} |" for code, n in analysis.counts().items()]
    lines.append("")
    for i, f in enumerate(analysis.findings, 1):
        where = "Whole instrument" if f.provision == INSTRUMENT_LEVEL else f.provision
        lines += [f"## {i}. {where}: {f.title} (`{f.code}`)", "", f.reason, ""]
        if f.quote:
            lines += ["> " + " ".join(f.quote.split()), ""]
        lines += [f"*Standard:* {f.standard}", "", f"*Sources:* {_sources(f)}", ""]
    return "\n".join(lines)


def _highlighted_text(analysis: Analysis) -> str:
    doc = analysis.document
    text = doc.text
    start = doc.body_start
    spans = [(i, f) for i, f in enumerate(analysis.findings, 1)
             if f.provision != INSTRUMENT_LEVEL and f.span[1] > f.span[0]]
    anchors: dict[int, list[str]] = {}
    for node in doc.walk():
        if node.kind is Kind.PROVISION:
            anchors.setdefault(node.span[0], []).append(node.id)
    links: list[tuple[int, int, str]] = []  # cross-references -> the provision they cite
    for ref in doc.references:
        if ref.targets and not ref.external:
            top = doc.top_provision(ref.targets[0])
            source = doc.top_provision(ref.source)
            if top is not None and (source is None or top.id != source.id):
                links.append((ref.span[0], ref.span[1], _anchor(top.id)))
    cuts = {start, len(text)} | set(anchors)
    for _, f in spans:
        cuts.add(max(start, f.span[0]))
        cuts.add(max(start, f.span[1]))
    for a0, a1, _ in links:
        cuts.update((max(start, a0), max(start, a1)))
    points = sorted(c for c in cuts if c >= start)
    out: list[str] = []
    opened: set[int] = set()
    for a, b in pairwise(points):
        for pid in anchors.get(a, []):
            out.append(f'<span id="{_anchor(pid)}"></span>')
        active = [(i, f) for i, f in spans if f.span[0] <= a and b <= f.span[1]]
        chunk = html.escape(text[a:b])
        link = next((target for a0, a1, target in links if a0 <= a and b <= a1), None)
        if link is not None:
            chunk = f'<a class="xref" href="#{link}">{chunk}</a>'

        if not active:
            out.append(chunk)
            continue
        refs = []
        for i, f in active:
            if i not in opened:
                opened.add(i)
                refs.append(f'<a class="ref" id="f{i}" href="#finding-{i}" '
                            f'aria-label="finding {i}: {html.escape(f.title)}">[{i}]</a>')
        labels = ", ".join(f"finding {i}: {f.title}" for i, f in active)
        cls = ' class="multi"' if len(active) > 1 else ""
        out.append("".join(refs) + f'<mark{cls} title="{html.escape(labels)}">{chunk}</mark>')
    return "".join(out)


def _anchor(node_id: str) -> str:
    return "p-" + "".join(ch if ch.isalnum() else "-" for ch in node_id)


def analysis_html(analysis: Analysis) -> str:
    """One self-contained page: summary, findings table, and the highlighted text."""
    doc = analysis.document
    rows = []
    for i, f in enumerate(analysis.findings, 1):
        if f.provision == INSTRUMENT_LEVEL:
            where = "Whole instrument"
            back = ""
        else:
            where = (f'<a href="#{_anchor(doc.top_provision(f.provision).id)}">'  # type: ignore[union-attr]
                     f"{html.escape(f.provision)}</a>"
                     if doc.top_provision(f.provision) else html.escape(f.provision))
            back = f' <a href="#f{i}" aria-label="show finding {i} in the text">(in text)</a>'
        rows.append(
            f'<tr id="finding-{i}"><td>{i}</td><td>{where}{back}</td>'
            f"<td><code>{html.escape(f.code)}</code><br>{html.escape(f.title)}</td>"
            f"<td>{html.escape(f.reason)}</td><td>{html.escape(f.standard)}</td>"
            f"<td>{html.escape(_sources(f))}</td></tr>")
    counts = "".join(f"<tr><td><code>{html.escape(c)}</code></td><td>{n}</td></tr>"
                     for c, n in analysis.counts().items())
    body = (
        f"<header><h1>{html.escape(doc.title)}: safeguard gaps</h1>"
        f'<p class="muted">{len(doc.provisions())} provisions read; '
        f"{len(analysis.findings)} findings on {len(analysis.flagged_provisions())} "
        "provisions. Highlighted words are underlined and numbered; each number links to its "
        "finding; cross-references link to the provision they cite.</p></header>\n<main>\n"
        '<h2 id="summary">Summary</h2>\n<table><caption class="muted">Findings per code'
        "</caption><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Findings</th>"
        f"</tr></thead><tbody>{counts}</tbody></table>\n"
        '<h2 id="findings">Findings</h2>\n<table><thead><tr><th scope="col">#</th>'
        '<th scope="col">Provision</th><th scope="col">Gap</th><th scope="col">Reason</th>'
        '<th scope="col">Standard</th><th scope="col">Sources</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table>\n"
        '<h2 id="text">Text</h2>\n<div class="text" role="document">'
        + _highlighted_text(analysis) + "</div>\n</main>")
    return page(f"{doc.title}: safeguard gaps", body)
