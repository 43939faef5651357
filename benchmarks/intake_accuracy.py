"""Intake accuracy on the labelled development corpus of takedown notices.

Runs ``scrutiny.intake.read_letter`` over every notice in
``../shared/corpus/demands-dev/takedowns/`` and compares with ``labels.jsonl``, field by field:

* exact-match rate for country, authority, authority_kind, judicial decision cited, target
  count, deadline given, threat of sanction;
* micro precision / recall (and exact-set rate) for legal_bases, actions, reason_categories,
  languages.

Comparison rules: an authority matches when the label and the registry's English name
share their words (rapidfuzz token-set ratio >= 80, on the whole label or its part before
" – "); legal bases compare their "<instrument> <provision>" labels case- and
punctuation-insensitively; an empty list of reasons counts as the labels' "other" (the
labels say "other" when the letter gives no reason).

Usage::

    .venv/bin/python benchmarks/intake_accuracy.py [--quick] [--json] [--corpus DIR] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "demands-dev" / "takedowns"

EXACT = ["country", "authority", "authority_kind", "judicial_decision_cited", "target_count",
         "deadline_given", "threat_of_sanction"]
SETS = ["legal_bases", "actions", "reason_categories", "languages"]


def _norm(s: str) -> str:
    return re.sub(r"[^\w/.\-]+", " ", s.lower()).strip()


def _authority_match(label: str | None, predicted: str | None) -> bool:
    if not label or not predicted:
        return label == predicted
    from rapidfuzz import fuzz

    head = label.split(" – ")[0]
    return (fuzz.token_set_ratio(label, predicted) >= 80
            or fuzz.token_set_ratio(head, predicted) >= 80)


def predicted(demand: Any) -> dict[str, Any]:
    """The fields compared, from an extracted Demand."""
    return {
        "country": demand.requester.country,
        "authority": demand.requester.authority,
        "authority_kind": demand.requester.authority_kind.value
        if demand.requester.authority_kind else None,
        "judicial_decision_cited": bool(demand.judicial_authorisation.present),
        "target_count": len(demand.targets),
        "deadline_given": demand.deadline is not None,
        "threat_of_sanction": bool(demand.threat_of_sanction),
        "legal_bases": sorted({_norm(f"{b.instrument} {b.provision or ''}")
                               for b in demand.legal_bases if b.instrument}),
        "actions": sorted(a.value for a in demand.actions),
        "reason_categories": sorted(r.value for r in demand.reason_categories) or ["other"],
        "languages": sorted(demand.languages),
    }


def expected(label: dict[str, Any]) -> dict[str, Any]:
    """The same fields from a label line."""
    return {
        "country": label["country"],
        "authority": label["authority"],
        "authority_kind": label["authority_kind"],
        "judicial_decision_cited": bool(label["judicial_decision_cited"]),
        "target_count": label["target_count"],
        "deadline_given": bool(label["deadline_given"]),
        "threat_of_sanction": bool(label["threat_of_sanction"]),
        "legal_bases": sorted({_norm(x) for x in label["legal_bases"]}),
        "actions": sorted(label["requested_actions"]),
        "reason_categories": sorted(label["reason_category"]),
        "languages": sorted(label["languages"]),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print per-field figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--quick", action="store_true", help="first 5 notices only")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every mismatch")
    args = parser.parse_args(argv)

    from scrutiny.intake import read_letter

    labels = [json.loads(line) for line in
              (args.corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    if args.quick:
        labels = labels[:5]
    exact_hits = dict.fromkeys(EXACT, 0)
    set_stats = {f: {"tp": 0, "fp": 0, "fn": 0, "exact": 0} for f in SETS}
    mismatches: list[dict[str, Any]] = []
    started = time.perf_counter()
    for label in labels:
        demand = read_letter(args.corpus / label["file"])
        got, want = predicted(demand), expected(label)
        for f in EXACT:
            ok = (_authority_match(want[f], got[f]) if f == "authority"
                  else got[f] == want[f])
            exact_hits[f] += ok
            if not ok:
                mismatches.append({"file": label["file"], "field": f,
                                   "expected": want[f], "got": got[f]})
        for f in SETS:
            g, w = set(got[f]), set(want[f])
            st = set_stats[f]
            st["tp"] += len(g & w)
            st["fp"] += len(g - w)
            st["fn"] += len(w - g)
            st["exact"] += g == w
            if g != w:
                mismatches.append({"file": label["file"], "field": f,
                                   "expected": sorted(w), "got": sorted(g)})
    elapsed = time.perf_counter() - started
    n = len(labels)
    result: dict[str, Any] = {"letters": n, "seconds": round(elapsed, 2), "fields": {}}
    for f in EXACT:
        result["fields"][f] = {"exact": round(exact_hits[f] / n, 3)}
    for f in SETS:
        st = set_stats[f]
        p = st["tp"] / (st["tp"] + st["fp"]) if st["tp"] + st["fp"] else 1.0
        r = st["tp"] / (st["tp"] + st["fn"]) if st["tp"] + st["fn"] else 1.0
        result["fields"][f] = {"precision": round(p, 3), "recall": round(r, 3),
                               "exact": round(st["exact"] / n, 3)}
    if args.json:
        result["mismatches"] = mismatches
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"intake accuracy on {n} letters ({args.corpus}) in {elapsed:.2f} s")
    print(f"{'field':<26}{'exact':>8}{'precision':>11}{'recall':>8}")
    for f, v in result["fields"].items():
        print(f"{f:<26}{v['exact']:>8.3f}"
              + (f"{v['precision']:>11.3f}{v['recall']:>8.3f}" if "precision" in v else ""))
    if args.verbose:
        for m in mismatches:
            print(f"  {m['file']}: {m['field']}: expected {m['expected']!r}, got {m['got']!r}",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
