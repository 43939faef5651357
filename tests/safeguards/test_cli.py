"""``scrutiny review``: output shapes, batches, bad input and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny.cli import main

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
MILAN = {"requester": {"country": "IT", "authority_kind": "police"}, "date": "2018-10-01",
         "demand_types": ["disclosure"], "process_type": "informal_letter",
         "data_categories": ["subscriber"], "stated_purpose": "for judicial police investigations"}
GOOD = {"requester": {"country": "US", "authority_kind": "court", "verified": True},
        "date": "2024-03-01", "demand_types": ["content_restriction"],
        "actions": ["restrict_in_country"], "reason_categories": ["child_safety"],
        "targets": [{"kind": "url", "value": "https://x.example/a"}]}


def _golden_demand(name: str) -> dict[str, object]:
    path = next(GOLDEN.glob(f"*/{name}.json"))
    demand: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))["demand"]
    return demand


def test_json_shape_one_line_per_demand(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(MILAN) + "\n" + json.dumps(GOOD) + "\n", encoding="utf-8")
    assert main(["review", "--json", str(path)]) == 0
    out, _ = capfd.readouterr()
    lines = out.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert {"demand", "verdicts", "recommendation", "questions", "narrowing"} <= set(first)
    assert first["source"] == f"{path}:1"
    assert first["recommendation"] == "reject"
    v = first["verdicts"][0]
    assert {"safeguard", "status", "codes", "reasons", "evidence", "sources"} <= set(v)
    assert v["sources"][0]["instrument"] and v["sources"][0]["url"]
    assert len(first["verdicts"]) == 20


def test_human_output_puts_the_recommendation_first(tmp_path: Path,
                                                    capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "milan.json"
    path.write_text(json.dumps(MILAN), encoding="utf-8")
    assert main(["review", str(path)]) == 0
    out, _ = capfd.readouterr()
    assert out.index("REJECT") < out.index("legality")
    assert "Questions to send" in out
    assert "independent_authorisation" in out and "ICCPR" in out


def test_folder_batch_reviews_good_items_and_reports_bad_ones(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "b.json").write_text("{not json", encoding="utf-8")
    bad_vocab = dict(GOOD, demand_types=["takedown"])
    (tmp_path / "c.jsonl").write_text(json.dumps(GOOD) + "\n" + json.dumps(bad_vocab) + "\n",
                                      encoding="utf-8")
    assert main(["review", "--json", str(tmp_path)]) == 2
    out, err = capfd.readouterr()
    assert len(out.splitlines()) == 2
    errors = [line for line in err.splitlines() if line.startswith("error")]
    assert len(errors) == 2
    assert any("b.json" in e and "invalid JSON" in e for e in errors)
    assert any("c.jsonl:2" in e and "demand_types" in e and "takedown" in e for e in errors)
    assert "Traceback" not in err


def test_missing_file_is_exit_2_with_one_line(capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "/nonexistent/demand.json"]) == 2
    _, err = capfd.readouterr()
    assert "no such file" in err and "/nonexistent/demand.json" in err
    assert "Traceback" not in err


def test_wrong_type_names_the_field(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(dict(GOOD, in_writing="perhaps")), encoding="utf-8")
    assert main(["review", str(path)]) == 2
    _, err = capfd.readouterr()
    assert "in_writing" in err and str(path) in err


def test_bad_as_of_and_bad_policy_pack(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert main(["review", "--as-of", "yesterday", str(path)]) == 2
    _, err = capfd.readouterr()
    assert "--as-of" in err and "YYYY-MM-DD" in err
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("id: mine\nextends: gni-baseline\nbogus_key: 1\n",
                                    encoding="utf-8")
    assert main(["review", "--policy", str(pack), str(path)]) == 2
    _, err = capfd.readouterr()
    assert "bogus_key" in err and "pack.yaml" in err


def test_as_of_is_recorded(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(_golden_demand("signal-2021-us-1")), encoding="utf-8")
    assert main(["review", "--json", "--as-of", "2022-01-01", str(path)]) == 0
    out, _ = capfd.readouterr()
    assert json.loads(out)["as_of"] == "2022-01-01"


def test_a_letter_is_read_through_intake(corpus_dir: Path,
                                         capfd: pytest.CaptureFixture[str]) -> None:
    letter = corpus_dir / "demands-dev" / "takedowns" / "Russia__2016__2016-02-16-roskomnadzor.md"
    assert main(["review", "--json", str(letter)]) == 0
    out, _ = capfd.readouterr()
    result = json.loads(out)
    assert result["demand"]["raw_text"].startswith("«Добрый день!")
    assert result["recommendation"] in ("reject", "escalate")
