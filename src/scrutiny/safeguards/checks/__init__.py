"""One module per safeguard (SAFEGUARDS.md §1); importing this package registers them all.

:data:`CATALOGUE_ORDER` is the order of SAFEGUARDS.md §1 and of every review's verdicts.
"""

from __future__ import annotations

import importlib

__all__ = ["CATALOGUE_ORDER"]

CATALOGUE_ORDER = (
    "legality",
    "requester_authenticity",
    "legitimate_aim",
    "necessity",
    "proportionality",
    "data_minimisation",
    "independent_authorisation",
    "emergency_validity",
    "dual_criminality",
    "territorial_scope",
    "non_discrimination",
    "protected_expression",
    "intermediary_intent",
    "confidentiality_review",
    "user_notification",
    "remedy",
    "transparency",
    "data_protection",
    "system_integrity",
    "gender_and_children",
)
"""Safeguard ids in catalogue order."""

for _name in CATALOGUE_ORDER:
    importlib.import_module(f"{__name__}.{_name}")
