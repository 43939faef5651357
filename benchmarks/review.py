"""Benchmark the review engine against a floor measured in the same run.

Generates N varied, valid demands (seeded), serialised as JSON. The floor is parsing and
validating that JSON (``Demand.model_validate_json``); the measured job is parsing,
validating and reviewing each demand. Prints demands/second for both and the ratio (aim:
review at most 3x the floor).

    .venv/bin/python benchmarks/review.py            # 100,000 demands
    .venv/bin/python benchmarks/review.py --quick    # 5,000 demands (smoke test)
    .venv/bin/python benchmarks/review.py --profile  # cProfile of the review loop
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import sys
import time
from typing import Any

from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import (
    Action,
    AuthorityKind,
    DataCategory,
    DemandType,
    ProcessType,
    ReasonCategory,
    TargetKind,
    TargetProfile,
    TreatyChannel,
)
from scrutiny.policy import load_policy, load_reference
from scrutiny.safeguards import review

COUNTRIES = ["US", "RU", "CN", "DE", "IT", "ES", "HK", "BR", "IN", "TR", "GB", "FR", "SE"]
BASES = ["Federal Law 149-FZ art 15.1", "Criminal Code art 282", "Law 34/2002 art 35",
         "Measures art 15 (spreading rumours, disturbing public order)", "18 U.S.C. 2703(d)",
         "StPO § 100g", "Federal Law No. 398-FZ"]
LETTER = ("Dear Sir or Madam,\n\nIn accordance with {basis}, we request that you {verb} the "
          "following material, which contains information prohibited in {country}:\n\n{targets}"
          "\n\nPlease inform us within {hours} hours of the measures taken. Failure to act may "
          "lead to restriction of access to your service.\n\nYours faithfully,\n{authority}\n")


def _maybe(rng: random.Random, p: float, value: Any) -> Any:
    return value if rng.random() < p else None


def make_demand(rng: random.Random, i: int) -> dict[str, Any]:
    """One varied, valid demand as a dict."""
    types = rng.sample([t.value for t in DemandType], rng.choice([1, 1, 1, 2]))
    country = rng.choice(COUNTRIES)
    targets = [{"kind": rng.choice([k.value for k in TargetKind]),
                "value": f"https://example.org/u{i}/item{j}", "redacted": rng.random() < 0.05}
               for j in range(rng.choice([1, 1, 2, 3, 8]))]
    start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3000))
    bases = [{"text": rng.choice(BASES)} for _ in range(rng.choice([0, 1, 1, 2]))]
    d: dict[str, Any] = {
        "id": f"bench-{i}",
        "requester": {"country": country, "authority": f"Authority {i % 97}",
                      "authority_kind": rng.choice([k.value for k in AuthorityKind]),
                      "verified": rng.choice([None, True, False])},
        "date": (start + dt.timedelta(days=rng.randrange(60))).isoformat(),
        "demand_types": types,
        "actions": rng.sample([a.value for a in Action], rng.choice([1, 2])),
        "legal_bases": bases,
        "process_type": rng.choice([None, *(p.value for p in ProcessType)]),
        "judicial_authorisation": {"present": rng.choice([None, True, False])},
        "targets": targets,
        "data_categories": rng.sample([c.value for c in DataCategory], rng.choice([0, 1, 2])),
        "time_range": _maybe(rng, 0.5, {"start": start.isoformat(),
                                        "end": (start + dt.timedelta(
                                            days=rng.randrange(400))).isoformat()}),
        "reason_categories": rng.sample([r.value for r in ReasonCategory], rng.choice([0, 1, 2])),
        "stated_purpose": _maybe(rng, 0.6, "Investigation of the offence described below."),
        "offence": _maybe(rng, 0.4, {"text": "fraud", "max_penalty_years": rng.choice([1, 3, 10])}),
        "facts_summary": _maybe(rng, 0.5, "The listed items were published on 3 May."),
        "deadline": _maybe(rng, 0.3, {"text": "24 hours", "hours": 24}),
        "threat_of_sanction": rng.choice([None, True]),
        "emergency_claimed": _maybe(rng, 0.1, True),
        "emergency_justification": _maybe(rng, 0.1, "A person's life is in imminent danger."),
        "confidentiality_requested": _maybe(rng, 0.2, True),
        "treaty_channel": _maybe(rng, 0.3, rng.choice([t.value for t in TreatyChannel])),
        "redress_info": _maybe(rng, 0.2, "Appeal to the court within 3 months."),
        "target_profiles": rng.sample([p.value for p in TargetProfile], rng.choice([0, 0, 1])),
    }
    if rng.random() < 0.5:  # a letter read by intake: raw text and provenance
        lines = "\n".join(t["value"] for t in targets)
        text = LETTER.format(basis=bases[0]["text"] if bases else "the law", verb="remove",
                             country=country, targets=lines, hours=24,
                             authority=d["requester"]["authority"])
        d["raw_text"] = text
        prov = {}
        for j, t in enumerate(targets):
            pos = text.find(t["value"])
            prov[f"targets[{j}]"] = [{"start": pos, "end": pos + len(t["value"])}]
        d["provenance"] = prov
    return d


def generate(n: int, seed: int) -> list[bytes]:
    """``n`` demands as JSON documents."""
    rng = random.Random(seed)
    docs = [json.dumps(make_demand(rng, i)).encode() for i in range(n)]
    for doc in docs[:50]:
        Demand.model_validate_json(doc)  # every generated demand is valid
    return docs


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="number of demands")
    parser.add_argument("--quick", action="store_true", help="5,000 demands")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--profile", action="store_true", help="cProfile the review loop")
    args = parser.parse_args(argv)
    n = 5_000 if args.quick else args.n
    docs = generate(n, args.seed)
    policy, reference = load_policy(), load_reference()
    review(Demand.model_validate_json(docs[0]), policy, reference)  # warm the tables
    validate = Demand.model_validate_json

    def floor() -> float:
        t0 = time.perf_counter()
        for doc in docs:
            validate(doc)
        return time.perf_counter() - t0

    def full() -> float:
        t0 = time.perf_counter()
        for doc in docs:
            d = validate(doc)
            review(d, policy, reference, d.date)
        return time.perf_counter() - t0

    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        full()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return 0
    gc.collect()
    t_floor = min(floor() for _ in range(2))
    gc.collect()
    t_full = min(full() for _ in range(2))
    ratio = t_full / t_floor
    print(f"demands:              {n:,}")
    print(f"floor (parse+validate): {n / t_floor:>10,.0f} demands/s")
    print(f"parse+validate+review:  {n / t_full:>10,.0f} demands/s")
    print(f"ratio review/floor:     {ratio:>10.2f}x  (aim: <= 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
