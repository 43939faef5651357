"""Indexes for newest-first case lists and overdue lists.

(state, id) and (risk, id) let a filtered, newest-first page be read in index order without
sorting; a partial index on deadline_at over open cases serves the overdue lists.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 22:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "state IN ('received', 'in_review', 'awaiting_approval', 'decided')"


def upgrade() -> None:
    op.drop_index("ix_cases_state_deadline", table_name="cases")
    op.drop_index("ix_cases_risk_state", table_name="cases")
    op.create_index("ix_cases_state_id", "cases", ["state", "id"], unique=False)
    op.create_index("ix_cases_risk_id", "cases", ["risk", "id"], unique=False)
    op.create_index("ix_cases_open_deadline", "cases", ["deadline_at"], unique=False,
                    sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def downgrade() -> None:
    op.drop_index("ix_cases_open_deadline", table_name="cases")
    op.drop_index("ix_cases_risk_id", table_name="cases")
    op.drop_index("ix_cases_state_id", table_name="cases")
    op.create_index("ix_cases_risk_state", "cases", ["risk", "state"], unique=False)
    op.create_index("ix_cases_state_deadline", "cases", ["state", "deadline_at"], unique=False)
