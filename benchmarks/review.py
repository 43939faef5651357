"""Benchmark the review engine against a floor measured in the same run.

Generates N varied, valid demands (seeded), serialised as JSON: 60% as the intake produces
them from letters (the bilingual letter as ``raw_text``, ~3-6 KB, and provenance spans for
every extracted field), 40% as structured submissions (API, portal). The floor is parsing and
validating that JSON (``Demand.model_validate_json``); the measured job is parsing,
validating and reviewing each demand. Prints demands/second for both and the ratio (aim:
review at most 3x the floor).

    .venv/bin/python benchmarks/review.py            # 100,000 demands
    .venv/bin/python benchmarks/review.py --quick    # 5,000 demands (smoke test)
    .venv/bin/python benchmarks/review.py --profile  # cProfile of the review loop
    .venv/bin/python benchmarks/review.py --accuracy ../shared/corpus/demands-dev/takedowns
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
LETTER = (
    "{authority}\nRef. No {ref}\n\nTo: the hosting provider\n\nDear Sir or Madam,\n\n"
    "In accordance with {basis}, we notify you that the information published at the addresses "
    "listed below has been found to contain material prohibited for distribution in {country}. "
    "{description}\n\nThe material is located at:\n\n{targets}\n\n"
    "You are required to {verb} the material within {hours} hours of receiving this notice. "
    "If the hosting provider and the owner of the resource fail to take these measures, access "
    "to the resource and its network addresses will be restricted on the territory of "
    "{country}.\n\nThe decision may be appealed to a court within three months from the date "
    "it was taken. Information on the register is available around the clock on our website."
    "\n\nYours faithfully,\n{official}\n{authority}\n"
)
DESCRIPTIONS = [
    "The page describes methods of committing suicide and calls on readers to do so.",
    "The site offers online gambling, accepting bets and paying out winnings without a licence.",
    "The repository distributes software for circumventing access restrictions to blocked "
    "resources, including lists of proxy servers and instructions for their use.",
    "The article contains calls for actions aimed at violating the territorial integrity of the "
    "state and signs of propaganda of an organisation recognised as extremist.",
    "The account was used on 3 May to send messages demanding payment under threat of "
    "publishing the victim's personal data; the investigation concerns extortion.",
]


def _spans(text: str, needle: str) -> list[dict[str, int]]:
    out = []
    start = text.find(needle)
    while start >= 0 and len(out) < 8:
        out.append({"start": start, "end": start + len(needle)})
        start = text.find(needle, start + 1)
    return out


def _letter(rng: random.Random, d: dict[str, Any], i: int) -> None:
    """Add raw_text and provenance as intake produces them (a bilingual letter, ~3-6 KB)."""
    basis = d["legal_bases"][0]["text"] if d["legal_bases"] else "the applicable law"
    targets = "\n".join(t["value"] for t in d["targets"])
    part = LETTER.format(authority=d["requester"]["authority"], ref=f"{i}-РИ/{i % 1000}",
                         basis=basis, country=d["requester"]["country"],
                         description=rng.choice(DESCRIPTIONS), targets=targets, verb="remove",
                         hours=24, official=f"Head of Department {i % 31}")
    text = part + "\n---\n" + part.replace("Dear Sir or Madam", "Уважаемые господа") * 2
    d["raw_text"] = text
    prov: dict[str, list[dict[str, int]]] = {}
    prov["requester.authority"] = _spans(text, d["requester"]["authority"])
    prov["requester.country"] = _spans(text, d["requester"]["country"])
    for j, b in enumerate(d["legal_bases"]):
        prov[f"legal_bases[{j}]"] = _spans(text, b["text"]) or _spans(text, "In accordance")
    for j, t in enumerate(d["targets"]):
        prov[f"targets[{j}]"] = _spans(text, t["value"])
    prov["deadline"] = _spans(text, "within 24 hours")
    prov["threat_of_sanction"] = _spans(text, "access to the resource")
    prov["redress_info"] = _spans(text, "may be appealed to a court")
    prov["stated_purpose"] = _spans(text, "prohibited for distribution")
    for j, _ in enumerate(d["actions"]):
        prov[f"actions[{j}]"] = _spans(text, "remove")
    d["provenance"] = {k: v for k, v in prov.items() if v}


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
    if rng.random() < 0.6:  # a letter read by intake: raw text and provenance
        _letter(rng, d, i)
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
    parser.add_argument("--rounds", type=int, default=3, help="alternating timing rounds")
    parser.add_argument("--sort", default="cumulative",
                        help="--profile: pstats sort key (cumulative, tottime, ncalls…)")
    parser.add_argument("--accuracy", metavar="TAKEDOWNS_DIR",
                        help="instead: read each letter with intake, review it, and compare the "
                             "concerns raised with labels.jsonl in that folder")
    args = parser.parse_args(argv)
    if args.accuracy:
        return accuracy(args.accuracy)
    n = 5_000 if args.quick else args.n
    docs = generate(n, args.seed)
    policy, reference = load_policy(), load_reference()
    review(Demand.model_validate_json(docs[0]), policy, reference)  # warm the tables
    validate = Demand.model_validate_json

    clock = time.process_time  # CPU time of this process: robust on a shared machine

    def floor() -> float:
        t0 = clock()
        for doc in docs:
            validate(doc)
        return clock() - t0

    def full() -> float:
        t0 = clock()
        for doc in docs:
            d = validate(doc)
            review(d, policy, reference, d.date)
        return clock() - t0

    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        full()
        prof.disable()
        pstats.Stats(prof).sort_stats(args.sort).print_stats(30)
        return 0
    t_floor = t_full = float("inf")
    for _ in range(args.rounds):  # alternate, keep the best of each
        gc.collect()
        t_floor = min(t_floor, floor())
        gc.collect()
        t_full = min(t_full, full())
    ratio = t_full / t_floor
    print(f"demands:                {n:,} (CPU time, best of {args.rounds} rounds)")
    print(f"floor (parse+validate): {n / t_floor:>10,.0f} demands/s")
    print(f"parse+validate+review:  {n / t_full:>10,.0f} demands/s")
    print(f"ratio review/floor:     {ratio:>10.2f}x  (aim: <= 3x)")
    return 0


def accuracy(folder: str) -> int:
    """Per-label precision and recall of review concerns against a labelled letter folder."""
    from pathlib import Path

    from scrutiny.intake import read_letter
    from scrutiny.safeguards.concerns import CONCERN_CODES, concern_labels

    root = Path(folder)
    labels = [json.loads(line) for line in (root / "labels.jsonl").read_text().splitlines()
              if line.strip()]
    policy, reference = load_policy(), load_reference()
    tp = dict.fromkeys(CONCERN_CODES, 0)
    fp = dict.fromkeys(CONCERN_CODES, 0)
    fn = dict.fromkeys(CONCERN_CODES, 0)
    exact = 0
    for row in labels:
        demand = read_letter(root / row["file"])
        got = set(concern_labels(review(demand, policy, reference, demand.date)))
        want = set(row["gni_concerns"]) - {"none"}
        exact += got == want
        for label in CONCERN_CODES:
            tp[label] += label in got and label in want
            fp[label] += label in got and label not in want
            fn[label] += label not in got and label in want
    print(f"letters: {len(labels)}  exact concern set: {exact}/{len(labels)}")
    print(f"{'concern':30} {'precision':>9} {'recall':>7}  (tp/fp/fn)")
    for label in CONCERN_CODES:
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else float("nan")
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else float("nan")
        print(f"{label:30} {p:9.2f} {r:7.2f}  ({tp[label]}/{fp[label]}/{fn[label]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
