"""Outputs of ``scrutiny compare`` and ``scrutiny diff`` (Markdown and HTML)."""

from __future__ import annotations

import html

from scrutiny.instruments.compare import Comparison
from scrutiny.instruments.diff import DraftDiff
from scrutiny.instruments.render import page

__all__ = ["comparison_html", "comparison_markdown", "diff_html", "diff_markdown"]


def _cell(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(values) if values else "—"


def comparison_markdown(comp: Comparison) -> str:
    """Side-by-side table of aligned provisions and their safeguards."""
    a, b = comp.a.document, comp.b.document
    lines = [f"# {a.title} compared with {b.title}", "",
             f"| {a.title} | Safeguards | Findings | {b.title} | Safeguards | Findings | Match |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in comp.rows:
        left = f"{r.a} {r.a_title}".strip() if r.a else "—"
        right = f"{r.b} {r.b_title}".strip() if r.b else "—"
        lines.append(f"| {left} | {_cell(r.a_safeguards)} | {_cell(r.a_findings)} | {right} | "
                     f"{_cell(r.b_safeguards)} | {_cell(r.b_findings)} | {r.score:.2f} |")
    return "\n".join(lines) + "\n"


def comparison_html(comp: Comparison) -> str:
    """The comparison as one self-contained page."""
    a, b = comp.a.document, comp.b.document
    rows = []
    for r in comp.rows:
        only_a = set(r.a_safeguards) - set(r.b_safeguards)
        only_b = set(r.b_safeguards) - set(r.a_safeguards)

        def fmt(values: tuple[str, ...], only: set[str]) -> str:
            if not values:
                return "—"
            return ", ".join(f"<strong>{html.escape(v)} (only here)</strong>" if v in only
                             else html.escape(v) for v in values)

        rows.append(
            "<tr>"
            f"<td>{html.escape(((r.a or '') + ' ' + r.a_title).strip() or '—')}</td>"
            f"<td>{fmt(r.a_safeguards, only_a)}</td><td>{html.escape(_cell(r.a_findings))}</td>"
            f"<td>{html.escape(((r.b or '') + ' ' + r.b_title).strip() or '—')}</td>"
            f"<td>{fmt(r.b_safeguards, only_b)}</td><td>{html.escape(_cell(r.b_findings))}</td>"
            f"<td>{r.score:.2f}</td></tr>")
    body = (f"<header><h1>{html.escape(a.title)} compared with {html.escape(b.title)}</h1>"
            '<p class="muted">Provisions aligned by subject; safeguards present on only one '
            "side are marked in bold with “(only here)”.</p></header><main><table><thead><tr>"
            f'<th scope="col">{html.escape(a.title)}</th><th scope="col">Safeguards</th>'
            f'<th scope="col">Findings</th><th scope="col">{html.escape(b.title)}</th>'
            '<th scope="col">Safeguards</th><th scope="col">Findings</th>'
            '<th scope="col">Match</th></tr></thead><tbody>' + "".join(rows)
            + "</tbody></table></main>")
    return page(f"{a.title} compared with {b.title}", body)


def _ops_markdown(ops: tuple[tuple[str, str], ...]) -> str:
    out = []
    for op, text in ops:
        if op == "equal":
            out.append(text if len(text) < 120 else text[:50] + " … " + text[-50:])
        elif op == "delete":
            out.append(f"~~{text.strip()}~~ ")
        else:
            out.append(f"**{text.strip()}** ")
    return "".join(out)


def diff_markdown(diff: DraftDiff) -> str:
    """Changed, added and removed provisions with word-level changes."""
    lines = [f"# {diff.old.document.title} → {diff.new.document.title}", "",
             ", ".join(f"{k}: {v}" for k, v in diff.summary().items()), ""]
    for art in diff.articles:
        if art.status == "unchanged":
            continue
        label = art.new or art.old
        lines += [f"## {label} {art.title} ({art.status})", ""]
        if art.old and art.new and art.old != art.new:
            lines += [f"Renumbered: {art.old} → {art.new}", ""]
        lines += [_ops_markdown(art.ops), ""]
        if art.findings_added:
            lines.append("Findings appeared: " + ", ".join(f"`{c}`" for c in art.findings_added))
        if art.findings_removed:
            lines.append("Findings disappeared: "
                         + ", ".join(f"`{c}`" for c in art.findings_removed))
        lines.append("")
    return "\n".join(lines)


def diff_html(diff: DraftDiff) -> str:
    """The draft diff as one self-contained page (insertions and deletions are marked in
    text, not by colour alone)."""
    parts = []
    for art in diff.articles:
        if art.status == "unchanged":
            continue
        label = html.escape(f"{art.new or art.old} {art.title} ({art.status})")
        ops = []
        for op, text in art.ops:
            t = html.escape(text)
            if op == "equal":
                ops.append(t)
            elif op == "delete":
                ops.append(f'<del class="del"><span class="muted">[deleted: </span>{t}'
                           '<span class="muted">]</span></del>')
            else:
                ops.append(f'<ins class="ins"><span class="muted">[inserted: </span>{t}'
                           '<span class="muted">]</span></ins>')
        found = ""
        if art.findings_added:
            found += "<p>Findings appeared: " + ", ".join(
                f"<code>{html.escape(c)}</code>" for c in art.findings_added) + "</p>"
        if art.findings_removed:
            found += "<p>Findings disappeared: " + ", ".join(
                f"<code>{html.escape(c)}</code>" for c in art.findings_removed) + "</p>"
        parts.append(f"<section><h2>{label}</h2><div class=\"text\">{''.join(ops)}</div>"
                     f"{found}</section>")
    summary = ", ".join(f"{k}: {v}" for k, v in diff.summary().items())
    title = f"{diff.old.document.title} → {diff.new.document.title}"
    body = (f"<header><h1>{html.escape(title)}</h1><p>{html.escape(summary)}</p></header>"
            f"<main>{''.join(parts) or '<p>No differences.</p>'}</main>")
    return page(title, body)
