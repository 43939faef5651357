"""The transparency report as data: one pydantic model per part, the JSON wire format.

:class:`PublicReport` is what anyone may see (its JSON Schema is published as
``docs/schemas/report.schema.json``); :class:`InternalReport` adds what only the company
sees (case identifiers and written reasons of overridden recommendations). Which one a
reader gets is decided in :mod:`scrutiny.reports.audience`, by allowlist.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from scrutiny.reports.figures import Count

__all__ = [
    "SCHEMA_VERSION",
    "Banding",
    "CheckpointOut",
    "Column",
    "Coverage",
    "DsaPart",
    "DsaRow",
    "Figure",
    "InternalReport",
    "KeyFigure",
    "Override",
    "PeriodOut",
    "PolicyOut",
    "PublicReport",
    "Row",
    "Table",
    "TimingRow",
    "TimingTable",
]

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Figure(_Model):
    """A published count: exact (``value`` = ``min`` = ``max``) or banded (``value`` null)."""

    value: int | None = Field(description="The exact count, or null when only a range is "
                                           "published.")
    min: int = Field(ge=0, description="Smallest value the count may have.")
    max: int = Field(ge=0, description="Largest value the count may have.")

    @classmethod
    def of(cls, count: Count) -> Figure:
        """From a :class:`~scrutiny.reports.figures.Count`."""
        return cls(value=count.value, min=count.lo, max=count.hi)

    def count(self) -> Count:
        """Back to a :class:`~scrutiny.reports.figures.Count`."""
        return Count(self.min, self.max)

    def text(self) -> str:
        """``1,234`` or ``0–999``."""
        return self.count().text()


class Column(_Model):
    """A column of a table: a vocabulary code and its label."""

    key: str
    label: str


class Row(_Model):
    """A row: its code, label, one figure per column and the row total."""

    key: str
    label: str
    cells: list[Figure]
    total: Figure


class Table(_Model):
    """A count table. Totals are the sums of the published cells (ranges add up)."""

    id: str = Field(description="Stable table id (named query).")
    title: str
    caption: str
    dimension: str = Field(description="What the rows are (country, demand_type, …).")
    unit: str = Field(description="What is counted (demands, accounts, users, appeals…).")
    columns: list[Column]
    rows: list[Row]
    totals: Row = Field(description="Column totals and the grand total.")
    notes: list[str] = Field(default_factory=list)
    covers: list[str] = Field(default_factory=list,
                              description="RDR / DSA / SCP elements this table reports on.")


class TimingRow(_Model):
    """Median hours from receipt to acknowledgement and to action, for one group."""

    key: str
    label: str
    acknowledged: Figure = Field(description="Cases acknowledged (basis of the first median).")
    median_hours_to_acknowledge: float | None
    acted: Figure = Field(description="Cases acted on (basis of the second median).")
    median_hours_to_act: float | None


class TimingTable(_Model):
    """Median response times per group (null where too few cases to publish)."""

    id: str
    title: str
    caption: str
    dimension: str
    rows: list[TimingRow]
    notes: list[str] = Field(default_factory=list)


class DsaRow(_Model):
    """One row of DSA template Part 3 (Member-State orders): a category and a scope."""

    category: str = Field(description="Statement-of-reasons category code.")
    scope: str = Field(description="TOTAL, the issuing Member State (ISO 3166-1 alpha-2), or "
                       "\"other\" (Member States grouped in a public report).")
    art9_orders: Figure
    art9_items: Figure
    art9_median_hours_to_inform: float | None
    art9_median_hours_to_effect: float | None
    art10_orders: Figure
    art10_median_hours_to_inform: float | None
    art10_median_hours_to_effect: float | None


class DsaPart(_Model):
    """DSA transparency-report template, Part 3: orders from Member States (Art. 9, 10)."""

    reporting_period: str = Field(description="YYYY-MM-DD/YYYY-MM-DD")
    rows: list[DsaRow]
    notes: list[str] = Field(default_factory=list)


class Coverage(_Model):
    """One element of a reporting standard and whether (and by what) this report covers it."""

    standard: Literal["RDR", "SCP", "DSA"]
    code: str
    requirement: str
    covered: bool
    by: list[str] = Field(default_factory=list, description="Table ids that cover it.")
    figures: str = Field(description="The figures that cover it, or why it is not covered.")


class KeyFigure(_Model):
    """A headline number of the report."""

    id: str
    label: str
    figure: Figure


class Banding(_Model):
    """How small counts were protected."""

    band_size: int = Field(description="National-security process demands are published "
                                       "only in bands of this size, on their own line.")
    small_count_threshold: int = Field(10, description="Other counts from 1 to this value "
                                                       "minus one are published as a range.")
    applied: bool
    statement: str


class CheckpointOut(_Model):
    """The audit-log position the figures were computed at."""

    seq: int
    hash: str
    at: str | None


class PeriodOut(_Model):
    """The reporting period (both days inclusive)."""

    label: str
    start: str
    end: str


class PolicyOut(_Model):
    """The policy pack in force for the report."""

    id: str
    version: str


class Override(_Model):
    """Internal only: a decision that did not follow the engine's recommendation."""

    case_id: int
    recommendation: str | None
    outcome: str
    override_reason: str | None
    decided_at: str


class PublicReport(_Model):
    """The transparency report anyone may read."""

    schema_version: str = SCHEMA_VERSION
    title: str
    audience: Literal["public", "internal"]
    period: PeriodOut
    as_of: str = Field(description="Records created after this instant are left out; "
                                   "states are taken as of it (UTC, ISO 8601).")
    generator: str
    policy: PolicyOut
    banding: Banding
    audit_checkpoint: CheckpointOut
    key_figures: list[KeyFigure]
    tables: list[Table]
    timings: list[TimingTable]
    dsa_orders: DsaPart
    coverage: list[Coverage]


class InternalReport(PublicReport):
    """The report for the company itself: exact figures plus override details."""

    overrides: list[Override] = Field(default_factory=list)
