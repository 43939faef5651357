"""Completeness of a submitted demand (SAFEGUARDS.md §3), field by field.

The rules are data (``data/completeness.yaml``, each with its sources); this module only
evaluates them. A portal or API submission that misses a required field is refused with one
problem per field before it reaches a reviewer.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import DemandType
from scrutiny.errors import InputError
from scrutiny.policy.yamlload import load_yaml_model

__all__ = [
    "RULES_PATH",
    "CompletenessRule",
    "CompletenessRules",
    "FieldProblem",
    "field_value",
    "incomplete_error",
    "load_rules",
    "missing_fields",
]

RULES_PATH = Path(__file__).with_name("data") / "completeness.yaml"


class _When(BaseModel):
    model_config = ConfigDict(extra="forbid")

    demand_types: list[DemandType] | None = None
    is_true: str | None = None


class CompletenessRule(BaseModel):
    """One required field, the message shown next to its input, and why it is required."""

    model_config = ConfigDict(extra="forbid")

    field: str
    message: str
    sources: list[str] = Field(min_length=1)
    when: _When | None = None


class CompletenessRules(BaseModel):
    """The rule file."""

    model_config = ConfigDict(extra="forbid")

    version: int
    source_document: str
    rules: list[CompletenessRule]


class FieldProblem(BaseModel):
    """A missing or invalid field, as shown next to its input."""

    field: str
    message: str
    sources: list[str] = Field(default_factory=list)


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_PATH) -> CompletenessRules:
    """The shipped rules (strictly loaded; cached)."""
    return load_yaml_model(path, CompletenessRules)


def field_value(demand: Demand, path: str) -> Any:
    """The value at a dotted field path (``requester.authority``), ``None`` if absent."""
    value: Any = demand
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, dict)):
        return len(value) == 0
    return False


def _applies(rule: CompletenessRule, demand: Demand) -> bool:
    if rule.when is None:
        return True
    if rule.when.demand_types is not None and not set(rule.when.demand_types) & set(
        demand.demand_types
    ):
        return False
    flag = rule.when.is_true
    return flag is None or field_value(demand, flag) is True


def missing_fields(demand: Demand, rules: CompletenessRules | None = None) -> list[FieldProblem]:
    """Every required field the demand lacks, in the order of the rule file."""
    rules = rules or load_rules()
    return [
        FieldProblem(field=r.field, message=r.message, sources=r.sources)
        for r in rules.rules
        if _applies(r, demand) and _empty(field_value(demand, r.field))
    ]


def incomplete_error(problems: list[FieldProblem]) -> InputError:
    """The error a refused submission gets: one line, and every field in ``details``."""
    names = ", ".join(p.field for p in problems[:6])
    more = f" and {len(problems) - 6} more" if len(problems) > 6 else ""
    return InputError(
        f"the demand is incomplete: {names}{more}",
        code="demand.incomplete",
        location=f"body:{problems[0].field}" if problems else None,
        hint="Complete every listed field (SAFEGUARDS.md §3) and submit again.",
        details={"errors": [p.model_dump() for p in problems]},
    )
