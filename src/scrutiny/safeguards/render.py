"""Human and JSON presentation of a review (used by ``scrutiny review``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from scrutiny.demands.model import Demand
from scrutiny.safeguards.types import Evidence, Review, Source, Status

__all__ = ["explain_json", "render_explain", "render_provenance", "render_review", "review_json"]

_STATUS_STYLE = {
    Status.MET: "green",
    Status.CONCERN: "yellow",
    Status.UNMET: "bold red",
    Status.UNKNOWN: "magenta",
    Status.NOT_APPLICABLE: "dim",
}
_REC_STYLE = {
    "comply": "bold green",
    "comply_narrowed": "bold cyan",
    "clarify": "bold magenta",
    "reject": "bold red",
    "escalate": "bold white on red",
}


def review_json(review: Review, demand: Demand, source: str | None = None) -> dict[str, Any]:
    """The ``--json`` object for one demand: the demand, the verdicts and the outcome."""
    body = review.to_dict()
    out: dict[str, Any] = {"source": source, "demand": demand.dump()}
    out.update(body)
    return out


def _evidence(items: tuple[Evidence, ...]) -> str:
    parts = []
    for e in items[:3]:
        value = e.to_dict()["value"]
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value[:4]) + (" …" if len(value) > 4 else "")
        text = f"{e.field}={value}" if value not in (None, "", []) else f"{e.field}: (none)"
        if e.spans:
            text += " @" + ",".join(f"{a}-{b}" for a, b in e.spans[:2])
        parts.append(text)
    return "\n".join(parts)


def _sources(items: tuple[Source, ...]) -> str:
    shown = [f"{s.instrument} {s.provision}" + ("" if s.verified else " (unverified)")
             for s in items[:3]]
    if len(items) > 3:
        shown.append(f"+{len(items) - 3} more")
    return "\n".join(shown)


_SYMBOL = {
    Status.MET: "✓",
    Status.CONCERN: "!",
    Status.UNMET: "✗",
    Status.UNKNOWN: "?",
    Status.NOT_APPLICABLE: "–",
}


def _indent(text: str, style: str = "") -> Padding:
    return Padding(Text(text, style=style), (0, 0, 0, 5))


def render_review(review: Review, source: str, console: Console) -> None:
    """Print one review: recommendation first, then each safeguard, questions, narrowing."""
    rec = review.recommendation.value
    head = Text()
    head.append(f"{rec.upper().replace('_', ' ')}", style=_REC_STYLE.get(rec, "bold"))
    if review.risk == "high":
        head.append("  high risk: four-eyes approval", style="bold red")
    head.append(f"\npolicy {review.policy_id} {review.policy_version} · as of "
                f"{review.as_of or 'unknown'} · engine {review.engine_version}", style="dim")
    parts: list[Any] = [head]
    if review.reasons:
        parts.append(Text("\n".join(f"• {r}" for r in review.reasons[:8])))
    console.print(Panel(Group(*parts), title=source, title_align="left"))

    not_applicable = []
    for v in review.verdicts:
        if v.status is Status.NOT_APPLICABLE:
            not_applicable.append(v.safeguard)
            continue
        style = _STATUS_STYLE[v.status]
        line = Text()
        line.append(f" {_SYMBOL[v.status]} ", style=style)
        line.append(v.safeguard, style="bold")
        line.append(f"  {v.status.value}", style=style)
        line.append("  " + ", ".join(v.codes), style="dim")
        console.print(line)
        for r in v.reasons:
            console.print(_indent(r))
        ev = _evidence(v.evidence).replace("\n", "; ")
        if ev:
            console.print(_indent(f"evidence: {ev}", "dim"))
        if v.sources:
            console.print(_indent("sources: " + _sources(v.sources).replace("\n", "; "), "dim"))
        if v.overrides:
            console.print(_indent("override: " + ", ".join(v.overrides), "dim"))
    if not_applicable:
        console.print(Text(" – not applicable: " + ", ".join(not_applicable), style="dim"))
    if review.questions:
        console.print(Text("\nQuestions to send", style="bold"))
        for i, q in enumerate(review.questions, 1):
            console.print(Text(f"  {i}. {q}"))
    n = review.narrowing
    if n is not None:
        console.print(Text("\nNarrowed scope that could be released", style="bold"))
        if n.targets is not None:
            console.print(Text(f"  targets: {', '.join(n.targets) or '(none)'}"))
        if n.data_categories is not None:
            console.print(Text(f"  data categories: {', '.join(n.data_categories) or '(none)'}"))
        if n.time_range is not None:
            console.print(Text(f"  period: {n.time_range[0] or '…'} to {n.time_range[1] or '…'}"))
        if n.territory is not None:
            console.print(Text(f"  territory: {n.territory} only"))
        for r in n.reasons:
            console.print(Text(f"  • {r}"))
    console.print()


_WORDS = 60


def _words(demand: Demand | None, spans: tuple[tuple[int, int], ...] | list[Any]) -> str:
    """The letter's words at the first span (shortened), or ``""``."""
    if demand is None or not demand.raw_text or not spans:
        return ""
    first: Any = spans[0]
    a, b = (first.start, first.end) if hasattr(first, "start") else first
    words = " ".join(demand.raw_text[a:b].split())
    return words if len(words) <= _WORDS else words[:_WORDS - 1] + "…"


def render_provenance(demand: Demand, console: Console, limit: int = 14) -> None:
    """Print, briefly, which values were read from where in the letter (intake provenance)."""
    if not demand.provenance:
        return
    console.print(Text("Read from the letter", style="bold"))
    items = sorted(demand.provenance.items(), key=lambda kv: kv[1][0].start if kv[1] else 0)
    for field, spans in items[:limit]:
        if not spans:
            continue
        where = ",".join(f"{s.start}-{s.end}" for s in spans[:2])
        how = f" [{spans[0].extractor}]" if spans[0].extractor else ""
        console.print(Text(f"  {field} ← “{_words(demand, spans)}” @{where}{how}",
                           style="dim"), soft_wrap=True)
    if len(items) > limit:
        console.print(Text(f"  … {len(items) - limit} more fields (see --json provenance)",
                           style="dim"))
    console.print()


def explain_json(review: Review, safeguard: str, source: str | None = None) -> dict[str, Any]:
    """The ``--explain --json`` object: one verdict in full, with the codes' meanings."""
    from scrutiny.safeguards.registry import REGISTRY

    verdict = review.verdict(safeguard)
    check = REGISTRY[safeguard]
    body = verdict.to_dict() if verdict is not None else None
    if body is not None:
        body["code_meanings"] = {c: check.codes.get(c, "") for c in verdict.codes}  # type: ignore[union-attr]
    return {"source": source, "safeguard": safeguard, "title": check.title,
            "legal_test": " ".join((check.function.__doc__ or "").replace("``", "").split()),
            "verdict": body, "policy_id": review.policy_id,
            "policy_version": review.policy_version, "as_of": review.as_of,
            "engine_version": review.engine_version}


def render_explain(review: Review, safeguard: str, source: str, console: Console,
                   demand: Demand | None = None) -> None:
    """Print one verdict in full: legal test, codes, reasons, all evidence, every source."""
    data = explain_json(review, safeguard, source)
    verdict = review.verdict(safeguard)
    head = Text()
    head.append(f"{safeguard}", style="bold")
    head.append(f" — {data['title']}\n", style="bold")
    if verdict is None:
        head.append("not reviewed", style="dim")
        console.print(Panel(head, title=source, title_align="left"))
        return
    head.append(verdict.status.value.upper(), style=_STATUS_STYLE[verdict.status])
    head.append(f"\npolicy {review.policy_id} {review.policy_version} · as of "
                f"{review.as_of or 'unknown'} · engine {review.engine_version}", style="dim")
    console.print(Panel(head, title=source, title_align="left"))
    console.print(Text("Legal test", style="bold"))
    console.print(_indent(data["legal_test"]))
    console.print(Text("Codes", style="bold"))
    for code, meaning in data["verdict"]["code_meanings"].items():
        console.print(_indent(f"{code}: {meaning}"))
    console.print(Text("Reasons", style="bold"))
    for r in verdict.reasons:
        console.print(_indent(f"• {r}"))
    if verdict.evidence:
        console.print(Text("Evidence", style="bold"))
        for e in verdict.evidence:
            value = e.to_dict()["value"]
            line = f"{e.field} = {value!r}" if value not in (None, "", []) else \
                f"{e.field}: (none)"
            if e.spans:
                line += " @" + ",".join(f"{a}-{b}" for a, b in e.spans)
                words = _words(demand, e.spans)
                if words:
                    line += f" “{words}”"
            console.print(_indent(line), soft_wrap=True)
    console.print(Text("Sources", style="bold"))
    for src in verdict.sources:
        line = f"{src.instrument} {src.provision}"
        if not src.verified:
            line += " (pinpoint not verified)"
        if src.note:
            line += f" — {src.note}"
        console.print(_indent(line))
        if src.url:  # printed whole (never cropped), so it can be copied or clicked
            console.print(Text(f"       {src.url}", style="dim"), soft_wrap=True)
    if verdict.overrides:
        console.print(Text("Overrides", style="bold"))
        console.print(_indent(", ".join(verdict.overrides)))
    if verdict.questions:
        console.print(Text("Questions", style="bold"))
        for q in verdict.questions:
            console.print(_indent(f"• {q}"))
    if verdict.narrowing is not None:
        console.print(Text("Narrowing", style="bold"))
        for r in verdict.narrowing.reasons:
            console.print(_indent(f"• {r}"))
    console.print()
