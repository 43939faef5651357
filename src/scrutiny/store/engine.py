"""Engines and sessions: SQLite by default (WAL, foreign keys, ``BEGIN IMMEDIATE`` writes),
PostgreSQL by URL, the same code for both.

:class:`Store` is the one handle the services, reports and the web app hold: ``store.write()``
opens a transaction that may change data (on SQLite it takes the write lock up front, so
concurrent writers queue instead of failing half-way), ``store.read()`` a read-only one.
The database is created and migrated on first use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from scrutiny.errors import InputError, StoreUnavailable

__all__ = ["Store", "make_engine", "normalise_url", "open_store"]


def _sqlite_from_hint(self: SQLiteCompiler, table: Any, text: str | None) -> str | None:
    return text


# SQLAlchemy's SQLite compiler drops table hints; render them (``INDEXED BY …``), as the
# MySQL and SQL Server compilers do. Only queries that ask for a hint are affected.
SQLiteCompiler.get_from_hint_text = _sqlite_from_hint  # type: ignore[method-assign,assignment]

SQLITE_BUSY_TIMEOUT_MS = 60_000
"""How long a SQLite writer waits for the write lock before failing."""


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` as the psycopg 3 driver; check the URL.

    Raises:
        InputError: a URL SQLAlchemy cannot parse or a back end Scrutiny does not support.
    """
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(f"not a database URL: {url!r} ({exc})", location="database_url",
                         hint="e.g. sqlite:///scrutiny.db or postgresql://user@host/db") from None
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise InputError(f"unsupported database {parsed.get_backend_name()!r}",
                         location="database_url", hint="use SQLite or PostgreSQL")
    return url


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url`` with Scrutiny's connection settings.

    SQLite: WAL journal, foreign keys on, a busy timeout, ``synchronous=NORMAL`` (durable
    in WAL mode across process crashes), and transactions that begin ``IMMEDIATE`` unless the
    connection is marked read-only (``execution_options(scrutiny_read_only=True)``).
    PostgreSQL: psycopg 3, READ COMMITTED, pool pre-ping.
    """
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(
                    f"cannot create the database folder {folder}: {exc.strerror}",
                    location="--db", hint="check --db / SCRUTINY_DATABASE_URL") from exc
        engine = create_engine(
            url,
            echo=echo,
            json_serializer=_json_dumps,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(url, echo=echo, json_serializer=_json_dumps, pool_pre_ping=True,
                         insertmanyvalues_page_size=2000)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get("scrutiny_read_only", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class Store:
    """The case store: an engine plus read and write session factories.

    Args:
        url: SQLAlchemy database URL (``Settings.database_url`` by default).
        migrate: bring the schema to the latest revision on first use.
    """

    def __init__(self, url: str, *, migrate: bool = True, echo: bool = False) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, echo=echo)
        self.dialect = self.engine.dialect.name
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        reader = self.engine.execution_options(scrutiny_read_only=True)
        if self.dialect == "postgresql":
            reader = reader.execution_options(isolation_level="REPEATABLE READ",
                                              postgresql_readonly=True)
        self._read = sessionmaker(reader, expire_on_commit=False)
        if migrate:
            from scrutiny.store.migrate import ensure_schema

            try:
                ensure_schema(self.engine)
            except OperationalError as exc:  # cannot connect: say which database, no traceback
                self.engine.dispose()
                shown = make_url(self.url).render_as_string(hide_password=True)
                reason = str(exc.orig or exc).strip().splitlines()[0]
                raise StoreUnavailable(
                    f"cannot open the database {shown}: {reason}", location="--db",
                    hint="check --db / SCRUTINY_DATABASE_URL and that the server is running",
                ) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one write transaction: committed on success, rolled back on error."""
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (a consistent snapshot on both back ends)."""
        with self._read() as session, session.begin():
            yield session

    def optimize(self) -> None:
        """Refresh the query planner's statistics (after a bulk import).

        SQLite: ``ANALYZE`` with a sampling limit (fast on large files); PostgreSQL:
        ``ANALYZE``.
        """
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
                conn.exec_driver_sql("ANALYZE")
            else:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
            conn.commit()

    def dispose(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dispose()


_STORES: dict[str, Store] = {}


def open_store(url: str | None = None, *, existing: bool = False) -> Store:
    """The process-wide store for ``url`` (``Settings.database_url`` when ``None``).

    A SQLite store is created and migrated on first use, except with ``existing``: commands
    that work on cases, users, the audit log or reports refuse a SQLite file that does not
    exist, since a mistyped path would otherwise give an empty store and an empty answer.

    Raises:
        StoreUnavailable: with ``existing``, a SQLite database file that does not exist.
    """
    if url is None:
        from scrutiny.settings import get_settings

        url = get_settings().database_url
    key = normalise_url(url)
    if existing and key not in _STORES:
        _require_file(key)
    store = _STORES.get(key)
    if store is None:
        store = _STORES[key] = Store(key)
    return store


def _require_file(url: str) -> None:
    """Raise :class:`StoreUnavailable` when ``url`` names a SQLite file that does not exist."""
    parsed = make_url(url)
    database = parsed.database
    if (parsed.get_backend_name() != "sqlite" or not database or database == ":memory:"
            or database.startswith("file:")):
        return
    path = Path(database).expanduser()
    if not path.exists():
        raise StoreUnavailable(
            f"no database at {path}", location="--db",
            hint="check --db / SCRUTINY_DATABASE_URL (relative paths are from the current "
                 "folder); `scrutiny user add NAME` or `scrutiny db upgrade` creates a store")
