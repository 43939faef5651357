"""Report facts and cubes: one row per case in report dimensions, counts per month.

``scrutiny report`` sums the cube rows of a period's months and corrects them exactly for
the few cases whose state changed after the as-of instant (docs/reports.md). The tables are
derived data: they start empty and are filled by ``scrutiny report-facts --rebuild`` (or by
the first report).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DIMENSIONS = (
    "country", "rtype", "reason", "eu_reason", "action", "process", "authority", "judicial",
    "xborder", "treaty", "unofficial", "prohibited", "data_scope", "outcome", "recommendation",
    "followed",
)


def upgrade() -> None:
    op.create_table(
        "report_facts",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("demand_id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.BigInteger(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_change_at", sa.DateTime(timezone=True), nullable=False),
        *(sa.Column(name, sa.String(length=60), nullable=False) for name in DIMENSIONS),
        sa.Column("accounts", sa.Integer(), nullable=True),
        sa.Column("targets", sa.Integer(), nullable=True),
        sa.Column("ack_dh", sa.Integer(), nullable=True),
        sa.Column("act_dh", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("case_id", name="pk_report_facts"),
    )
    op.create_index("ix_report_facts_month_last_change", "report_facts",
                    ["month", "last_change_at"], unique=False)
    op.create_table(
        "report_fact_items",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("family", sa.String(length=16), nullable=False),
        sa.Column("k1", sa.String(length=60), nullable=False),
        sa.Column("k2", sa.String(length=60), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "family", "k1", "k2", name="pk_report_fact_items"),
    )
    op.create_table(
        "report_cube",
        sa.Column("family", sa.String(length=24), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("nsl", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("k1", sa.String(length=60), nullable=False),
        sa.Column("k2", sa.String(length=60), nullable=False),
        sa.Column("k3", sa.String(length=60), nullable=False),
        sa.Column("k4", sa.String(length=60), nullable=False),
        sa.Column("b", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("accounts", sa.BigInteger(), nullable=False),
        sa.Column("targets", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("family", "month", "nsl", "k1", "k2", "k3", "k4", "b",
                                name="pk_report_cube"),
    )
    op.create_table(
        "report_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("audit_seq", sa.BigInteger(), nullable=False),
        sa.Column("max_case_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_report_state_single_row")),
        sa.PrimaryKeyConstraint("id", name="pk_report_state"),
    )


def downgrade() -> None:
    op.drop_table("report_state")
    op.drop_table("report_cube")
    op.drop_table("report_fact_items")
    op.drop_index("ix_report_facts_month_last_change", table_name="report_facts")
    op.drop_table("report_facts")
