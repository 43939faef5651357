"""Fixtures for the case, audit and store tests: a world (store, services, people) per test
and back end. ``case_world`` holds the builders; tests/audit and tests/store import it too."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "cases"))

from case_world import World, make_world


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    w = make_world(database_url)
    try:
        yield w
    finally:
        w.store.dispose()
