"""Human and JSON presentation of a review (used by ``scrutiny review``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from scrutiny.demands.model import Demand
from scrutiny.safeguards.types import Evidence, Review, Source, Status

__all__ = ["render_review", "review_json"]

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
