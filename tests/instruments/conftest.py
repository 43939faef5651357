"""Fixtures of the instruments tests."""

from __future__ import annotations

import pytest
from instr_helpers import SHIPPED


@pytest.fixture(params=SHIPPED)
def shipped_name(request: pytest.FixtureRequest) -> str:
    """Each shipped instrument's name in turn."""
    return str(request.param)
