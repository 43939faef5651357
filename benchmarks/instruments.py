"""Benchmark of instrument analysis: the Budapest Convention and a generated ~1 MB law.

For each text it times (median of several runs) the whole analysis — read the file, parse
the structure, resolve cross-references, run the eight detectors — and, in the same run, a
floor: reading the same file and splitting it into lines. It prints both and their ratio.

The ~1 MB law is made from the four shipped national laws, converted to one drafting style
("N. Title" headings, "Part N" divisions) and repeated with running section numbers.

Usage::

    .venv/bin/python benchmarks/instruments.py            # full run
    .venv/bin/python benchmarks/instruments.py --quick    # smoke test (~200 KB, 1 run)
    .venv/bin/python benchmarks/instruments.py --json     # one JSON object per line
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scrutiny.instruments import analyze, load_document
from scrutiny.instruments.shipped import resolve_shipped, shipped_instruments

_SECTION_DASH = re.compile(r"^Section (\d+)\. (?:(.+?)\.? [–—] )?(.*)$")
_NUMBERED = re.compile(r"^(\d+[A-Z]?)\. (.*)$")
_DIVISION = re.compile(r"^(?:Part|Chapter) [IVXLC0-9]+$")


def _body_lines(path: Path) -> list[str]:
    """The sections of a shipped law in "N. Title" style, without header, front matter,
    final clauses or schedule; section numbers replaced by the placeholder ``{n}``."""
    out: list[str] = []
    started = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") or not line.strip():
            continue
        if re.match(r"(?i)^(schedule|approved[,:])", line):
            break
        if _DIVISION.match(line):
            started = True
            out.append("Part {p}")
            continue
        if not started:
            continue
        m = _SECTION_DASH.match(line)
        if m:
            out.append("{n}. " + (m.group(2) or "Untitled"))
            out.append(m.group(3))
            continue
        m = _NUMBERED.match(line)
        if m:
            out.append("{n}. " + m.group(2))
            continue
        out.append(line)
    return out


def generate_law(target_bytes: int) -> str:
    """A law of about ``target_bytes`` built from the shipped national laws."""
    bodies = [_body_lines(i.path) for i in shipped_instruments() if i.kind == "law"]
    lines: list[str] = ["# title: Generated benchmark law", ""]
    size, n, p = 0, 0, 0
    while size < target_bytes:
        for body in bodies:
            for line in body:
                if line == "Part {p}":
                    p += 1
                    line = f"Part {p}"
                elif line.startswith("{n}. "):
                    n += 1
                    line = f"{n}. " + line[5:]
                lines.append(line)
                size += len(line) + 1
    return "\n".join(lines) + "\n"


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(path: Path, runs: int) -> dict[str, object]:
    """Analysis time, floor time and ratio for one file."""
    analysis = analyze(load_document(path))  # warm caches (rule data, regexes)
    analysis_s = _median(lambda: analyze(load_document(path)), runs)
    floor_s = _median(lambda: path.read_text(encoding="utf-8").splitlines(), max(runs, 5))
    return {
        "text": path.name,
        "bytes": path.stat().st_size,
        "provisions": len(analysis.document.provisions()),
        "findings": len(analysis.findings),
        "analysis_s": round(analysis_s, 4),
        "floor_s": round(floor_s, 6),
        "ratio": round(analysis_s / floor_s, 1) if floor_s else None,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small law, one run (smoke test)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 5)
    size = 200_000 if args.quick else 1_000_000
    results = [measure(resolve_shipped("budapest-convention").path, runs)]
    with tempfile.TemporaryDirectory() as tmp:
        law = Path(tmp) / f"generated-law-{size // 1000}kb.txt"
        law.write_text(generate_law(size), encoding="utf-8")
        results.append(measure(law, max(1, runs // 2)))
    for r in results:
        if args.json:
            sys.stdout.write(json.dumps(r) + "\n")
        else:
            print(f"{r['text']:<40} {r['bytes']:>9} B {r['provisions']:>5} provisions "
                  f"{r['findings']:>5} findings  analysis {r['analysis_s']:.3f} s  "
                  f"floor {r['floor_s'] * 1000:.3f} ms  ratio {r['ratio']}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
