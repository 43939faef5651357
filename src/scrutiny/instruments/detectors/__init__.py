"""The gap detectors: one module per rule, each a documented, sourced check.

Every detector is a function ``(ctx: Context) -> list[Finding]``; its docstring states the
rule, and its codes, word lists, thresholds and sources live in
``scrutiny/data/instrument_rules/<name>.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable

from scrutiny.instruments.context import Context
from scrutiny.instruments.detectors import (
    cooperation,
    discretion,
    expression,
    intent,
    powers,
    providers,
    rights,
    scope,
)
from scrutiny.instruments.findings import Finding

__all__ = ["DETECTORS", "Detector"]

Detector = Callable[[Context], list[Finding]]

DETECTORS: dict[str, Detector] = {
    "intent": intent.detect,  # (a)
    "expression": expression.detect,  # (b)
    "discretion": discretion.detect,  # (c)
    "powers": powers.detect,  # (d)
    "scope": scope.detect,  # (e)
    "cooperation": cooperation.detect,  # (f)
    "providers": providers.detect,  # (g)
    "rights": rights.detect,  # (h)
}
"""Detector name -> function, in the order of issue 7 point 2 (a)-(h)."""
