"""Benchmark: listing and filtering cases on a large store (p50 / p99 latency).

Runs on a store kept by ``benchmarks/import_cases.py --keep`` (or any store URL). First it
moves a sample of cases through the workflow with ``CaseService`` (so states, assignees and
decisions vary like a working store), then times each query of ``CaseReader`` — the same calls
the CLI, the web app and the API make — and prints p50/p99 in milliseconds.

    python benchmarks/import_cases.py --quick --backend sqlite --keep
    python benchmarks/case_list.py --db sqlite:////tmp/scrutiny-bench/import.db
    python benchmarks/case_list.py --db postgresql+psycopg://postgres@127.0.0.1:54329/scrutiny_bench_import
    python benchmarks/case_list.py --quick          # builds a 20,000-case SQLite store first
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from scrutiny.cases.params import WorkflowParams
from scrutiny.cases.service import CaseService
from scrutiny.cases.users import UserService
from scrutiny.cases.views import CaseReader
from scrutiny.cases.vocab import CaseState, Risk, Role
from scrutiny.errors import ScrutinyError
from scrutiny.policy import load_policy
from scrutiny.store.engine import Store
from scrutiny.store.models import Case, DemandRecord
from scrutiny.store.queries import CaseFilter

HERE = Path(__file__).resolve().parent


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def _time(fn: Callable[[], Any], reps: int) -> tuple[float, float, int]:
    fn()  # warm caches
    samples = []
    size = 0
    for _ in range(reps):
        t0 = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - t0) * 1000)
        size = len(result) if hasattr(result, "__len__") else 1
    return statistics.median(samples), _percentile(samples, 0.99), size


def _people(users: UserService) -> dict[str, Any]:
    if users.count() == 0:
        users.add(None, "admin", [])
    admin = users.actor("admin")
    for name, role in (("bench_rev", Role.REVIEWER), ("bench_lead", Role.LEGAL_LEAD),
                       ("bench_lead2", Role.LEGAL_LEAD)):
        with contextlib.suppress(ScrutinyError):
            users.add(admin, name, [role])
    return {n: users.actor(n) for n in ("bench_rev", "bench_lead", "bench_lead2")}


def work_sample(store: Store, service: CaseService, people: dict[str, Any], n: int,
                seed: int) -> dict[str, int]:
    """Move ``n`` random received cases through the workflow; returns counts per action."""
    rng = random.Random(seed)
    with store.read() as session:
        max_id = int(session.scalar(select(func.max(Case.id))) or 0)
    done = {"started": 0, "decided": 0, "approval": 0, "executed": 0}
    rev, lead = people["bench_rev"], people["bench_lead"]
    for _ in range(n):
        cid = rng.randint(1, max_id)
        try:
            service.start_review(rev, cid)
            done["started"] += 1
            if rng.random() < 0.5:
                continue
            view_rec = None
            with store.read() as session:
                case = session.get(Case, cid)
                view_rec = case.recommendation if case else None
            outcome = view_rec if view_rec in ("comply", "reject") else "reject"
            case = service.decide(rev, cid, outcome, ["benchmark decision"],
                                  override_reason="benchmark: deciding without narrowing"
                                  if view_rec not in (outcome, "escalate") else None)
            done["decided"] += 1
            if case.state is CaseState.AWAITING_APPROVAL and rng.random() < 0.5:
                service.approve(lead, cid, note="benchmark approval")
                done["approval"] += 1
            elif case.state is CaseState.DECIDED and rng.random() < 0.5:
                service.execute(rev, cid)
                done["executed"] += 1
        except ScrutinyError:
            continue
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="store URL (default: the --keep store of import_cases.py)")
    ap.add_argument("--quick", action="store_true",
                    help="build a 20,000-case SQLite store first, fewer repetitions")
    ap.add_argument("--reps", type=int, default=200, help="repetitions per query")
    ap.add_argument("--work", type=int, default=2000, help="cases moved through the workflow")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", action="store_true", help="one JSON line per query")
    args = ap.parse_args(argv)
    url = args.db or "sqlite:////tmp/scrutiny-bench/import.db"
    reps, work = args.reps, args.work
    if args.quick:
        subprocess.run([sys.executable, str(HERE / "import_cases.py"), "--quick", "--backend",
                        "sqlite", "--keep"], check=True)
        url, reps, work = "sqlite:////tmp/scrutiny-bench/import.db", 50, 500
    store = Store(url)
    policy = load_policy()
    service = CaseService(store, WorkflowParams.from_policy(policy))
    reader = CaseReader(store)
    people = _people(UserService(store))
    t0 = time.perf_counter()
    moved = work_sample(store, service, people, work, args.seed)
    store.optimize()
    print(f"moved {moved} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    with store.read() as session:
        total = int(session.scalar(select(func.count()).select_from(Case)) or 0)
        middle = int(session.scalar(select(func.max(Case.id))) or 0) // 2
    actor = people["bench_rev"]
    rng = random.Random(args.seed)
    with store.read() as session:
        by_country = session.execute(
            select(DemandRecord.country, func.count()).group_by(DemandRecord.country)
            .order_by(func.count().desc())).all()
        common, rare = by_country[0][0], by_country[-1][0]
        some_ids = [int(x) for x in session.scalars(
            select(Case.id).where(Case.state != CaseState.RECEIVED).limit(200))] or [1]
    queries: list[tuple[str, Callable[[], Any]]] = [
        ("list: newest 50", lambda: reader.cases(actor)),
        ("list: state=in_review", lambda: reader.cases(
            actor, CaseFilter(states=[CaseState.IN_REVIEW]))),
        ("list: state=awaiting_approval", lambda: reader.cases(
            actor, CaseFilter(states=[CaseState.AWAITING_APPROVAL]))),
        (f"list: country={common} (most common)",
         lambda: reader.cases(actor, CaseFilter(countries=[common]))),
        (f"list: country={rare} (rarest)",
         lambda: reader.cases(actor, CaseFilter(countries=[rare]))),
        ("list: risk=high", lambda: reader.cases(actor, CaseFilter(risk=Risk.HIGH))),
        ("list: overdue", lambda: reader.cases(actor, CaseFilter(overdue=True))),
        (f"list: in_review+{common}+high", lambda: reader.cases(
            actor, CaseFilter(states=[CaseState.IN_REVIEW], countries=[common],
                              risk=Risk.HIGH))),
        ("list: type=emergency_disclosure", lambda: reader.cases(
            actor, CaseFilter(demand_type="emergency_disclosure"))),
        ("list: page in the middle", lambda: reader.cases(actor, before_id=middle)),
        ("show: one case (with history)", lambda: reader.detail(actor, rng.choice(some_ids))),
        ("overdue: first 1000 items", lambda: reader.overdue(actor)),
    ]
    print(f"\n{store.dialect}: {total:,} cases; {reps} repetitions per query")
    for name, fn in queries:
        p50, p99, size = _time(fn, reps)
        if args.json:
            print(json.dumps({"backend": store.dialect, "cases": total, "query": name,
                              "p50_ms": round(p50, 2), "p99_ms": round(p99, 2), "rows": size}))
        else:
            print(f"  {name:34s} p50 {p50:8.2f} ms   p99 {p99:8.2f} ms   ({size} rows)")
    store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
