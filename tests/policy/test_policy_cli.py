"""`scrutiny policy show|check`: output, JSON lines, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from scrutiny.cli import main


def test_show_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "show"]) == 0
    out = capsys.readouterr().out
    assert "gni-baseline" in out and "EEV" in out and "subscriber" in out


def test_show_json_is_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "show", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    body = json.loads(lines[0])["policy"]
    assert body["id"] == "gni-baseline"
    rule = body["process_levels"]["requirements"]["traffic"]
    assert rule["required"] == "judicial" and rule["sources"][0]["instrument"]
    assert body["expression"]["reasons"]["political_expression"]["class"] == "protected"


def test_show_other_pack(make_pack: Callable[..., Path],
                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_pack()
    assert main(["policy", "show", "--policy", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["policy"]["chain"] == ["acme", "gni-baseline"]


def test_check_ok(make_pack: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_pack()
    assert main(["policy", "check", str(folder)]) == 0
    assert "ok: acme" in capsys.readouterr().err
    assert main(["policy", "check", str(folder), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is True and result["chain"] == ["acme", "gni-baseline"]


def test_check_bad_pack_exits_2(make_pack: Callable[..., Path],
                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_pack(files={"notification.yaml": "as_of: 2025-01-01\nnotify_by_defualt: 1\n"})
    assert main(["policy", "check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # one line, no traceback
    assert str(folder / "notification.yaml") in err
    assert "notify_by_defualt: unknown key" in err


def test_check_missing_folder_exits_2(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "check", str(tmp_path / "missing")]) == 2
    assert "not found" in capsys.readouterr().err


def test_instruments_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "instruments", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    keys = {r["key"] for r in rows}
    assert keys >= {"ICCPR", "GC34", "EEV", "UNCC"}
    assert next(r for r in rows if r["key"] == "UNCC")["verified"] is False


def test_jurisdiction_by_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "jurisdiction", "us", "--as-of", "2006-12-31", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["policy", "jurisdiction", "US", "--as-of", "2007-01-01", "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert before["treaties"]["BUD"]["party"] is False
    assert after["treaties"]["BUD"]["party"] is True
    assert after["offences"]["blasphemy"]["criminal"] is False


def test_jurisdiction_text_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "jurisdiction", "TR", "--as-of", "2020-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Türkiye" in out and "TCK art 299" in out
    assert main(["policy", "jurisdiction", "XX"]) == 2
    assert "not in the reference data" in capsys.readouterr().err
    assert main(["policy", "jurisdiction", "RU", "--as-of", "2025-13-01"]) == 2
    assert "--as-of" in capsys.readouterr().err


def test_every_policy_command_is_documented() -> None:
    from scrutiny.policy.commands import policy_app

    docs = (Path(__file__).resolve().parents[2] / "docs" / "policy.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in
             policy_app.registered_commands]
    assert set(names) >= {"show", "check", "instruments", "jurisdiction"}
    for name in names:
        assert f"### `scrutiny policy {name}" in docs, name


def test_init_creates_a_pack_that_checks(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "acme"
    assert main(["policy", "init", str(folder), "--id", "acme", "--home-country", "de"]) == 0
    assert "created" in capsys.readouterr().err
    assert main(["policy", "check", str(folder), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["chain"] == ["acme", "gni-baseline"]
    from scrutiny.policy import load_policy

    policy = load_policy(folder)
    assert policy.home_country == "DE"
    assert policy.effective_from == load_policy("gni-baseline").effective_from
    # a second init into the same folder is refused; a bad id leaves no pack.yaml behind
    assert main(["policy", "init", str(folder), "--id", "acme"]) == 2
    assert main(["policy", "init", str(tmp_path / "bad"), "--id", "Bad Id"]) == 2
    assert not (tmp_path / "bad" / "pack.yaml").exists()
    assert main(["policy", "init", str(tmp_path / "x"), "--id", "x",
                 "--effective-from", "2025-02-30"]) == 2
