"""The published JSON Schema matches the models; every format renders from the same figures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from fixed_store import T
from test_golden import params

from scrutiny.reports.audience import PUBLIC_FIELDS, serialize
from scrutiny.reports.build import build_report
from scrutiny.reports.csvout import CLASSIC_COLUMNS, classic_csv, dsa_csv, tables_csv
from scrutiny.reports.export import make_report, to_json, write_report
from scrutiny.reports.markdown import to_markdown
from scrutiny.reports.queries import Facts
from scrutiny.reports.schema import SCHEMA_FILES, report_schema, schema_text
from scrutiny.store.engine import Store

DOCS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_committed_schema_is_generated_from_the_models(audience: str) -> None:
    committed = (DOCS / SCHEMA_FILES[audience]).read_text(encoding="utf-8")
    assert committed == schema_text(audience), (  # type: ignore[arg-type]
        "docs/schemas is stale: run python -m scrutiny.reports.schema docs/schemas")


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_json_report_validates_against_the_schema(fixed_sqlite: Store, audience: str) -> None:
    report = make_report(fixed_sqlite.engine, params(audience))
    data = json.loads(to_json(report))
    jsonschema.Draft202012Validator(report_schema(audience)).validate(  # type: ignore[arg-type]
        data)
    if audience == "public":
        assert set(data) == PUBLIC_FIELDS
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**data, "overrides": []}, report_schema("public"))


def test_public_view_requires_a_public_build() -> None:
    internal = build_report(Facts(), params("internal"))
    with pytest.raises(ValueError, match="internal audience"):
        serialize(internal, "public")


def test_csv_files(fixed_sqlite: Store) -> None:
    report = make_report(fixed_sqlite.engine, params())
    rows = list(csv.DictReader(io.StringIO(classic_csv(report))))
    assert tuple(rows[0]) == CLASSIC_COLUMNS
    de = next(r for r in rows if r["country"] == "DE")
    assert (de["demands_received"], de["accounts_specified"], de["some_data_produced"],
            de["percent_some_data_produced"], de["pending"]) == ("4", "5", "3", "75.0", "1")
    long = list(csv.DictReader(io.StringIO(tables_csv(report))))
    assert {"table": "appeals", "row": "company", "column": "upheld", "value": "1"}.items() \
        <= next(r for r in long if r["table"] == "appeals" and r["row"] == "company"
                and r["column"] == "upheld").items()
    dsa = list(csv.reader(io.StringIO(dsa_csv(report))))
    assert dsa[1][1:6] == ["2026-01-01/2026-06-30", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
                           "TOTAL", "2", "4"]
    public = make_report(fixed_sqlite.engine, params("public", band=3))
    banded = list(csv.DictReader(io.StringIO(classic_csv(public))))
    assert all("-" in r["demands_received"] for r in banded if r["country"] != "DE")


def test_markdown_and_files(fixed_sqlite: Store, tmp_path: Path) -> None:
    report = make_report(fixed_sqlite.engine, params("public", band=3))
    md = to_markdown(report)
    assert md.startswith("# Government demands transparency report — 2026H1")
    assert "| **Total** |" in md and "0–2" in md and report.audit_checkpoint.hash in md
    files = write_report(report, params().period, tmp_path, ["html", "csv", "json", "md"])
    names = sorted(p.name for p in files)
    assert "report-2026H1-public.html" in names and "report-2026H1-public.json" in names
    assert "report-2026H1-public-safeguards_failed.svg" in names
    assert "report-2026H1-public-top_countries.png" in names
    png = (tmp_path / "report-2026H1-public-outcomes.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    html = (tmp_path / "report-2026H1-public.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 4 and "<script" not in html and "http://" not in html.replace(
        "http://www.w3.org", "")
    assert "https://" not in html.replace("https://vega.github.io", "")
    assert T(2026, 7, 1).isoformat().replace("+00:00", "Z") == report.as_of
