"""The store: migrations agree with the models, SQLite settings, first-use creation,
``scrutiny db upgrade``, UTC timestamps, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from scrutiny.cli import main
from scrutiny.errors import InputError
from scrutiny.store.engine import Store, make_engine, normalise_url
from scrutiny.store.migrate import current_revision, head_revision, upgrade
from scrutiny.store.models import Base


def test_models_and_migrations_agree(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) is None
        assert upgrade(engine) == head_revision()
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == [], f"models and migrations differ; add a migration: {diff}"
        assert upgrade(engine) == head_revision()  # idempotent
    finally:
        engine.dispose()


def test_store_creates_and_migrates_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "cases.db"
    store = Store(f"sqlite:///{path}")
    try:
        assert path.exists()
        assert current_revision(store.engine) == head_revision()
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        store.dispose()


def test_foreign_keys_are_enforced(database_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    store = Store(database_url)
    try:
        with pytest.raises(IntegrityError), store.write() as session:
            session.execute(text("INSERT INTO demand_tags (demand_id, facet, value) "
                                 "VALUES (424242, 'demand_type', 'disclosure')"))
    finally:
        store.dispose()


def test_timestamps_come_back_as_utc(database_url: str) -> None:
    from scrutiny.store.models import User

    store = Store(database_url)
    try:
        when = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        with store.write() as session:
            session.add(User(username="tz", active=True, created_at=when))
        with store.read() as session:
            user = session.query(User).filter_by(username="tz").one()
            assert user.created_at == when
            assert user.created_at.tzinfo == dt.UTC
        with pytest.raises(Exception, match="naive"), store.write() as session:
            session.add(User(username="naive", active=True,
                             created_at=dt.datetime(2026, 1, 1)))
    finally:
        store.dispose()


def test_db_upgrade_command(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--db", database_url, "--json"]) == 0
    assert capsys.readouterr().out.strip() == f'{{"from": null, "to": "{head_revision()}"}}'
    assert main(["db", "current", "--db", database_url, "--json"]) == 0
    assert f'"current": "{head_revision()}"' in capsys.readouterr().out


def test_urls_are_checked() -> None:
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(InputError, match="unsupported database"):
        normalise_url("mysql://u@h/db")
    with pytest.raises(InputError, match="not a database URL"):
        normalise_url("::::")


def test_open_state_sql_matches_the_state_machine() -> None:
    from scrutiny.cases.states import OPEN_STATES
    from scrutiny.store.models import OPEN_STATE_SQL

    listed = set(OPEN_STATE_SQL.split("(", 1)[1].rstrip(")").replace("'", "").split(", "))
    assert listed == {s.value for s in OPEN_STATES}
