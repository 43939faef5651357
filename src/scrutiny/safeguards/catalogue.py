"""Generate ``docs/safeguards.md`` from the registry (DESIGN.md §14: docs are tested).

Run ``python -m scrutiny.safeguards.catalogue > docs/safeguards.md``; a test fails when the
file differs from what this prints.
"""

from __future__ import annotations

from scrutiny.safeguards.engine import ENGINE_VERSION
from scrutiny.safeguards.overrides import OVERRIDES
from scrutiny.safeguards.registry import REGISTRY
from scrutiny.safeguards.rollup import ESCALATIONS
from scrutiny.safeguards.types import Source

__all__ = ["catalogue_markdown"]


def _src(s: Source) -> str:
    flag = " *(pinpoint not verified)*" if not s.verified else ""
    note = f" — {s.note}" if s.note else ""
    return f"`{s.instrument}` {s.provision}{note}{flag}"


def catalogue_markdown() -> str:
    """The safeguards catalogue as Markdown."""
    lines = [
        "# Safeguards catalogue",
        "",
        "Generated from the check registry (`python -m scrutiny.safeguards.catalogue > "
        "docs/safeguards.md`); do not edit by hand. Engine version " + ENGINE_VERSION + ".",
        "",
        "Each check returns `met`, `concern`, `unmet`, `unknown` or `not_applicable` with the "
        "codes below. Every check may also return `<id>.not_applicable` (outside its demand "
        "types) and `<id>.check_error` (the check failed on the input: `unknown`, never "
        "`met`). Source keys are those of `data/reference/instruments.yaml`; URLs are filled "
        "from it. Thresholds and lists come from the policy pack, never from the code.",
        "",
        "Applies: D disclosure, P preservation, R content restriction, A account action, "
        "I interception, E emergency disclosure, X cross-border.",
        "",
    ]
    for check in REGISTRY.values():
        lines += [f"## `{check.id}` — {check.title}", "", f"Applies: {check.applies.label}.",
                  "", check.test, "", "Codes:", ""]
        lines += [f"- `{code}`: {meaning}" for code, meaning in check.codes.items()]
        lines += ["", "Questions sent when information is missing or doubtful:", ""]
        lines += [f"- {q}" for q in check.questions]
        lines += ["", "Sources:", ""]
        lines += [f"- {_src(s)}" for s in check.sources]
        overrides = [o for o in OVERRIDES.values() if o.safeguard == check.id]
        if overrides:
            lines += ["", "Overrides (labelled exceptions):", ""]
            for o in overrides:
                lines.append(f"- `{o.id}`: {o.title} Sources: "
                             + "; ".join(_src(s) for s in o.sources) + ".")
        lines.append("")
    lines += ["## Escalation rules", ""]
    for e in ESCALATIONS:
        lines.append(f"- `{e.id}`: {e.title} Sources: " + "; ".join(_src(s) for s in e.sources)
                     + ".")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(catalogue_markdown(), end="")
