"""Reporting conventions shipped as data (``reports/data/dsa.yaml``), strictly loaded."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scrutiny.demands.vocab import ISO_3166_ALPHA2, DemandType, ReasonCategory
from scrutiny.policy.sources import SourceRef
from scrutiny.policy.yamlload import load_yaml_model

__all__ = ["DSA_FILE", "DsaConventions", "dsa_conventions"]

DSA_FILE = Path(__file__).parent / "data" / "dsa.yaml"


class DsaConventions(BaseModel):
    """How case records map onto DSA template Part 3 (Member-State orders)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: tuple[SourceRef, ...] = Field(min_length=1)
    art9_types: tuple[DemandType, ...]
    art10_types: tuple[DemandType, ...]
    member_states: tuple[str, ...]
    categories: dict[ReasonCategory, str]

    @model_validator(mode="after")
    def _check(self) -> DsaConventions:
        bad = [c for c in self.member_states if c not in ISO_3166_ALPHA2]
        if bad:
            raise ValueError(f"member_states: not ISO 3166-1 alpha-2: {', '.join(bad)}")
        missing = [r.value for r in ReasonCategory if r not in self.categories]
        if missing:
            raise ValueError(f"categories lacks {', '.join(missing)}")
        wrong = [v for v in self.categories.values() if not v.startswith("STATEMENT_CATEGORY_")]
        if wrong:
            raise ValueError(f"categories: not statement-of-reasons codes: {', '.join(wrong)}")
        return self

    def category(self, reason: str) -> str:
        """Statement-of-reasons category of a reason code (unknown -> not specified)."""
        try:
            return self.categories[ReasonCategory(reason)]
        except ValueError:
            return self.categories[ReasonCategory.OTHER]


@lru_cache(maxsize=1)
def dsa_conventions() -> DsaConventions:
    """The shipped DSA conventions (cached)."""
    return load_yaml_model(DSA_FILE, DsaConventions)
