"""Benchmark: import structured demands with their reviews into the case store.

For each back end (SQLite file, PostgreSQL database) this generates N varied structured
demands, runs the real review engine on each, and imports them through
``CaseService.import_many`` (idempotency check, demands + tags + reviews + one row per
verdict + cases + hash-chained audit events, one transaction per batch). In the same run it
measures a *floor*: a plain bulk insert (``executemany``, no ORM, no checks, ids assigned by
the client) of exactly the same rows into a fresh database of the same schema. It prints
demands/s, rows/s and the ratio import/floor.

    python benchmarks/import_cases.py --quick                 # 20,000 demands, both back ends
    python benchmarks/import_cases.py --n 1000000 --backend sqlite --keep

PostgreSQL comes from SCRUTINY_BENCH_PG_URL, else SCRUTINY_TEST_DATABASE_URL (the server of
``scripts/pg-test-server``); the benchmark creates and drops its own databases. ``--keep``
keeps the imported store for ``benchmarks/case_list.py`` (path printed at the end).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from scrutiny.audit.chain import GENESIS, event_hash
from scrutiny.audit.log import format_time
from scrutiny.cases.guards import Actor
from scrutiny.cases.ingest import (
    ImportItem,
    content_hash,
    deadline_for,
    demand_columns,
    demand_tags,
    review_body,
    review_columns,
    verdict_rows,
)
from scrutiny.cases.params import WorkflowParams
from scrutiny.cases.service import CaseService, engine_reviewer
from scrutiny.cases.users import UserService
from scrutiny.cases.vocab import CaseState, Role
from scrutiny.demands.model import Demand
from scrutiny.policy import load_policy
from scrutiny.safeguards.types import Review
from scrutiny.store.engine import Store
from scrutiny.store.models import (
    AuditRecord,
    Case,
    DemandRecord,
    DemandTag,
    ReviewRecord,
    VerdictRecord,
)

WORKDIR = Path(os.environ.get("SCRUTINY_BENCH_DIR", "/tmp/scrutiny-bench"))

COUNTRIES = ("RU", "TR", "IN", "BR", "DE", "FR", "US", "GB", "CN", "HK", "ES", "IT", "PK", "ID",
             "MX", "AR", "KR", "JP", "AU", "CA", "NG", "EG", "SA", "AE", "VN", "TH", "PL", "UA",
             "IL", "ZA")
KINDS = ("police", "prosecutor", "court", "regulator", "ministry", "intelligence", "other")
TYPES = (("disclosure", "disclose_user_data"), ("preservation", "preserve"),
         ("content_restriction", "remove"), ("content_restriction", "restrict_in_country"),
         ("account_action", "suspend_account"), ("emergency_disclosure", "disclose_user_data"))
PROCESS = ("court_order", "search_warrant", "subpoena", "administrative_order", "informal_letter",
           "mlat", "emergency_request", None)
REASONS = ("extremism_terrorism", "political_expression", "drugs", "fraud_scam", "child_safety",
           "defamation_insult", "misinformation", "copyright", "hate_speech", "other")
CATEGORIES = ("subscriber", "traffic", "content", "identification")
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def make_demand(rng: random.Random, i: int) -> Demand:
    """One varied, valid structured demand (deterministic for a seed and index)."""
    country = COUNTRIES[(int(rng.paretovariate(1.2)) - 1) % len(COUNTRIES)]
    dtype, action = TYPES[rng.randrange(len(TYPES))] if rng.random() > 0.03 else TYPES[5]
    received = START + dt.timedelta(minutes=i * 1.5 + rng.random())
    process = PROCESS[rng.randrange(len(PROCESS))]
    n_targets = 1 + int(rng.expovariate(0.6))
    targets = []
    for t in range(n_targets):
        kind = rng.choice(("account", "url", "email", "phone", "ip"))
        value = {"account": f"acct{i}_{t}", "url": f"https://example.org/p/{i}/{t}",
                 "email": f"u{i}_{t}@example.org", "phone": f"+4930{i:08d}{t}",
                 "ip": f"10.{i % 250}.{t}.{i % 199}"}[kind]
        targets.append({"kind": kind, "value": value})
    data: dict[str, Any] = {
        "reference": f"{country}-{i:07d}",
        "requester": {"country": country, "authority": f"{country} authority {i % 17}",
                      "authority_kind": rng.choice(KINDS)},
        "date": (received - dt.timedelta(days=1)).date().isoformat(),
        "received_at": received.isoformat(),
        "channel": rng.choice(("portal", "email", "post")),
        "demand_types": [dtype],
        "actions": [action],
        "targets": targets,
        "reason_categories": [rng.choice(REASONS)],
        "legal_bases": [{"text": f"Law {rng.randrange(300)} art {rng.randrange(1, 40)}"}]
        if rng.random() < 0.8 else [],
        "judicial_authorisation": {"present": rng.random() < 0.4},
        "cross_border": rng.random() < 0.3,
    }
    if process:
        data["process_type"] = process
    if dtype in ("disclosure", "emergency_disclosure", "preservation"):
        data["data_categories"] = rng.sample(CATEGORIES, rng.randint(1, 3))
        data["time_range"] = {"start": (received - dt.timedelta(days=180)).date().isoformat(),
                              "end": received.date().isoformat()}
    if dtype == "emergency_disclosure":
        data["emergency_claimed"] = True
        data["emergency_justification"] = "imminent threat to life"
    if rng.random() < 0.3:
        data["deadline"] = {"text": "within 72 hours", "hours": 72}
    return Demand.model_validate(data)


@dataclass
class Totals:
    """Accumulated timings and counts of one back end."""

    demands: int = 0
    rows: int = 0
    generate_s: float = 0.0
    review_s: float = 0.0
    import_s: float = 0.0
    floor_s: float = 0.0
    floor_build_s: float = 0.0
    floor_rows: int = 0
    floor_import_s: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


class Floor:
    """Plain executemany of the same rows, ids from counters, no checks."""

    def __init__(self, store: Store, params: WorkflowParams) -> None:
        self.store = store
        self.params = params
        self.demand_id = self.review_id = self.case_id = self.verdict_id = self.seq = 0
        self.prev = GENESIS

    def rows(self, items: list[ImportItem], reviews: list[Review], now: dt.datetime
             ) -> dict[Any, list[dict[str, Any]]]:
        out: dict[Any, list[dict[str, Any]]] = {t: [] for t in (
            DemandRecord, DemandTag, ReviewRecord, VerdictRecord, Case, AuditRecord)}
        stamp = format_time(now)
        for item, review in zip(items, reviews, strict=True):
            self.demand_id += 1
            self.review_id += 1
            self.case_id += 1
            d = item.demand
            received = d.received_at or now
            out[DemandRecord].append({"id": self.demand_id, **demand_columns(
                d, digest=content_hash(d), source=item.source, received_at=received)})
            out[DemandTag] += [{"demand_id": self.demand_id, "facet": f, "value": v}
                               for f, v in demand_tags(d)]
            body = review_body(review)
            rc = review_columns(review, body, self.params, created_at=now)
            out[ReviewRecord].append({"id": self.review_id, "demand_id": self.demand_id, **rc})
            for v in verdict_rows(review):
                self.verdict_id += 1
                out[VerdictRecord].append({"id": self.verdict_id, "review_id": self.review_id,
                                           **v})
            out[Case].append({
                "id": self.case_id, "demand_id": self.demand_id, "review_id": self.review_id,
                "state": CaseState.RECEIVED, "version": 1, "risk": rc["risk"],
                "recommendation": rc["recommendation"],
                "deadline_at": deadline_for(d, received, self.params), "received_at": received,
                "acknowledged_at": now, "updated_at": now})
            self.seq += 1
            content = {"seq": self.seq, "at": stamp, "type": "case.imported", "actor": "bench",
                       "target_type": "case", "target_id": str(self.case_id),
                       "case_id": self.case_id, "before": None,
                       "after": {"state": "received", "demand_id": self.demand_id}, "reason": None}
            digest = event_hash(self.prev, content)
            out[AuditRecord].append({**content, "prev_hash": self.prev, "hash": digest})
            self.prev = digest
        return out

    def insert(self, rows: dict[Any, list[dict[str, Any]]]) -> int:
        count = 0
        with self.store.engine.begin() as conn:
            for model, batch in rows.items():
                if batch:
                    conn.execute(insert(model.__table__), batch)
                    count += len(batch)
        return count


def pg_admin_url() -> str | None:
    return os.environ.get("SCRUTINY_BENCH_PG_URL") or os.environ.get("SCRUTINY_TEST_DATABASE_URL")


def pg_database(admin: str, name: str, *, drop_only: bool = False) -> str:
    import psycopg

    plain = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + "/" + name


def urls(backend: str) -> tuple[str, str]:
    if backend == "sqlite":
        for name in ("import.db", "floor.db"):
            for suffix in ("", "-wal", "-shm"):
                (WORKDIR / (name + suffix)).unlink(missing_ok=True)
        return f"sqlite:///{WORKDIR / 'import.db'}", f"sqlite:///{WORKDIR / 'floor.db'}"
    admin = pg_admin_url()
    if not admin:
        raise SystemExit("PostgreSQL: set SCRUTINY_BENCH_PG_URL or SCRUTINY_TEST_DATABASE_URL "
                         "(e.g. `export SCRUTINY_TEST_DATABASE_URL=$(scripts/pg-test-server)`)")
    return pg_database(admin, "scrutiny_bench_import"), pg_database(admin, "scrutiny_bench_floor")


def batches(n: int, size: int, seed: int) -> Iterator[list[Demand]]:
    rng = random.Random(seed)
    for start in range(0, n, size):
        yield [make_demand(rng, i) for i in range(start, min(n, start + size))]


def run(backend: str, n: int, batch: int, seed: int, keep: bool, floor_sample: int,
        review_pool: int) -> Totals:
    import_url, floor_url = urls(backend)
    policy = load_policy()
    params = WorkflowParams.from_policy(policy)
    review = engine_reviewer(policy=policy)
    store, floor_store = Store(import_url), Store(floor_url)
    users = UserService(store)
    users.add(None, "admin", [])
    users.add(users.actor("admin"), "intake", [Role.INTAKE])
    actor: Actor = users.actor("intake")
    service = CaseService(store, params, reviewer=review)
    floor = Floor(floor_store, params)
    totals = Totals()
    totals.extra["floor_demands"] = min(n, floor_sample) if floor_sample else n
    if review_pool:
        totals.extra["review_pool"] = review_pool
    pool: list[Review] = []
    now = dt.datetime.now(dt.UTC)
    report_every = max(1, n // batch // 20)
    t_start = time.perf_counter()
    gen = batches(n, batch, seed)
    for k in range(0, (n + batch - 1) // batch):
        t0 = time.perf_counter()
        demands = next(gen)
        t1 = time.perf_counter()
        if review_pool and len(pool) >= review_pool:
            reviews = [pool[(k * batch + j) % review_pool] for j in range(len(demands))]
        else:
            reviews = [review(d) for d in demands]
            if review_pool:
                pool.extend(reviews[: review_pool - len(pool)])
        t2 = time.perf_counter()
        items = [ImportItem(d, f"bench:{d.reference}", review=r)
                 for d, r in zip(demands, reviews, strict=True)]
        results = service.import_many(actor, items, batch_size=len(items))
        t3 = time.perf_counter()
        in_floor = not floor_sample or totals.demands < floor_sample
        if in_floor:
            rows = floor.rows(items, reviews, now)
            t4 = time.perf_counter()
            count = floor.insert(rows)
            t5 = time.perf_counter()
            totals.rows += count
            totals.floor_rows += count
            totals.floor_build_s += t4 - t3
            totals.floor_s += t5 - t4
            totals.floor_import_s += t3 - t2
        else:
            totals.rows += totals.floor_rows // max(1, totals.extra["floor_demands"]) * len(demands)
        assert all(r.status == "created" for r in results)
        totals.demands += len(demands)
        totals.generate_s += t1 - t0
        totals.review_s += t2 - t1
        totals.import_s += t3 - t2
        if (k + 1) % report_every == 0:
            print(f"  {backend}: {totals.demands:>9,} demands  import "
                  f"{totals.demands / totals.import_s:8.0f}/s  floor "
                  f"{totals.extra['floor_demands'] / max(totals.floor_s, 1e-9):8.0f}/s  "
                  f"({time.perf_counter() - t_start:6.0f} s)", file=sys.stderr, flush=True)
    t_opt = time.perf_counter()
    store.optimize()
    totals.extra["optimize_s"] = round(time.perf_counter() - t_opt, 1)
    if backend == "sqlite":
        totals.extra["import_db_bytes"] = sum(
            p.stat().st_size for p in WORKDIR.glob("import.db*"))
    store.dispose()
    floor_store.dispose()
    if backend == "sqlite":
        for p in WORKDIR.glob("floor.db*"):
            p.unlink()
        if not keep:
            for p in WORKDIR.glob("import.db*"):
                p.unlink()
    else:
        admin = pg_admin_url()
        assert admin
        pg_database(admin, "scrutiny_bench_floor", drop_only=True)
        if not keep:
            pg_database(admin, "scrutiny_bench_import", drop_only=True)
    totals.extra["store_url"] = import_url if keep else None
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="demands to import")
    ap.add_argument("--quick", action="store_true", help="20,000 demands (smoke test)")
    ap.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--batch", type=int, default=2000, help="demands per transaction")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", action="store_true", help="keep the imported store")
    ap.add_argument("--floor-sample", type=int, default=0,
                    help="measure the floor on the first N demands only (0: all)")
    ap.add_argument("--review-pool", type=int, default=0,
                    help="run the engine on the first N demands and reuse those reviews "
                         "cyclically (0: the engine reviews every demand)")
    ap.add_argument("--json", action="store_true", help="one JSON summary line per back end")
    args = ap.parse_args(argv)
    n = 20_000 if args.quick else args.n
    WORKDIR.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(WORKDIR).free
    if args.backend != "postgres" and free < n * 30_000:
        raise SystemExit(f"not enough disk in {WORKDIR}: {free / 1e9:.1f} GB free")
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    for backend in backends:
        t = run(backend, n, args.batch, args.seed, args.keep, args.floor_sample,
                args.review_pool)
        rows_per_demand = t.rows / t.demands
        summary = {
            "backend": backend, "demands": t.demands, "rows": t.rows,
            "rows_per_demand": round(rows_per_demand, 1),
            "batch": args.batch,
            "import_s": round(t.import_s, 1),
            "import_demands_per_s": round(t.demands / t.import_s),
            "import_rows_per_s": round(t.rows / t.import_s),
            "floor_s": round(t.floor_s, 1),
            "floor_rows_per_s": round(t.floor_rows / t.floor_s),
            "ratio_import_to_floor": round(t.floor_s / t.floor_import_s, 3),
            "ratio_incl_row_building": round((t.floor_s + t.floor_build_s) / t.floor_import_s,
                                             3),
            "review_engine_s": round(t.review_s, 1),
            "review_per_demand_ms": round(
                1000 * t.review_s / (min(t.demands, args.review_pool) if args.review_pool
                                     else t.demands), 3),
            "generate_s": round(t.generate_s, 1),
            **t.extra,
        }
        if args.json:
            print(json.dumps(summary))
        else:
            print(f"\n{backend}: {t.demands:,} demands, {t.rows:,} rows "
                  f"({rows_per_demand:.1f} rows per demand), batches of {args.batch}")
            print(f"  import (CaseService.import_many): {t.import_s:8.1f} s  "
                  f"{t.demands / t.import_s:9,.0f} demands/s  {t.rows / t.import_s:10,.0f} rows/s")
            fd = t.extra["floor_demands"]
            print(f"  floor (plain executemany):        {t.floor_s:8.1f} s  "
                  f"{fd / t.floor_s:9,.0f} demands/s  {t.floor_rows / t.floor_s:10,.0f} rows/s"
                  f"  (on the first {fd:,} demands)")
            print(f"  import on those {fd:,} demands:    {t.floor_import_s:8.1f} s  "
                  f"{fd / t.floor_import_s:9,.0f} demands/s")
            print(f"  ratio import/floor: {summary['ratio_import_to_floor']:.2f} "
                  f"(counting the floor's row building too: "
                  f"{summary['ratio_incl_row_building']:.2f})")
            print(f"  review engine: {t.review_s:.1f} s ({summary['review_per_demand_ms']} ms "
                  f"per demand; not in either figure)"
                  + (f"; reviews of the first {args.review_pool:,} demands reused cyclically"
                     if args.review_pool else ""))
            for key, value in t.extra.items():
                if value is not None:
                    print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
