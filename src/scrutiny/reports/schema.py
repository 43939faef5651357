"""The published JSON Schemas of the JSON report (``docs/schemas/``).

Regenerate with ``python -m scrutiny.reports.schema docs/schemas``; a test fails when the
committed files differ from the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Literal

from scrutiny.reports.model import SCHEMA_VERSION, InternalReport, PublicReport

__all__ = ["SCHEMA_FILES", "report_schema", "schema_text"]

SCHEMA_FILES = {"public": "report.schema.json", "internal": "report-internal.schema.json"}
"""File name of each audience's schema under ``docs/schemas/``."""


def report_schema(audience: Literal["public", "internal"] = "public") -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the report for ``audience``."""
    model = PublicReport if audience == "public" else InternalReport
    schema = model.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://scrutiny.invalid/schemas/{SCHEMA_FILES[audience]}",
        "title": f"Scrutiny transparency report ({audience}), schema {SCHEMA_VERSION}",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text(audience: Literal["public", "internal"] = "public") -> str:
    """The schema as the committed file text."""
    return json.dumps(report_schema(audience), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write both schemas into the folder given (default ``docs/schemas``)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "docs/schemas")
    folder.mkdir(parents=True, exist_ok=True)
    for audience, name in SCHEMA_FILES.items():
        (folder / name).write_text(schema_text(audience), encoding="utf-8")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
