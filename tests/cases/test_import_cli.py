"""`scrutiny case import`: structured demands and letters through intake and the real review
engine; idempotent by content hash; one JSON acknowledgement per committed case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from case_world import make_demand
from scrutiny.cli import main
from scrutiny.store.engine import open_store
from scrutiny.store.models import Case, DemandRecord, ReviewRecord, VerdictRecord

COUNTRIES = ("DE", "RU", "US", "BR", "IN", "TR")


def _jsonl(path: Path, n: int, bad: bool = False) -> Path:
    lines = [json.dumps(make_demand(i, requester={"country": COUNTRIES[i % 6],
                                                  "authority_kind": "police"}).dump())
             for i in range(n)]
    if bad:
        lines.insert(3, '{"targets": "not a list"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _users(url: str) -> None:
    assert main(["user", "add", "boss", "--db", url]) == 0
    assert main(["user", "add", "ivy", "--role", "intake", "--as", "boss", "--db", url]) == 0
    assert main(["user", "add", "rita", "--role", "reviewer", "--as", "boss", "--db", url]) == 0


def test_import_is_idempotent_and_acknowledges_each_case(
        database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _users(database_url)
    src = _jsonl(tmp_path / "demands.jsonl", 30, bad=True)
    capsys.readouterr()
    code = main(["case", "import", str(src), "--as", "ivy", "--json", "--batch-size", "7",
                 "--db", database_url])
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines()]
    assert code == 1  # one bad line
    errors = [x for x in lines if x["status"] == "error"]
    assert len(errors) == 1 and errors[0]["source"].endswith(":4")
    assert "targets" in errors[0]["error"]["message"]
    created = [x for x in lines if x["status"] == "created"]
    assert len(created) == 30 and len({x["case"] for x in created}) == 30
    assert all(x["recommendation"] in {"comply", "comply_narrowed", "clarify", "reject",
                                       "escalate"} for x in created)
    assert main(["case", "import", str(src), "--as", "ivy", "--json", "--db",
                 database_url]) == 1
    again = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert sorted(x["case"] for x in again if x["status"] == "existing") == \
        sorted(x["case"] for x in created)
    store = open_store(database_url)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 30
        assert session.scalar(select(func.count(func.distinct(DemandRecord.content_hash)))) == 30
        review = session.scalars(select(ReviewRecord)).first()
        assert review is not None and review.policy_id and review.engine_version
        assert len(review.body["verdicts"]) == session.scalar(
            select(func.count()).select_from(VerdictRecord)
            .where(VerdictRecord.review_id == review.id))
    assert main(["case", "list", "--as", "rita", "--json", "--country", "RU", "--db",
                 database_url]) == 0
    listed = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(listed) == 5 and {x["country"] for x in listed} == {"RU"}
    assert main(["audit", "verify", "--as", "boss", "--db", database_url]) == 0
    store.dispose()


def test_cli_workflow_and_errors(database_url: str, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    _users(database_url)
    src = _jsonl(tmp_path / "one.jsonl", 1)
    db = ["--db", database_url]
    assert main(["case", "import", str(src), "--as", "ivy", "--json", *db]) == 0
    case = json.loads(capsys.readouterr().out)["case"]
    assert main(["case", "decide", str(case), "--outcome", "comply", "--reason", "x",
                 "--as", "rita", *db]) == 5  # not in review yet
    assert "cannot decide" in capsys.readouterr().err
    assert main(["case", "start", str(case), "--as", "ivy", *db]) == 4
    assert main(["case", "start", str(case), "--as", "rita", "--json", *db]) == 0
    version = json.loads(capsys.readouterr().out)["version"]
    assert main(["case", "clarify", str(case), "--question", "Which court?", "--as", "rita",
                 "--version", str(version - 1), *db]) == 5
    assert "changed since you loaded it" in capsys.readouterr().err
    assert main(["case", "show", str(case), "--as", "rita", "--json", *db]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["state"] == "in_review" and view["review"]["body"]["verdicts"]
    assert main(["case", "show", "999", "--as", "rita", *db]) == 3
    assert main(["case", "list", "--as", "nobody", *db]) == 3
    assert main(["case", "list", *db]) == 4


def test_letters_go_through_intake(database_url: str, corpus_dir: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from scrutiny.intake import read_letter

    assert callable(read_letter)
    _users(database_url)
    letters = sorted((corpus_dir / "demands-dev" / "takedowns").glob("*.md"))[:3]
    args = ["case", "import", *map(str, letters), "--as", "ivy", "--json", "--db",
            database_url]
    assert main(args) == 0
    first = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["status"] for x in first] == ["created"] * 3
    assert main(args) == 0
    assert [json.loads(x)["status"] for x in capsys.readouterr().out.splitlines()] == \
        ["existing"] * 3
    assert main(["case", "show", str(first[0]["case"]), "--as", "rita", "--json", "--db",
                 database_url]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["attachments"][0]["kind"] == "original"
    assert view["demand"]["body"]["raw_text"]
