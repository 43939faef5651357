"""The CLI's last line of defence: usage errors and internal errors never show a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.cli import main


@pytest.mark.parametrize(
    "argv",
    [["report", "--no-such-option"], ["no-such-command"], ["review", "--as-of", "not-a-date"]],
)
def test_usage_errors_exit_2_with_a_message(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert "internal error" not in err
    assert "Traceback" not in err
    assert err.strip()


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "review" in capsys.readouterr().out


def test_scrutiny_error_is_one_line_with_its_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "/nonexistent/demand.json"]) == 2
    err = capsys.readouterr().err
    assert "input.invalid" in err and "/nonexistent/demand.json" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("postgresql+psycopg://someone:hunter2@127.0.0.1:1/nowhere", "127.0.0.1:1/nowhere"),
        ("sqlite:////proc/no-such-dir/cases.db", "/proc/no-such-dir"),
    ],
)
def test_unreachable_database_is_a_clear_error_not_an_internal_one(
    url: str, named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--period", "2026", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error [store.unavailable]: --db:")
    assert named in err
    assert "hunter2" not in err  # the password is never echoed
    assert "internal error" not in err


@pytest.mark.parametrize(
    "argv",
    [["report", "--period", "2026"], ["report-facts"], ["case", "list"], ["audit", "verify"],
     ["user", "list"]],
)
def test_a_missing_sqlite_store_is_refused_not_created(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped --db path used to create an empty store and answer "0 demands"."""
    missing = tmp_path / "typo.db"
    assert main([*argv, "--db", f"sqlite:///{missing}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error [store.unavailable]: --db: no database at {missing}")
    assert not missing.exists()


def test_the_first_user_creates_the_store(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'new.db'}"
    assert main(["user", "add", "alice", "--db", db]) == 0
    assert (tmp_path / "new.db").exists()
    assert main(["user", "list", "--db", db, "--as", "alice"]) == 0
    assert "alice" in capsys.readouterr().out
