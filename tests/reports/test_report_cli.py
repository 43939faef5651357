"""``scrutiny report`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny.cli import main
from scrutiny.store.engine import Store


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_writes_every_format(fixed_sqlite: Store, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", "--period", "2026H1", "--format", "json,csv",
                         "-f", "md", "--audience", "internal", "--as-of", "2026-06-30",
                         "--out", str(tmp_path / "r"), "--db", fixed_sqlite.url, "--json")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    files = {Path(x["file"]).name for x in lines if "file" in x}
    assert files == {"report-2026H1-internal.json", "report-2026H1-internal.md",
                     "report-2026H1-internal-countries.csv", "report-2026H1-internal-tables.csv",
                     "report-2026H1-internal-dsa-part3.csv"}
    summary = lines[-1]
    assert summary["demands"]["value"] == 11 and summary["audit_checkpoint"]["seq"] == 11
    data = json.loads((tmp_path / "r" / "report-2026H1-internal.json").read_text())
    assert data["as_of"] == "2026-07-01T00:00:00Z" and data["overrides"][0]["case_id"] == 2


def test_public_report_uses_the_policy_band(fixed_sqlite: Store, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "report", "-p", "2026", "-f", "json", "--out", str(tmp_path),
                         "--db", fixed_sqlite.url, "--json")
    assert code == 0, err
    data = json.loads((tmp_path / "report-2026-public.json").read_text())
    from scrutiny.policy import load_policy

    band = load_policy().reporting.band_size.value
    assert data["banding"]["band_size"] == band and data["banding"]["applied"]
    assert data["key_figures"][0]["figure"]["value"] is None  # 12 demands < band
    assert "overrides" not in data


@pytest.mark.parametrize(("args", "fragment"), [
    (["--period", "2026Q7"], "--period: quarter Q7 does not exist"),
    (["--period", "2026", "--format", "pdf"], "--format: unknown format 'pdf'"),
    (["--period", "2026", "--audience", "press"], "--audience: unknown audience 'press'"),
    (["--period", "2026", "--as-of", "soon"], "--as-of: 'soon' is not a date"),
])
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          args: list[str], fragment: str) -> None:
    code, out, err = run(capsys, "report", *args, "--out", str(tmp_path),
                         "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert code == 2
    assert fragment in err and len(err.strip().splitlines()) == 1 and out == ""
