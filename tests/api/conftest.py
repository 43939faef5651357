"""Fixtures for the API tests: an app over a fresh store with one user per role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import Env, make_env


@pytest.fixture
def env(sqlite_url: str, tmp_path: Path) -> Iterator[Env]:
    """An app over a fresh SQLite store."""
    e = make_env(sqlite_url, tmp_path)
    yield e
    e.store.dispose()


@pytest.fixture
def any_env(database_url: str, tmp_path: Path) -> Iterator[Env]:
    """The same, once on SQLite and once on PostgreSQL."""
    e = make_env(database_url, tmp_path)
    yield e
    e.store.dispose()
