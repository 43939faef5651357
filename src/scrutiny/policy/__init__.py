"""Policy as data: the policy pack and the reference data the review engine reads.

>>> from scrutiny.policy import load_policy, load_reference
>>> policy = load_policy()            # Settings.policy, else the shipped gni-baseline
>>> reference = load_reference()      # shipped data/reference (cached)
"""

from __future__ import annotations

from scrutiny.policy.instruments import Instrument
from scrutiny.policy.jurisdictions import Jurisdiction, TreatyKey, TreatyStatus
from scrutiny.policy.levels import AuthLevel
from scrutiny.policy.model import ExpressionClass, LevelRule, Policy, Requirement
from scrutiny.policy.offences import Conduct, OffenceEntry
from scrutiny.policy.pack import load_policy
from scrutiny.policy.reference import Reference, load_reference
from scrutiny.policy.sources import Param, SourceRef

__all__ = [
    "AuthLevel",
    "Conduct",
    "ExpressionClass",
    "Instrument",
    "Jurisdiction",
    "LevelRule",
    "OffenceEntry",
    "Param",
    "Policy",
    "Reference",
    "Requirement",
    "SourceRef",
    "TreatyKey",
    "TreatyStatus",
    "load_policy",
    "load_reference",
]
