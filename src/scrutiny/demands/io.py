"""Reading structured demands (JSON, JSONL, folders) with errors that name file and field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scrutiny.demands.model import Demand
from scrutiny.errors import InputError, LimitError, ScrutinyError

__all__ = [
    "MAX_JSON_BYTES",
    "DemandItem",
    "demand_json_schema",
    "format_validation_error",
    "iter_demand_files",
    "load_demands",
    "parse_demand",
]

MAX_JSON_BYTES = 10 * 1024 * 1024
"""Largest JSON document (or JSONL line) accepted as one demand."""


@dataclass(frozen=True, slots=True)
class DemandItem:
    """One item of a batch: where it came from, and the demand or the error."""

    location: str
    demand: Demand | None
    error: ScrutinyError | None


def format_validation_error(exc: ValidationError, location: str) -> InputError:
    """Turn a pydantic error into one clear line naming the field and the fix."""
    parts = []
    for err in exc.errors()[:5]:
        field = ".".join(str(p) for p in err["loc"]) or "(document)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field; remove it or check its spelling against `scrutiny schema demand`"
        elif err["type"] == "enum":
            allowed = err.get("ctx", {}).get("expected", "")
            msg = f"{err.get('input')!r} is not allowed; expected {allowed}"
        parts.append(f"{field}: {msg}")
    more = len(exc.errors()) - 5
    if more > 0:
        parts.append(f"and {more} more")
    return InputError(
        "; ".join(parts),
        location=location,
        details={"errors": [{"field": ".".join(map(str, e["loc"])), "message": e["msg"]}
                            for e in exc.errors()]},
    )


def parse_demand(data: str | bytes | dict[str, Any], location: str = "<input>") -> Demand:
    """Validate one demand from JSON text or an already-decoded object.

    Raises:
        InputError: invalid JSON or a field that does not validate, naming ``location``.
    """
    if isinstance(data, (str, bytes)):
        if len(data) > MAX_JSON_BYTES:
            raise LimitError(
                f"demand is {len(data)} bytes, over the {MAX_JSON_BYTES}-byte limit",
                location=location,
            )
        try:
            return Demand.model_validate_json(data)
        except ValidationError as exc:
            if any(e["type"] == "json_invalid" for e in exc.errors()):
                try:
                    json.loads(data)
                except json.JSONDecodeError as jexc:
                    raise InputError(
                        f"invalid JSON: {jexc.msg} at line {jexc.lineno} column {jexc.colno}",
                        location=location,
                    ) from None
            raise format_validation_error(exc, location) from None
    if not isinstance(data, dict):
        raise InputError("a demand must be a JSON object", location=location)
    try:
        return Demand.model_validate(data)
    except ValidationError as exc:
        raise format_validation_error(exc, location) from None


def iter_demand_files(path: Path) -> Iterator[Path]:
    """The files a path stands for: itself, or the ``.json``/``.jsonl`` files of a folder."""
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.suffix in {".json", ".jsonl"})
    else:
        yield path


def load_demands(path: Path) -> Iterator[DemandItem]:
    """Read every demand in a JSON file, a JSONL file, or a folder of them.

    Never raises for a bad item: each problem comes back as a ``DemandItem`` with its
    error, so a batch reports every bad item and still processes the good ones.
    """
    if not path.exists():
        yield DemandItem(str(path), None, InputError("no such file or folder", location=str(path)))
        return
    for file in iter_demand_files(path):
        try:
            raw = file.read_bytes()
        except OSError as exc:
            yield DemandItem(str(file), None, InputError(exc.strerror or str(exc),
                                                         location=str(file)))
            continue
        if file.suffix == ".jsonl":
            for lineno, line in enumerate(raw.splitlines(), 1):
                if not line.strip():
                    continue
                loc = f"{file}:{lineno}"
                try:
                    yield DemandItem(loc, parse_demand(line, loc), None)
                except ScrutinyError as exc:
                    yield DemandItem(loc, None, exc)
        else:
            loc = str(file)
            try:
                stripped = raw.lstrip()
                if stripped.startswith(b"["):
                    items = json.loads(raw)
                    for i, obj in enumerate(items):
                        iloc = f"{file}[{i}]"
                        try:
                            yield DemandItem(iloc, parse_demand(obj, iloc), None)
                        except ScrutinyError as exc:
                            yield DemandItem(iloc, None, exc)
                else:
                    yield DemandItem(loc, parse_demand(raw, loc), None)
            except json.JSONDecodeError as jexc:
                yield DemandItem(loc, None, InputError(
                    f"invalid JSON: {jexc.msg} at line {jexc.lineno} column {jexc.colno}",
                    location=loc))
            except ScrutinyError as exc:
                yield DemandItem(loc, None, exc)


def demand_json_schema() -> dict[str, Any]:
    """The JSON Schema of a Demand (``scrutiny schema demand``)."""
    schema = Demand.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://scrutiny.invalid/schema/demand.json"
    return schema
