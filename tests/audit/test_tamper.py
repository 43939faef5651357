"""Tampering with the audit log directly in the database is caught, naming the first bad
event: edits, deletions, insertions, reordering, truncation and whole-chain rewrites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from case_world import World, make_review
from scrutiny.audit.chain import event_hash
from scrutiny.audit.verify import VerifyResult, iter_raw_events, load_checkpoints, verify_chain
from scrutiny.cli import main


def _history(w: World) -> None:
    s = w.service
    for n in range(3):
        cid = w.new_case(n, review=make_review("comply"))
        s.start_review(w.rita, cid)
        s.decide(w.rita, cid, "comply", ["lawful"])
    # users (7) + 3 imports + 3 starts + 3 decisions = 16 events


def _verify(w: World, checkpoints: dict[int, str] | None = None) -> VerifyResult:
    with w.store.engine.connect() as conn:
        return verify_chain(conn, checkpoints)


def _sql(w: World, *statements: str, params: dict | None = None) -> None:
    """Run SQL as an attacker with database access: append-only triggers removed first."""
    with w.store.engine.begin() as conn:
        if w.store.dialect == "postgresql":
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_events_no_delete"))
        for st in statements:
            conn.execute(text(st), params or {})


@pytest.fixture
def logged(world: World) -> World:
    _history(world)
    result = _verify(world)
    assert result.ok and result.events == 16
    return world


def test_triggers_refuse_update_and_delete(logged: World) -> None:
    for statement in ("UPDATE audit_events SET reason = 'x' WHERE seq = 3",
                      "DELETE FROM audit_events WHERE seq = 3"):
        with pytest.raises(DBAPIError, match="append-only"), logged.store.engine.begin() as c:
            c.execute(text(statement))
    assert _verify(logged).ok


def test_edit_is_caught(logged: World) -> None:
    _sql(logged, "UPDATE audit_events SET reason = 'nothing to see' WHERE seq = 9")
    problem = _verify(logged).problem
    assert problem is not None and (problem.seq, problem.kind) == (9, "content")
    assert "event 9 was edited" in problem.message


def test_edit_of_structured_details_is_caught(logged: World) -> None:
    _sql(logged, "UPDATE audit_events SET actor = 'rob' WHERE seq = 14")
    assert _verify(logged).problem.seq == 14  # type: ignore[union-attr]


def test_deletion_is_caught(logged: World) -> None:
    _sql(logged, "DELETE FROM audit_events WHERE seq = 10")
    problem = _verify(logged).problem
    assert problem is not None and (problem.seq, problem.kind) == (10, "gap")
    assert "event 10 is missing" in problem.message


def test_naive_insertion_is_caught(logged: World) -> None:
    _sql(logged,
         "UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 8",
         "UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1000",
         "INSERT INTO audit_events (seq, at, type, actor, target_type, target_id, case_id, "
         "\"before\", \"after\", reason, prev_hash, hash) VALUES (8, '2026-03-02T09:00:00.000000Z',"
         " 'case.approved', 'lena', 'case', '1', 1, NULL, NULL, NULL, 'x', 'y')")
    problem = _verify(logged).problem
    assert problem is not None and problem.seq == 8


def test_insertion_with_recomputed_hash_is_caught_at_the_next_event(logged: World) -> None:
    with logged.store.engine.connect() as conn:
        events = list(iter_raw_events(conn))
    forged = {"seq": 8, "at": events[7]["at"], "type": "case.approved", "actor": "lena",
              "target_type": "case", "target_id": "1", "case_id": 1, "before": None,
              "after": None, "reason": "approved (forged)"}
    digest = event_hash(events[6]["hash"], forged)
    _sql(logged,
         "UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 8",
         "UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1000",
         "INSERT INTO audit_events (seq, at, type, actor, target_type, target_id, case_id, "
         "\"before\", \"after\", reason, prev_hash, hash) VALUES (8, :at, 'case.approved', "
         "'lena', 'case', '1', 1, 'null', 'null', 'approved (forged)', :prev, :hash)",
         params={"at": forged["at"], "prev": events[6]["hash"], "hash": digest})
    problem = _verify(logged).problem
    assert problem is not None and problem.seq == 9
    assert problem.kind in {"link", "content"}


def test_reordering_is_caught(logged: World) -> None:
    _sql(logged,
         "UPDATE audit_events SET seq = 1000 WHERE seq = 11",
         "UPDATE audit_events SET seq = 11 WHERE seq = 12",
         "UPDATE audit_events SET seq = 12 WHERE seq = 1000")
    problem = _verify(logged).problem
    assert problem is not None and problem.seq == 11


def test_truncation_is_caught_by_the_head(logged: World) -> None:
    _sql(logged, "DELETE FROM audit_events WHERE seq >= 15")
    problem = _verify(logged).problem
    assert problem is not None and (problem.seq, problem.kind) == (15, "head")


def test_rewrite_of_whole_chain_is_caught_by_published_checkpoints(
        logged: World, tmp_path: Path) -> None:
    export = tmp_path / "audit.jsonl"
    assert main(["audit", "export", "--db", logged.store.url, "--as", "ada", "--out",
                 str(export), "--checkpoint-every", "5"]) == 0
    lines = [json.loads(x) for x in export.read_text().splitlines()]
    assert [x["seq"] for x in lines if x["kind"] == "checkpoint"] == [5, 10, 15]
    assert lines[-1]["kind"] == "head" and lines[-1]["verified"] is True
    assert sum(1 for x in lines if x["kind"] == "event") == 16
    points = load_checkpoints(export)
    assert _verify(logged, points).checkpoints_checked == 4
    # the attacker edits event 3 and recomputes every later hash and the head
    with logged.store.engine.connect() as conn:
        events = list(iter_raw_events(conn))
    events[2]["reason"] = "rewritten"
    prev = events[1]["hash"]
    updates = []
    for ev in events[2:]:
        ev["prev_hash"] = prev
        ev["hash"] = prev = event_hash(prev, ev)
        updates.append(ev)
    def sql_text(value: str | None) -> str:
        return "NULL" if value is None else "'" + value.replace("'", "''") + "'"

    statements = [f"UPDATE audit_events SET reason = {sql_text(e['reason'])}, "
                  f"prev_hash = '{e['prev_hash']}', hash = '{e['hash']}' WHERE seq = {e['seq']}"
                  for e in updates]
    statements.append(f"UPDATE audit_head SET hash = '{prev}' WHERE id = 1")
    _sql(logged, *statements)
    assert _verify(logged).ok  # internally consistent again...
    problem = _verify(logged, points).problem  # ...but not with what was published
    assert problem is not None and (problem.seq, problem.kind) == (5, "checkpoint")


def test_cli_verify_names_the_first_bad_event(logged: World, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    url = logged.store.url
    assert main(["audit", "verify", "--db", url, "--as", "ada"]) == 0
    _sql(logged, "UPDATE audit_events SET reason = 'x' WHERE seq = 12")
    capsys.readouterr()
    assert main(["audit", "verify", "--db", url, "--as", "ada", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["problem"]["seq"] == 12
    assert report["events"] == 11
    assert main(["audit", "verify", "--db", url, "--as", "rita"]) == 4
