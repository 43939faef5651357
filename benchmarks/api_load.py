"""Load test of the API over loopback: submission+review and case listing at rising rates.

Starts ``scrutiny``'s app under uvicorn in a subprocess (1 worker, then 2) on a fresh SQLite
database seeded with cases, drives it with an open-loop httpx client (requests start on a
fixed schedule whatever the latency, so queueing shows up in the tail), and prints p50/p99
latency and achieved throughput per rate. Bounded: every step lasts ``--seconds`` and at most
``rate × seconds`` requests are sent.

    .venv/bin/python benchmarks/api_load.py            # full run (about two minutes)
    .venv/bin/python benchmarks/api_load.py --quick    # smoke test (about twenty seconds)

The load generator shares the machine with the server, so figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

DEMAND: dict[str, Any] = {
    "date": "2026-03-02",
    "requester": {"authority": "Bundeskriminalamt", "authority_kind": "police",
                  "country": "DE", "official_name": "K. Fischer",
                  "official_title": "KHK", "official_contact": "k.fischer@bka.bund.de"},
    "addressee": "Example Platform Ireland Ltd",
    "demand_types": ["disclosure"], "actions": ["disclose_user_data"],
    "process_type": "court_order", "legal_bases": [{"text": "§ 100j StPO"}],
    "offence": {"text": "§ 263 StGB fraud", "max_penalty": "5 years"},
    "facts_summary": "An account was used to sell fake tickets.",
    "necessity_statement": "Subscriber data is the only way to identify the seller.",
    "data_categories": ["subscriber"],
    "time_range": {"start": "2026-03-01", "end": "2026-03-31"},
    "redress_info": "Objection under § 98(2) StPO.", "recipient_agency": "BKA SO 42",
    "languages": ["de"],
}


@dataclass
class Step:
    """Result of one rate step."""

    scenario: str
    workers: int
    rate: float
    sent: int
    ok: int
    errors: int
    p50_ms: float
    p99_ms: float
    throughput: float


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed(url: str, cases: int) -> dict[str, str]:
    """Users with tokens, and ``cases`` imported cases."""
    from scrutiny.cases.params import load_params
    from scrutiny.cases.service import CaseService
    from scrutiny.cases.users import UserService
    from scrutiny.cases.vocab import Role
    from scrutiny.demands.model import Demand
    from scrutiny.store.engine import Store

    store = Store(url)
    users = UserService(store)
    users.add(None, "admin", [Role.ADMIN])
    admin = users.actor("admin")
    users.add(admin, "intake", [Role.INTAKE])
    users.add(admin, "reviewer", [Role.REVIEWER])
    tokens = {name: users.create_token(users.actor(name), "bench")[1]
              for name in ("intake", "reviewer")}
    service = CaseService(store, load_params())
    service.import_many(users.actor("intake"), [
        __import__("scrutiny.cases.ingest", fromlist=["ImportItem"]).ImportItem(
            Demand.model_validate({**DEMAND, "reference": f"SEED-{n}",
                                   "targets": [{"kind": "account", "value": f"user{n}"}]}))
        for n in range(cases)])
    store.dispose()
    return tokens


def start_server(url: str, workers: int, port: int) -> subprocess.Popen[bytes]:
    """uvicorn with the app factory, like ``scrutiny serve``."""
    env = {**os.environ, "SCRUTINY_DATABASE_URL": url,
           "SCRUTINY_SECRET_KEY": "benchmark-secret-key-0123456789"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "scrutiny.api.app:app_from_settings", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--log-level", "warning", "--no-access-log"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                time.sleep(0.5 if workers > 1 else 0)
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start: " + (proc.stderr.read().decode()
                                                   if proc.stderr else ""))


async def run_step(client: httpx.AsyncClient, scenario: str, rate: float, seconds: float,
                   tokens: dict[str, str], counter: list[int]) -> tuple[list[float], int, float]:
    """Open loop: start ``rate`` requests per second for ``seconds``; return latencies."""
    latencies: list[float] = []
    errors = 0
    total = max(1, int(rate * seconds))

    async def one() -> None:
        nonlocal errors
        t0 = time.perf_counter()
        try:
            if scenario == "submit+review":
                counter[0] += 1
                n = counter[0]
                body = {**DEMAND, "reference": f"LOAD-{n}",
                        "targets": [{"kind": "account", "value": f"load{n}"}]}
                r = await client.post("/api/v1/demands", json=body, headers={
                    "Authorization": f"Bearer {tokens['intake']}",
                    "Idempotency-Key": f"load-{n}"})
                good = r.status_code == 201
            else:
                r = await client.get("/api/v1/cases?limit=50", headers={
                    "Authorization": f"Bearer {tokens['reviewer']}"})
                good = r.status_code == 200
        except httpx.HTTPError:
            good = False
        if good:
            latencies.append((time.perf_counter() - t0) * 1000)
        else:
            errors += 1

    start = time.perf_counter()
    tasks = []
    for i in range(total):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one()))
    await asyncio.wait(tasks, timeout=seconds + 15)
    elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def bench(base: str, workers: int, plan: dict[str, list[float]], seconds: float,
                tokens: dict[str, str], counter: list[int]) -> list[Step]:
    """Every scenario at every rate against one server."""
    out = []
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await client.get("/api/v1/cases?limit=1",
                         headers={"Authorization": f"Bearer {tokens['reviewer']}"})
        for scenario, rates in plan.items():
            for rate in rates:
                lat, errors, elapsed = await run_step(client, scenario, rate, seconds, tokens,
                                                      counter)
                out.append(Step(scenario, workers, rate, len(lat) + errors, len(lat), errors,
                                round(statistics.median(lat), 1) if lat else float("nan"),
                                round(_pct(lat, 0.99), 1), round(len(lat) / elapsed, 1)))
                print(f"  {scenario:<14} workers={workers} rate={rate:>5}/s  "
                      f"p50={out[-1].p50_ms:>7} ms  p99={out[-1].p99_ms:>7} ms  "
                      f"throughput={out[-1].throughput:>6}/s  errors={errors}",
                      file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table (``--json``: one object per step)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="short smoke run")
    parser.add_argument("--seconds", type=float, default=None, help="duration of each step")
    parser.add_argument("--cases", type=int, default=None, help="cases seeded before listing")
    parser.add_argument("--json", action="store_true", help="JSON lines on stdout")
    args = parser.parse_args(argv)
    seconds = args.seconds or (2.0 if args.quick else 5.0)
    cases = args.cases or (100 if args.quick else 1000)
    plan = ({"list": [20.0, 80.0], "submit+review": [5.0, 20.0]} if args.quick else
            {"list": [25.0, 50.0, 100.0], "submit+review": [5.0, 10.0, 20.0, 40.0]})
    steps: list[Step] = []
    with tempfile.TemporaryDirectory(prefix="scrutiny-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        print(f"seeding {cases} cases…", file=sys.stderr)
        tokens = seed(url, cases)
        counter = [0]
        for workers in (1, 2):
            port = _free_port()
            proc = start_server(url, workers, port)
            try:
                steps += asyncio.run(bench(f"http://127.0.0.1:{port}", workers, plan, seconds,
                                           tokens, counter))
            finally:
                proc.terminate()
                proc.wait(timeout=20)
    if args.json:
        for s in steps:
            print(json.dumps(s.__dict__))
    else:
        print(f"{'scenario':<14} {'workers':>7} {'rate/s':>7} {'sent':>5} {'errors':>6} "
              f"{'p50 ms':>8} {'p99 ms':>8} {'done/s':>7}")
        for s in steps:
            print(f"{s.scenario:<14} {s.workers:>7} {s.rate:>7.0f} {s.sent:>5} {s.errors:>6} "
                  f"{s.p50_ms:>8} {s.p99_ms:>8} {s.throughput:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
