"""The analyze, compare, diff and instruments commands, through scrutiny.cli.main."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from instr_helpers import FIXTURES

from scrutiny.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_analyze_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "analyze", "--instrument", "budapest-convention", "--json")
    assert code == 0
    assert out.count("\n") == 1
    data = json.loads(out)
    assert data["instrument"]["provisions"] == 48
    finding = next(f for f in data["findings"] if f["provision"] == "art 15(2)")
    assert set(finding) >= {"provision", "code", "reason", "span", "sources"}
    assert finding["sources"][0]["instrument"]
    chapters = [n for n in data["provisions"] if n["kind"] == "division"]
    assert len(chapters) == 4


def test_analyze_file_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "analyze", str(FIXTURES / "uncc-seed-excerpts.txt"), "--md")
    assert code == 0
    assert "art 18(1)" in out and "`intent.missing`" in out


def test_analyze_html_is_self_contained_and_accessible(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "bud.html"
    code, _, err = _run(capsys, "analyze", "--instrument", "bud", "--html", "--out", str(target))
    assert code == 0 and "wrote" in err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "<script" not in page and "http://" not in page.split("<body>")[1].split("Sources")[0]
    marks = re.findall(r'<a class="ref" id="f(\d+)" href="#finding-(\d+)"', page)
    assert marks and all(a == b for a, b in marks)
    for n, _ in marks:
        assert f'id="finding-{n}"' in page and f'href="#f{n}"' in page
    assert "text-decoration:underline" in page  # highlights are not colour alone


def test_analyze_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scrutiny.instruments.profiles import load_profile

    target = tmp_path / "profiles" / "PH.yaml"
    code, _, _ = _run(capsys, "analyze", "--instrument", "ph-cybercrime-prevention-act-2012",
                      "--profile", "PH", "--out", str(target))
    assert code == 0
    profile = load_profile(target)
    assert profile.jurisdiction == "PH"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["analyze"], 2, "give either a FILE or --instrument"),
    (["analyze", "--instrument", "unknown-law"], 2, "no shipped instrument"),
    (["analyze", "missing-file.txt"], 2, "no such file"),
    (["analyze", "--instrument", "bud", "--json", "--md"], 2, "choose one of"),
    (["analyze", "--instrument", "bud", "--profile", "PHL"], 2, "ISO 3166-1"),
])
def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], args: list[str], code: int,
                             message: str) -> None:
    rc, _, err = _run(capsys, *args)
    assert rc == code
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_no_structure_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Dear Sir,\nPlease send the data.\n", encoding="utf-8")
    rc, _, err = _run(capsys, "analyze", str(path))
    assert rc == 2 and "no structure found" in err


def test_compare_json(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, "compare", "budapest-convention", "ke-cmca", "--json")
    assert rc == 0
    rows = json.loads(out)["rows"]
    pairs = {(r["a"], r["b"]) for r in rows}
    assert {("art 18", "s 50"), ("art 20", "s 52"), ("art 21", "s 53"),
            ("art 26", "s 58"), ("art 29", "s 59")} <= pairs
    row = next(r for r in rows if r["a"] == "art 21")
    assert "judicial authorisation" in row["only_b"]


def test_compare_html(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, "compare", "bud", "ph-cybercrime-prevention-act-2012", "--html")
    assert rc == 0 and "<table>" in out and "(only here)" in out


def test_diff_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = FIXTURES / "uncc-seed-excerpts.txt"
    text = old.read_text(encoding="utf-8").replace(
        "to establish the liability of legal persons for participation",
        "to establish the liability of legal persons for intentional participation")
    new = tmp_path / "new.txt"
    new.write_text(text, encoding="utf-8")
    rc, out, _ = _run(capsys, "diff", str(old), str(new), "--json")
    assert rc == 0
    data = json.loads(out)
    art = next(a for a in data["articles"] if a["new"] == "art 18")
    assert art["status"] == "changed"
    assert [op["text"].strip() for op in art["diff"]] == ["intentional"]
    assert art["diff"][0]["op"] == "insert"
    assert art["findings_removed"] == ["intent.missing"]


def test_instruments_list(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, "instruments", "--json")
    assert rc == 0
    names = [json.loads(line)["name"] for line in out.splitlines()]
    assert "budapest-convention-ets185" in names and len(names) == 5
