"""The remaining `case` and `user` commands, end to end through the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from case_world import make_demand
from scrutiny.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:
    code = main(list(args))
    out = capsys.readouterr().out
    return code, [json.loads(x) for x in out.splitlines() if x.startswith("{")]


def test_cli_scenario(database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                      monkeypatch: pytest.MonkeyPatch) -> None:
    db = ("--db", database_url)
    assert main(["user", "add", "boss", *db]) == 0
    for name, role in (("ivy", "intake"), ("rita", "reviewer"), ("lena", "legal_lead"),
                       ("ada", "auditor")):
        assert main(["user", "add", name, "--role", role, "--as", "boss", *db]) == 0
    src = tmp_path / "d.jsonl"
    demands = [make_demand(1, demand_types=["emergency_disclosure"], emergency_claimed=True),
               make_demand(2)]
    src.write_text("\n".join(json.dumps(d.dump()) for d in demands) + "\n")
    code, rows = _run(capsys, "case", "import", str(src), "--as", "ivy", "--json", *db)
    assert code == 0
    emergency, plain = rows[0]["case"], rows[1]["case"]

    # clarify and resume with an amended demand: a new review
    assert main(["case", "start", str(plain), "--as", "rita", *db]) == 0
    assert main(["case", "clarify", str(plain), "--question", "Which court?", "--as", "rita",
                 *db]) == 0
    amended = tmp_path / "amended.json"
    amended.write_text(json.dumps(make_demand(2, judicial_authorisation={
        "present": True, "authorised_by": "court"}).dump()))
    assert main(["case", "resume", str(plain), "--answer", "the court order is attached",
                 "--amended", str(amended), "--as", "rita", *db]) == 0
    code, hist = _run(capsys, "case", "history", str(plain), "--as", "ada", "--json", *db)
    assert [h["type"] for h in hist][-2:] == ["case.reviewed", "case.clarification_received"]
    assert main(["case", "withdraw", str(plain), "--reason", "withdrawn by the authority",
                 "--as", "ivy", *db]) == 0
    assert main(["case", "close", str(plain), "--as", "rita", *db]) == 0

    # the emergency: decide whatever the engine says (override if needed), approve, execute
    code, view = _run(capsys, "case", "show", str(emergency), "--as", "rita", "--json", *db)
    assert main(["case", "start", str(emergency), "--as", "rita", *db]) == 0
    args = ["case", "decide", str(emergency), "--outcome", "comply", "--reason",
            "danger to life credible", "--as", "rita", *db]
    if view[0]["recommendation"] != "comply":
        args += ["--override-reason", "verified by call-back to the requesting unit"]
    assert main(args) == 0
    code, shown = _run(capsys, "case", "show", str(emergency), "--as", "rita", "--json", *db)
    if shown[0]["state"] == "awaiting_approval":
        assert main(["case", "approve", str(emergency), "--as", "rita", *db]) == 4
        assert main(["case", "approve", str(emergency), "--as", "lena", "--note", "ok", *db]) == 0
    assert main(["case", "execute", str(emergency), "--as", "rita", *db]) == 0
    letter = tmp_path / "reply.txt"
    letter.write_text("our reply")
    code, att = _run(capsys, "case", "attach", str(emergency), str(letter), "--kind",
                     "response", "--as", "rita", "--json", *db)
    assert code == 0 and len(att[0]["sha256"]) == 64
    code, notices = _run(capsys, "case", "defer-notice", str(emergency), "--reason",
                         "emergency", "--basis", "ongoing danger; review in 90 days",
                         "--target", "0", "--as", "rita", "--json", *db)
    assert code == 0 and notices[0]["status"] == "deferred"
    code, due = _run(capsys, "case", "deferrals", "--on", "2099-01-01", "--as", "rita",
                     "--json", *db)
    assert [d["case"] for d in due] == [emergency]
    assert main(["case", "notify", str(emergency), "--as", "rita", *db]) == 0
    code, appeal = _run(capsys, "case", "appeal", str(emergency), "--by", "user", "--grounds",
                        "the user contests the disclosure", "--as", "rita", "--json", *db)
    assert main(["case", "close", str(emergency), "--as", "rita", *db]) == 5
    assert main(["case", "appeal-decide", str(appeal[0]["appeal"]), "--outcome", "dismissed",
                 "--note", "disclosure was lawful", "--as", "rita", *db]) == 0
    assert main(["case", "followup", str(emergency), "--received", "--reference",
                 "court order 99/26", "--as", "rita", *db]) == 0
    code, _ = _run(capsys, "case", "overdue", "--as", "rita", "--json", *db)
    assert code in (0, 1)
    assert main(["case", "close", str(emergency), "--as", "rita", *db]) == 0

    # users: roles, password, tokens, deactivate
    assert main(["user", "roles", "rita", "--role", "reviewer,legal_lead", "--as", "boss",
                 *db]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["user", "password", "rita", "--as", "rita", *db]) == 0
    code, tok = _run(capsys, "user", "token", "ci", "--as", "rita", "--json", *db)
    assert tok[0]["token"].startswith("scr_")
    assert main(["user", "revoke-token", str(tok[0]["id"]), "--as", "rita", *db]) == 0
    assert main(["user", "deactivate", "ivy", "--as", "boss", *db]) == 0
    assert main(["case", "list", "--as", "ivy", *db]) == 4
    code, users = _run(capsys, "user", "list", "--as", "boss", "--json", *db)
    assert {u["username"]: u["roles"] for u in users}["rita"] == ["legal_lead", "reviewer"]
    assert main(["user", "roles", "boss", "--as", "boss", *db]) == 2  # last admin
    assert main(["audit", "verify", "--as", "ada", *db]) == 0
