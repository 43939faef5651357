"""The Demand model and its closed vocabularies."""

from scrutiny.demands.io import load_demands, parse_demand
from scrutiny.demands.model import (
    Deadline,
    Demand,
    JudicialAuthorisation,
    LegalBasis,
    Offence,
    Requester,
    Span,
    Target,
    TimeRange,
)

__all__ = [
    "Deadline",
    "Demand",
    "JudicialAuthorisation",
    "LegalBasis",
    "Offence",
    "Requester",
    "Span",
    "Target",
    "TimeRange",
    "load_demands",
    "parse_demand",
]
