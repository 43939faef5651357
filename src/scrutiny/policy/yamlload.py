"""Strict loading of dated YAML data files (DESIGN.md §2, §12).

Duplicate keys, unknown keys, wrong types and bad dates are errors that name the file and
the key path. Every data file is validated by a pydantic model with ``extra="forbid"``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from scrutiny.errors import PolicyError

__all__ = ["DATA_DIR", "load_yaml", "load_yaml_model", "validate_data"]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
"""The data shipped inside the package: ``policy/`` packs, ``reference/`` data."""

M = TypeVar("M", bound=BaseModel)


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parser when present


class _StrictLoader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader (libyaml-backed when available) that refuses duplicate mapping keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)

# YAML 1.2 booleans only: ``yes``/``no``/``on``/``off`` stay strings, so the country code NO
# (Norway) or ON is never read as a boolean.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file strictly; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(exc.strerror or str(exc), location=str(path)) from None
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise PolicyError(f"invalid YAML: {problem}", location=where) from None
    except ValueError as exc:  # e.g. a timestamp such as 2024-13-45
        raise PolicyError(f"invalid value: {exc}", location=str(path)) from None


def validate_data(data: Any, model: type[M], location: str) -> M:
    """Validate already-parsed ``data`` against ``model``; errors name ``location`` and keys."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        parts = []
        for err in errors[:5]:
            key = ".".join(str(p) for p in err["loc"]) or "(document)"
            msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            parts.append(f"{key}: {msg}")
        if len(errors) > 5:
            parts.append(f"and {len(errors) - 5} more")
        raise PolicyError("; ".join(parts), location=location) from None


def load_yaml_model(path: Path, model: type[M]) -> M:
    """Load ``path`` and validate it against ``model``; errors name file and key path."""
    return validate_data(load_yaml(path), model, str(path))
