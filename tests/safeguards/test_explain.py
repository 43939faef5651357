"""``scrutiny review --explain SAFEGUARD`` and the letter's provenance in the readable output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny.cli import main

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _golden(tmp_path: Path, name: str) -> Path:
    path = next(GOLDEN.glob(f"*/{name}.json"))
    out = tmp_path / f"{name}.json"
    out.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8"))["demand"]),
                   encoding="utf-8")
    return out


def test_explain_prints_one_verdict_in_full(tmp_path: Path,
                                            capfd: pytest.CaptureFixture[str]) -> None:
    path = _golden(tmp_path, "Russia__2019__2019-12-10-roskomnadzor")
    assert main(["review", str(path), "--explain", "independent_authorisation"]) == 0
    out, _ = capfd.readouterr()
    assert "UNMET" in out and "Legal test" in out
    assert "independent_authorisation.insufficient: authorised below the policy's" in out
    assert "https://manilaprinciples.org/principles" in out  # sources with their URLs
    assert "legality" not in out.split("Legal test")[0]  # only the one safeguard


def test_explain_json(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = _golden(tmp_path, "Russia__2019__2019-12-10-roskomnadzor")
    assert main(["review", "--json", str(path), "--explain", "independent_authorisation"]) == 0
    out, _ = capfd.readouterr()
    obj = json.loads(out.splitlines()[0])
    assert obj["safeguard"] == "independent_authorisation"
    assert obj["verdict"]["status"] == "unmet"
    assert obj["verdict"]["code_meanings"]["independent_authorisation.insufficient"]
    assert all(s["url"] for s in obj["verdict"]["sources"])
    assert "Manila" in obj["legal_test"]


def test_explain_unknown_safeguard_is_a_one_line_error(tmp_path: Path,
                                                       capfd: pytest.CaptureFixture[str]) -> None:
    path = _golden(tmp_path, "Russia__2019__2019-12-10-roskomnadzor")
    assert main(["review", str(path), "--explain", "legalty"]) == 2
    _, err = capfd.readouterr()
    assert "unknown safeguard 'legalty'" in err and "Traceback" not in err


def test_readable_review_shows_where_values_came_from(tmp_path: Path,
                                                      capfd: pytest.CaptureFixture[str]) -> None:
    path = _golden(tmp_path, "Russia__2019__2019-12-10-roskomnadzor")
    assert main(["review", str(path)]) == 0
    out, _ = capfd.readouterr()
    assert "Read from the letter" in out
    assert "targets[0] ← " in out
