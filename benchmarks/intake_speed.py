"""Intake speed: letters per second on the dev corpus, repeated, against a reading floor.

One process (one core); wall-clock and CPU (process) time are both reported. After a
warm-up pass (lexicons compiled, lingua and dateparser loaded), it times ``read_letter``
over the dev takedown notices repeated ``--repeat`` times, and the floor: reading the same
files into Documents (stat, read, decode) without extraction. Prints letters/s for both and
their ratio.

Usage::

    .venv/bin/python benchmarks/intake_speed.py [--repeat N] [--quick] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "demands-dev" / "takedowns"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="one repetition")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else max(1, args.repeat)

    from scrutiny.intake import read_document, read_letter

    files = sorted(p for p in args.corpus.iterdir() if p.suffix in {".md", ".txt"})
    for f in files:  # warm-up
        read_letter(f)
    work = files * repeat
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files) * repeat

    t0, c0 = time.perf_counter(), time.process_time()
    for f in work:
        read_document(f)
    floor, floor_cpu = time.perf_counter() - t0, time.process_time() - c0

    t0, c0 = time.perf_counter(), time.process_time()
    for f in work:
        read_letter(f)
    full, full_cpu = time.perf_counter() - t0, time.process_time() - c0

    result = {
        "letters": len(work),
        "characters": chars,
        "read_only_letters_per_s": round(len(work) / floor, 1),
        "intake_letters_per_s": round(len(work) / full, 1),
        "intake_letters_per_cpu_s": round(len(work) / full_cpu, 1),
        "ms_per_letter": round(1000 * full / len(work), 2),
        "ratio_to_floor": round(full / floor, 1),
        "cpu_ratio_to_floor": round(full_cpu / floor_cpu, 1) if floor_cpu else None,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"intake speed, {len(work)} letters ({len(files)} files x {repeat}), one core")
        print(f"  read only (floor): {result['read_only_letters_per_s']:>9} letters/s")
        print(f"  read + extract:    {result['intake_letters_per_s']:>9} letters/s "
              f"({result['ms_per_letter']} ms/letter)")
        print(f"  per CPU second:    {result['intake_letters_per_cpu_s']:>9} letters/s "
              "(process time: less sensitive to other load on the machine)")
        print(f"  ratio to floor:    {result['ratio_to_floor']:>9}x wall, "
              f"{result['cpu_ratio_to_floor']}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
