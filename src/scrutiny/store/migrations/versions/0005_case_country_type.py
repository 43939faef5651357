"""Country and primary demand type copied onto cases, with ``(…, id)`` indexes.

Newest-first lists filtered by a frequent country sorted every matching case on SQLite (seconds
at a million cases); with ``(country, id)`` they read the index in order. ``primary_type`` is the
demand's leading type (emergency_disclosure, interception, disclosure, content_restriction,
account_action, preservation) for reports and filters. Existing rows are backfilled.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 00:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORDER = ("emergency_disclosure", "interception", "disclosure", "content_restriction",
         "account_action", "preservation")


def upgrade() -> None:
    op.add_column("cases", sa.Column("country", sa.String(length=2), nullable=True))
    op.add_column("cases", sa.Column("primary_type", sa.String(length=40), nullable=True))
    op.execute("UPDATE cases SET country = "
               "(SELECT d.country FROM demands d WHERE d.id = cases.demand_id)")
    rank = " ".join(f"WHEN '{t}' THEN {n}" for n, t in enumerate(ORDER))
    op.execute(
        "UPDATE cases SET primary_type = (SELECT t.value FROM demand_tags t "
        "WHERE t.demand_id = cases.demand_id AND t.facet = 'demand_type' "
        f"ORDER BY CASE t.value {rank} ELSE 99 END LIMIT 1)")
    op.create_index("ix_cases_country_id", "cases", ["country", "id"], unique=False)
    op.create_index("ix_cases_primary_type_id", "cases", ["primary_type", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_cases_primary_type_id", table_name="cases")
    op.drop_index("ix_cases_country_id", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("primary_type")
        batch.drop_column("country")
