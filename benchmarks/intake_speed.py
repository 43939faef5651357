"""Intake speed: letters per second on the dev corpus, repeated, against a reading floor.

One process (one core). After a warm-up pass (lexicons compiled, lingua and dateparser
loaded), it reads and extracts (``read_letter``) the dev takedown notices ``--repeat`` times,
one pass over the corpus at a time, and times each pass in CPU time (process time: what the
intake itself costs, much less sensitive than wall-clock time to other work on a shared
machine) and wall-clock time. The floor is reading the same files into Documents (stat, read,
decode) without extraction, timed the same way. The warm-up's garbage is collected before
timing. Reported: letters per CPU-second of the best
pass (the least disturbed, as ``timeit`` reports) and of the median pass, wall-clock letters/s,
the ratio to the floor, and the load average when the run started.

Usage::

    .venv/bin/python benchmarks/intake_speed.py [--repeat N] [--quick] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "demands-dev" / "takedowns"


def _passes(files: list[Path], repeat: int, fn: Any) -> tuple[list[float], list[float]]:
    """CPU and wall-clock seconds of each pass of ``fn`` over ``files``."""
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for f in files:
            fn(f)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - t0)
    return cpu, wall


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=8, help="passes over the corpus")
    parser.add_argument("--quick", action="store_true", help="one pass")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else max(1, args.repeat)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None

    from scrutiny.intake import read_document, read_letter

    files = sorted(p for p in args.corpus.iterdir() if p.suffix in {".md", ".txt"})
    for f in files:  # warm-up
        read_letter(f)
    # the warm-up leaves ~90 000 long-lived objects (models, lexicons, registry): collect its
    # garbage now, so that a full collection (~0.15 s) does not land in a timed pass
    gc.collect()
    n = len(files)
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)

    floor_cpu, floor_wall = _passes(files, repeat, read_document)
    full_cpu, full_wall = _passes(files, repeat, read_letter)

    best, median = min(full_cpu), statistics.median(full_cpu)
    result = {
        "letters_per_pass": n,
        "passes": repeat,
        "characters_per_pass": chars,
        "load_average_1m": round(load, 2) if load is not None else None,
        "intake_letters_per_cpu_s_best": round(n / best, 1),
        "intake_letters_per_cpu_s_median": round(n / median, 1),
        "intake_letters_per_s_wall": round(n * repeat / sum(full_wall), 1),
        "ms_cpu_per_letter_best": round(1000 * best / n, 2),
        "read_only_letters_per_cpu_s_best": round(n / min(floor_cpu), 1)
        if min(floor_cpu) else None,
        "read_only_letters_per_s_wall": round(n * repeat / sum(floor_wall), 1),
        "cpu_ratio_to_floor": round(best / min(floor_cpu), 1) if min(floor_cpu) else None,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"intake speed: {n} letters x {repeat} passes, one core, "
              f"load average {result['load_average_1m']}")
        print(f"  read + extract: {result['intake_letters_per_cpu_s_best']:>8} letters per "
              f"CPU-second (best pass; median {result['intake_letters_per_cpu_s_median']}), "
              f"{result['ms_cpu_per_letter_best']} ms/letter")
        print(f"  wall clock:     {result['intake_letters_per_s_wall']:>8} letters/s")
        print(f"  read only:      {result['read_only_letters_per_cpu_s_best']:>8} letters per "
              f"CPU-second (the floor; {result['read_only_letters_per_s_wall']} letters/s wall "
              f"clock); intake costs {result['cpu_ratio_to_floor']}x that")
    return 0


if __name__ == "__main__":
    sys.exit(main())
