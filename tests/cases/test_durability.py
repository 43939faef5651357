"""Durability: SIGKILL in the middle of a bulk import of 10,000 demands leaves every
acknowledged case intact and the audit chain valid; running the import again completes it
without duplicates (content hash)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from case_world import make_demand
from scrutiny.audit.verify import verify_chain
from scrutiny.cli import main
from scrutiny.store.engine import Store
from scrutiny.store.models import Case, DemandRecord

TOTAL = 10_000
KILL_AFTER = 3_000
COUNTRIES = ("DE", "RU", "US", "BR", "IN", "TR", "FR", "GB")


def _scrutiny(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from scrutiny.cli import main; "
            "sys.exit(main())", *args]


@pytest.mark.slow
def test_sigkill_during_bulk_import(database_url: str, tmp_path: Path) -> None:
    src = tmp_path / "bulk.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(TOTAL):
            d = make_demand(i, requester={"country": COUNTRIES[i % len(COUNTRIES)],
                                          "authority_kind": "police"})
            fh.write(json.dumps(d.dump()) + "\n")
    assert main(["user", "add", "boss", "--db", database_url]) == 0
    assert main(["user", "add", "ivy", "--role", "intake", "--as", "boss",
                 "--db", database_url]) == 0
    env = {**os.environ, "SCRUTINY_USER": "ivy"}
    cmd = _scrutiny("case", "import", str(src), "--json", "--batch-size", "100",
                    "--db", database_url)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            text=True)
    acked: dict[str, int] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        row = json.loads(line)
        acked[row["content_hash"]] = row["case"]
        if len(acked) >= KILL_AFTER:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert len(acked) >= KILL_AFTER

    store = Store(database_url)
    try:
        with store.read() as session:
            stored = dict(session.execute(
                select(DemandRecord.content_hash, Case.id)
                .join(Case, Case.demand_id == DemandRecord.id)).tuples().all())
        assert len(stored) < TOTAL, "the import finished before the kill; kill earlier"
        for digest, case_id in acked.items():
            assert stored.get(digest) == case_id
        with store.engine.connect() as conn:
            result = verify_chain(conn)
        assert result.ok, result.problem

        again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600,
                               check=False)
        assert again.returncode == 0, again.stderr[-2000:]
        rows = [json.loads(x) for x in again.stdout.splitlines()]
        assert len(rows) == TOTAL
        created = sum(1 for r in rows if r["status"] == "created")
        assert created == TOTAL - len(stored)
        with store.read() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == TOTAL
            assert session.scalar(
                select(func.count(func.distinct(DemandRecord.content_hash)))) == TOTAL
        for r in rows:
            if r["content_hash"] in acked:
                assert r["case"] == acked[r["content_hash"]] and r["status"] == "existing"
        with store.engine.connect() as conn:
            final = verify_chain(conn)
        assert final.ok and final.events == TOTAL + 2
    finally:
        store.dispose()
