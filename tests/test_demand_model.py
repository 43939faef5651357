"""The Demand model: vocabularies, strictness, errors that name the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny.demands import Demand, load_demands, parse_demand
from scrutiny.demands.io import demand_json_schema
from scrutiny.errors import InputError


def test_minimal_demand_is_all_unknown() -> None:
    d = parse_demand("{}")
    assert d.requester.country is None
    assert d.demand_types == []
    assert d.judicial_authorisation.present is None


def test_country_and_language_are_normalised() -> None:
    d = parse_demand({"requester": {"country": "ru"}, "languages": ["RU", "en"]})
    assert d.requester.country == "RU"
    assert d.languages == ["ru", "en"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"requester": {"country": "XX"}}, "requester.country"),
        ({"demand_types": ["takedown"]}, "demand_types.0"),
        ({"actions": ["delete"]}, "actions.0"),
        ({"targets": [{"kind": "url"}]}, "targets.0.value"),
        ({"surprise": 1}, "surprise"),
        ({"date": "not a date"}, "date"),
        ({"time_range": {"start": "2024-02-01", "end": "2024-01-01"}}, "time_range"),
    ],
)
def test_bad_fields_are_named(payload: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as info:
        parse_demand(payload, "case.json")
    assert field in str(info.value)
    assert str(info.value).startswith("case.json: ")


def test_provenance_must_lie_within_raw_text() -> None:
    with pytest.raises(InputError, match="beyond raw_text"):
        parse_demand({"raw_text": "abc", "provenance": {"date": [{"start": 0, "end": 9}]}})
    ok = parse_demand({"raw_text": "abc", "provenance": {"date": [{"start": 0, "end": 3}]}})
    assert ok.provenance["date"][0].end == 3


def test_batch_reports_every_bad_item_and_keeps_good(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([json.dumps({"reference": "A"}), "{not json",
                            json.dumps({"actions": ["nope"]}), json.dumps({"reference": "B"})]))
    items = list(load_demands(f))
    assert [i.demand.reference for i in items if i.demand] == ["A", "B"]
    errors = [i for i in items if i.error]
    assert [e.location for e in errors] == [f"{f}:2", f"{f}:3"]
    assert "invalid JSON" in str(errors[0].error)


def test_missing_file_is_an_item_error(tmp_path: Path) -> None:
    (item,) = list(load_demands(tmp_path / "missing.json"))
    assert item.error is not None and "no such file" in str(item.error)


def test_schema_lists_closed_vocabularies() -> None:
    schema = demand_json_schema()
    assert "emergency_disclosure" in schema["$defs"]["DemandType"]["enum"]
    assert Demand.model_validate({}).dump()["requester"]["authority"] is None
