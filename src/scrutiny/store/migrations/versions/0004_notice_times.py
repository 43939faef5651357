"""When a notice was first recorded and first deferred (reports take notices "as of" a date).

Existing rows are backfilled from ``updated_at`` (the best the old schema knows).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 00:02:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("notices", sa.Column("created_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("notices", sa.Column("deferred_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE notices SET created_at = updated_at")
    op.execute("UPDATE notices SET deferred_at = updated_at WHERE status = 'deferred'")


def downgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.drop_column("deferred_at")
        batch.drop_column("created_at")
