"""Fixtures for the review-engine tests: the shipped policy and reference, loaded once."""

from __future__ import annotations

import pytest

from scrutiny.policy import Policy, Reference, load_policy, load_reference


@pytest.fixture(scope="session")
def policy() -> Policy:
    """The shipped GNI baseline."""
    return load_policy()


@pytest.fixture(scope="session")
def reference() -> Reference:
    """The shipped reference data."""
    return load_reference()
