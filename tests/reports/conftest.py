"""Fixtures for the report tests: the fixed store on each back end."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fixed_store import FIXED
from storefill import fill

from scrutiny.store.engine import Store


@pytest.fixture
def fixed_store(database_url: str) -> Iterator[Store]:
    """The fixed golden store on SQLite and on PostgreSQL."""
    store = Store(database_url)
    fill(store, FIXED)
    try:
        yield store
    finally:
        store.dispose()


@pytest.fixture
def fixed_sqlite(sqlite_url: str) -> Iterator[Store]:
    """The fixed golden store on SQLite only (for tests that do not depend on the back end)."""
    store = Store(sqlite_url)
    fill(store, FIXED)
    try:
        yield store
    finally:
        store.dispose()
