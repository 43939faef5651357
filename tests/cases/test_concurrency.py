"""Two reviewers deciding the same case at once: exactly one wins, the other gets a
ConflictError, nothing is lost — with threads and with separate processes, on both back ends.
"""

from __future__ import annotations

import multiprocessing
import threading

from sqlalchemy import func, select

from case_world import World, race_decide
from scrutiny.audit.verify import verify_chain
from scrutiny.cases.guards import Actor
from scrutiny.errors import ConflictError, ScrutinyError
from scrutiny.store.models import AuditRecord, Decision

ROUNDS = 5


def _check_one_winner(world: World, cid: int, version: int, outcomes: list[str]) -> None:
    assert sorted(outcomes) == ["conflict", "ok"], outcomes
    view = world.reader.detail(world.auditor, cid)
    assert view["state"] == "decided"
    assert view["version"] == version + 1
    assert len(view["decisions"]) == 1
    assert [h["type"] for h in view["history"]].count("case.decided") == 1
    with world.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Decision)
                              .where(Decision.case_id == cid)) == 1
        winner = view["decisions"][0]["reasons"][0].removeprefix("decided by ")
        assert winner in {"rita", "rob"}
        assert session.scalar(select(func.count()).select_from(AuditRecord)
                              .where(AuditRecord.case_id == cid)) == 3


_LOCK = threading.Lock()


def _decide_thread(world: World, actor: Actor, name: str, cid: int, version: int,
                   barrier: threading.Barrier, outcomes: list[str]) -> None:
    barrier.wait(timeout=30)
    try:
        world.service.decide(actor, cid, "comply", [f"decided by {name}"],
                             expected_version=version)
        result = "ok"
    except ConflictError as exc:
        result = exc.code
    except ScrutinyError as exc:  # pragma: no cover - reported by the assertion
        result = f"unexpected {exc.code}"
    with _LOCK:
        outcomes.append(result)


def test_two_threads_decide_the_same_case(world: World) -> None:
    for n in range(ROUNDS):
        cid = world.new_case(n)
        world.service.start_review(world.rita, cid)
        version = world.reader.detail(world.rita, cid, with_history=False)["version"]
        barrier = threading.Barrier(2)
        outcomes: list[str] = []
        threads = [threading.Thread(target=_decide_thread,
                                    args=(world, actor, actor.username, cid, version, barrier,
                                          outcomes))
                   for actor in (world.rita, world.rob)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        _check_one_winner(world, cid, version, outcomes)
    with world.store.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_two_processes_decide_the_same_case(world: World) -> None:
    ctx = multiprocessing.get_context("spawn")
    for n in range(2):
        cid = world.new_case(100 + n)
        world.service.start_review(world.rita, cid)
        version = world.reader.detail(world.rita, cid, with_history=False)["version"]
        barrier = ctx.Barrier(2)
        results = ctx.Queue()
        procs = [ctx.Process(target=race_decide,
                             args=(world.store.url, cid, version, name, barrier, results))
                 for name in ("rita", "rob")]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=120)
            assert p.exitcode == 0
        outcomes = [results.get(timeout=5)[1] for _ in procs]
        _check_one_winner(world, cid, version, outcomes)
    with world.store.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_stale_write_inside_a_transaction_is_a_conflict(world: World) -> None:
    """Optimistic locking at the row: an UPDATE based on an old version changes nothing."""
    import pytest
    from sqlalchemy.orm.exc import StaleDataError

    from scrutiny.store.models import Case

    cid = world.new_case(200)
    with world.store.write() as session:
        stale = session.get(Case, cid)
        assert stale is not None
        session.expunge(stale)
    world.service.start_review(world.rita, cid)
    with pytest.raises(StaleDataError), world.store.write() as session:
        session.add(stale)
        stale.recommendation = "reject"
        session.flush()
    view = world.reader.detail(world.rita, cid, with_history=False)
    assert view["state"] == "in_review" and view["recommendation"] == "comply"


def test_concurrent_writers_never_fork_the_chain(world: World) -> None:
    """Four threads changing different cases at once: gap-free numbers, one valid chain."""
    ids = [world.new_case(300 + n) for n in range(8)]
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def work(part: list[int]) -> None:
        barrier.wait(timeout=30)
        try:
            for cid in part:
                world.service.start_review(world.rita, cid)
                world.service.request_clarification(world.rita, cid, ["Which court?"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(ids[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    with world.store.engine.connect() as conn:
        result = verify_chain(conn)
    assert result.ok, result.problem
    with world.store.read() as session:
        seqs = list(session.scalars(select(AuditRecord.seq).order_by(AuditRecord.seq)))
    assert seqs == list(range(1, len(seqs) + 1))


def test_concurrent_imports_of_the_same_demands(world: World) -> None:
    """Two importers with the same batch at once: each demand stored once, both succeed."""
    from case_world import make_demand, make_review
    from scrutiny.cases.ingest import ImportItem
    from scrutiny.store.models import Case

    items = [ImportItem(make_demand(500 + n), review=make_review()) for n in range(40)]
    barrier = threading.Barrier(2)
    outcomes: list[list[int]] = []
    errors: list[BaseException] = []

    def run() -> None:
        barrier.wait(timeout=30)
        try:
            done = world.service.import_many(world.intake, items, batch_size=40)
            outcomes.append(sorted(r.case_id for r in done))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert outcomes[0] == outcomes[1] and len(outcomes[0]) == 40
    with world.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 40
