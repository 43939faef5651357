"""Migration 0005 backfills the country and primary type of cases stored before it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from scrutiny.store.migrate import upgrade


def test_upgrade_backfills_country_and_primary_type(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        assert upgrade(engine, "0004") == "0004"
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO demands (id, content_hash, country, body, received_at, target_count,"
                " account_count, cross_border, emergency, judicial_authorisation,"
                " confidentiality_requested, reporting_prohibited)"
                " VALUES (1, 'h1', 'RU', '{}', '2026-01-01 00:00:00', 1, 1, 0, 0, 0, 0, 0)"))
            conn.execute(text(
                "INSERT INTO demand_tags (demand_id, facet, value) VALUES"
                " (1, 'demand_type', 'preservation'), (1, 'demand_type', 'interception')"))
            conn.execute(text(
                "INSERT INTO cases (id, demand_id, state, version, risk, received_at,"
                " acknowledged_at, updated_at) VALUES (1, 1, 'received', 1, 'normal',"
                " '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"))
        upgrade(engine)
        with engine.connect() as conn:
            row = conn.execute(text("SELECT country, primary_type FROM cases")).one()
        assert tuple(row) == ("RU", "interception")
    finally:
        engine.dispose()
