"""Shared fixtures: a fresh database per test, on SQLite and on the real PostgreSQL server.

``database_url`` is parametrised over both back ends, so every test that touches the store
runs twice. PostgreSQL comes from ``SCRUTINY_TEST_DATABASE_URL`` (``scripts/test`` starts the
server); in CI a missing server is an error, never a silent skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def _pg_admin_url() -> str | None:
    url = os.environ.get("SCRUTINY_TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("SCRUTINY_TEST_DATABASE_URL is not set: run the tests with `make test`")
        return None
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A freshly created, empty PostgreSQL database, dropped after the test."""
    admin = _pg_admin_url()
    if admin is None:
        pytest.skip("no PostgreSQL server (run `make test`)")
    import psycopg

    plain = admin.replace("postgresql+psycopg://", "postgresql://")
    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = admin.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file in the test's own folder."""
    return f"sqlite:///{tmp_path / 'scrutiny.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium (installed by scripts/system-deps); no browser download."""
    path = os.environ.get("SCRUTINY_CHROMIUM") or "/usr/bin/chromium"
    if not Path(path).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {path}")
        pytest.skip("Chromium not installed (run `make test`)")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared development corpus (read-only)."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpus not present")
    return CORPUS


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests save screenshots and reports for people to look at."""
    path = REPO / "artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def world(database_url: str) -> Iterator[Any]:
    """A case world (store, services, people) on a fresh database; see ``case_world``."""
    from case_world import make_world

    w = make_world(database_url)
    try:
        yield w
    finally:
        w.store.dispose()
