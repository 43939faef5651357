"""The hash chain as pure functions, and the documented event types."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.audit.chain import GENESIS, HASHED_FIELDS, canonical_json, event_hash
from scrutiny.audit.events import EventType, TargetType, jsonable
from scrutiny.audit.verify import verify_events

DOCS = Path(__file__).resolve().parents[2] / "docs" / "audit.md"


def _event(seq: int, prev: str, **kw: object) -> dict[str, object]:
    content: dict[str, object] = {
        "seq": seq, "at": "2026-03-02T09:00:00.000000Z", "type": "case.imported",
        "actor": "ivy", "target_type": "case", "target_id": str(seq), "case_id": seq,
        "before": None, "after": {"state": "received", "n": [1, 2.5, "ü"]}, "reason": None}
    content.update(kw)
    content["prev_hash"] = prev
    content["hash"] = event_hash(prev, content)
    return content


def _chain(n: int) -> list[dict[str, object]]:
    out, prev = [], GENESIS
    for i in range(1, n + 1):
        ev = _event(i, prev)
        out.append(ev)
        prev = str(ev["hash"])
    return out


def test_canonical_json_is_order_independent() -> None:
    assert canonical_json({"b": 1, "a": [1, {"y": 2, "x": 1}]}) == \
        canonical_json({"a": [1, {"x": 1, "y": 2}], "b": 1})
    assert canonical_json({"k": "ü"}) == '{"k":"ü"}'
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


def test_hash_commits_to_every_field_and_the_previous_hash() -> None:
    base = _event(1, GENESIS)
    for name in HASHED_FIELDS:
        changed = dict(base)
        changed[name] = "other" if name != "seq" else 2
        assert event_hash(GENESIS, changed) != base["hash"], name
    assert event_hash("1" * 64, base) != base["hash"]
    with pytest.raises(ValueError, match="lacks"):
        event_hash(GENESIS, {"seq": 1})


def test_verify_events_finds_the_first_problem() -> None:
    chain = _chain(6)
    assert verify_events(chain, head={"seq": 6, "hash": chain[-1]["hash"]}).ok
    swapped = [chain[0], chain[2], chain[1], *chain[3:]]
    assert verify_events(swapped).problem.seq == 2  # type: ignore[union-attr]
    assert verify_events(chain[:3] + chain[4:]).problem.seq == 4  # type: ignore[union-attr]
    assert verify_events(chain, head={"seq": 7, "hash": "f" * 64}).problem.kind == "head"  # type: ignore[union-attr]
    cps = {3: str(chain[2]["hash"]), 9: "a" * 64}
    assert verify_events(chain, checkpoints=cps).problem.seq == 9  # type: ignore[union-attr]


def test_jsonable_is_json_native() -> None:
    import datetime as dt

    value = jsonable({"when": dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC),
                      "day": dt.date(2026, 1, 2), "kind": TargetType.CASE, "t": (1, 2)})
    assert value == {"when": "2026-01-01T12:00:00+00:00", "day": "2026-01-02",
                     "kind": "case", "t": [1, 2]}
    with pytest.raises(TypeError):
        jsonable(object())


def test_every_event_type_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [e.value for e in EventType if f"`{e.value}`" not in text]
    assert not missing, f"document these event types in docs/audit.md: {missing}"
