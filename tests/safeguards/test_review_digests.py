"""Speed work changes no review: digests of 600 benchmark demands' reviews are pinned.

``benchmarks/review.py`` generates the demands (seeded; 60% letters with provenance spans).
Each review's ``to_dict()`` is hashed (canonical JSON) and compared with
``tests/safeguards/data/review_digests.json``. A change that is meant to alter reviews bumps
``ENGINE_VERSION`` and rewrites the file::

    SCRUTINY_WRITE_DIGESTS=1 .venv/bin/pytest tests/safeguards/test_review_digests.py
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType

from scrutiny.demands.model import Demand
from scrutiny.policy import Policy, Reference
from scrutiny.safeguards import ENGINE_VERSION, review

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = Path(__file__).resolve().parent / "data" / "review_digests.json"
SEED = 20261130
COUNT = 600


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("review_benchmark",
                                                  ROOT / "benchmarks" / "review.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _digests(policy: Policy, reference: Reference) -> list[str]:
    out = []
    for doc in _benchmark().generate(COUNT, SEED):
        demand = Demand.model_validate_json(doc)
        body = json.dumps(review(demand, policy, reference, demand.date).to_dict(),
                          sort_keys=True, ensure_ascii=False, default=str)
        out.append(hashlib.sha256(body.encode()).hexdigest()[:16])
    return out


def test_reviews_match_the_pinned_digests(policy: Policy, reference: Reference) -> None:
    got = _digests(policy, reference)
    if os.environ.get("SCRUTINY_WRITE_DIGESTS"):
        DIGESTS.parent.mkdir(exist_ok=True)
        DIGESTS.write_text(json.dumps({"engine_version": ENGINE_VERSION, "seed": SEED,
                                       "digests": got}, indent=0) + "\n", encoding="utf-8")
    pinned = json.loads(DIGESTS.read_text(encoding="utf-8"))
    changed = [i for i, (a, b) in enumerate(zip(pinned["digests"], got, strict=True)) if a != b]
    assert not changed, (
        f"{len(changed)} of {COUNT} reviews changed (first: demand bench-{changed[0]}). If "
        "that is intended, bump ENGINE_VERSION and run SCRUTINY_WRITE_DIGESTS=1 .venv/bin/pytest "
        "tests/safeguards/test_review_digests.py")
    assert pinned["engine_version"] == ENGINE_VERSION
