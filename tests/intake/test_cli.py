"""``scrutiny intake``: JSON lines, the human view, batches with bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny.cli import main

LETTER = ("This is a message from the Federal Service for Supervision of Communications, "
          "Information Technology, and Mass Media (ROSKOMNADZOR). Please remove "
          "https://github.com/a/b/blob/master/x.txt within 24 hours.\n")


def test_json_lines_one_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.txt"
    a.write_text(LETTER, encoding="utf-8")
    b = tmp_path / "b.md"
    b.write_text(LETTER.replace("24 hours", "48 hours"), encoding="utf-8")
    assert main(["intake", "--json", str(a), str(b)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["raw_text"] == LETTER
    assert first["deadline"]["hours"] == 24
    assert "targets[0]" in first["provenance"]
    assert json.loads(lines[1])["deadline"]["hours"] == 48


def test_batch_goes_on_after_a_bad_file(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(LETTER, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    code = main(["intake", "--json", str(empty), str(junk), str(good)])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(out.strip().splitlines()) == 1
    assert "empty.txt" in err and "input.invalid" in err
    assert "junk.txt" in err and "input.unsupported" in err


def test_single_bad_file_is_one_line_and_exit_2(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["intake", str(tmp_path / "missing.txt")])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and "missing.txt" in err


def test_human_view_shows_the_source_words(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.txt"
    a.write_text(LETTER, encoding="utf-8")
    assert main(["intake", str(a)]) == 0
    out = capsys.readouterr().out
    assert "Deadline" in out and "24 h" in out
    assert "within 24 hours" in out
