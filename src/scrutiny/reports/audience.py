"""Allowlist serializers per audience (DESIGN.md §13).

The public report is rebuilt field by field from an explicit allowlist into
:class:`~scrutiny.reports.model.PublicReport` (which forbids unknown fields), then checked:
every row and column key must be a code from a closed vocabulary — never an identifier or
free text from a case record. The internal report is the full model.
"""

from __future__ import annotations

import re
from typing import Literal

from scrutiny.demands.vocab import (
    ISO_3166_ALPHA2,
    AuthorityKind,
    DemandType,
    ProcessType,
    ReasonCategory,
    TreatyChannel,
)
from scrutiny.policy.model import SAFEGUARD_IDS
from scrutiny.reports.build import (
    ACTIONS,
    APPEAL_COLS,
    FOLLOWUP_COLS,
    LABELS,
    NOTICE_COLS,
    RECOMMENDATIONS,
    STATUSES,
)
from scrutiny.reports.model import InternalReport, PublicReport
from scrutiny.reports.queries import OUTCOMES, UNKNOWN

__all__ = ["PUBLIC_FIELDS", "serialize"]

PUBLIC_FIELDS: frozenset[str] = frozenset({
    "schema_version", "title", "audience", "period", "as_of", "generator", "policy",
    "banding", "audit_checkpoint", "key_figures", "tables", "timings", "dsa_orders",
    "coverage",
})
"""Top-level parts of a report the public may see (``overrides`` is internal only)."""

_CODES: frozenset[str] = frozenset(
    set(ISO_3166_ALPHA2) | {t.value for t in DemandType} | {p.value for p in ProcessType}
    | {r.value for r in ReasonCategory} | {a.value for a in AuthorityKind}
    | {f"cross_border/{t.value}" for t in TreatyChannel} | set(SAFEGUARD_IDS)
    | set(OUTCOMES) | set(ACTIONS) | set(APPEAL_COLS) | set(FOLLOWUP_COLS) | set(NOTICE_COLS)
    | set(RECOMMENDATIONS) | set(STATUSES) | set(LABELS) | {"no_verdict", UNKNOWN, "total"}
)
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _allowed(key: str) -> bool:
    return key in _CODES or bool(_MONTH.fullmatch(key))


def _check_public(report: PublicReport) -> None:
    bad: list[str] = []
    for table in report.tables:
        bad += [f"{table.id} row {r.key!r}" for r in table.rows if not _allowed(r.key)]
        bad += [f"{table.id} column {c.key!r}" for c in table.columns if not _allowed(c.key)]
    for timing in report.timings:
        bad += [f"{timing.id} row {r.key!r}" for r in timing.rows if not _allowed(r.key)]
    for row in report.dsa_orders.rows:
        if not row.category.startswith("STATEMENT_CATEGORY_"):
            bad.append(f"dsa_orders category {row.category!r}")
        if row.scope not in ("TOTAL", "other") and row.scope not in ISO_3166_ALPHA2:
            bad.append(f"dsa_orders scope {row.scope!r}")
    if bad:
        raise ValueError("public report would show values outside the closed vocabularies: "
                         + "; ".join(bad[:10]))


def serialize(report: InternalReport,
              audience: Literal["public", "internal"]) -> PublicReport | InternalReport:
    """The view of ``report`` that ``audience`` may see.

    Raises:
        ValueError: the report was built for another audience (banding differs), or a public
            view would carry a key outside the closed vocabularies (a bug).
    """
    if report.audience != audience:
        raise ValueError(f"a report built for the {report.audience} audience cannot be shown "
                         f"to the {audience} audience: build it for {audience}")
    if audience == "internal":
        return report
    public = PublicReport.model_validate(report.model_dump(include=set(PUBLIC_FIELDS)))
    _check_public(public)
    return public
