"""Pure pieces of the web layer: highlight segments, completeness rules, the portal form,
submission rendering, access codes, the rate limiter."""

from __future__ import annotations

import pytest

from scrutiny.api.completeness import load_rules, missing_fields
from scrutiny.api.errors import RateLimited
from scrutiny.api.portal import access_code, case_reference, check_access, parse_reference
from scrutiny.api.ratelimit import RateLimiter
from scrutiny.api.submission import guess_target, with_submission_text
from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import TargetKind
from scrutiny.errors import InputError, NotFoundError
from scrutiny.web.highlight import segments
from scrutiny.web.portal_form import FIELDS, parse_form


@pytest.mark.parametrize(("text", "spans", "expected"), [
    ("abc", {}, [("abc", ())]),
    ("", {"a": [(0, 0)]}, []),
    ("hello world", {"a": [(0, 5)]}, [("hello", ("a",)), (" world", ())]),
    ("hello world", {"a": [(0, 5)], "b": [(3, 8)]},
     [("hel", ("a",)), ("lo", ("a", "b")), (" wo", ("b",)), ("rld", ())]),
    ("abc", {"a": [(1, 99)], "b": [(-5, 1)]}, [("a", ("b",)), ("bc", ("a",))]),
    ("abcd", {"a": [(0, 2), (2, 4)]}, [("abcd", ("a",))]),
])
def test_segments(text: str, spans: dict[str, list[tuple[int, int]]],
                  expected: list[tuple[str, tuple[str, ...]]]) -> None:
    got = segments(text, spans)
    assert [(s.text, s.fields) for s in got] == expected
    assert "".join(s.text for s in got) == text


def test_every_rule_names_a_real_field_and_cites_sources() -> None:
    demand = Demand()
    for rule in load_rules().rules:
        head = rule.field.split(".")[0]
        assert head in Demand.model_fields, rule.field
        assert rule.sources
    assert [p.field for p in missing_fields(demand)][:3] == ["reference", "date",
                                                            "requester.authority"]


def test_conditional_rules() -> None:
    base = Demand(demand_types=["content_restriction"])
    fields = {p.field for p in missing_fields(base)}
    assert "territorial_scope" in fields and "data_categories" not in fields
    assert "time_range.start" not in fields and "emergency_justification" not in fields
    emergency = Demand(demand_types=["emergency_disclosure"], emergency_claimed=True)
    fields = {p.field for p in missing_fields(emergency)}
    assert {"emergency_justification", "data_categories", "offence.max_penalty"} <= fields


def test_every_required_field_has_an_input() -> None:
    names = {f.name for f in FIELDS}
    for rule in load_rules().rules:
        assert rule.field in names, rule.field


def test_parse_form_keeps_values_and_reports_each_field() -> None:
    demand, problems, values = parse_form({
        "reference": ["  R-9 "], "requester.country": ["ZZ"], "demand_types": ["bogus"],
        "time_range.start": ["2026-02-01"], "time_range.end": ["2026-01-01"],
        "targets": ["https://x.example/a\n\nuser42"], "facts_summary": ["x" * 10_001],
    })
    assert demand is None
    assert values["reference"] == "R-9"
    assert "ISO 3166" in problems["requester.country"]
    assert problems["demand_types"].startswith("unknown choice")
    assert problems["time_range.end"] == "time_range.end must not be before time_range.start"
    assert "time_range.start" not in problems
    assert problems["facts_summary"] == "at most 10000 characters"
    assert "targets" not in problems


@pytest.mark.parametrize(("line", "kind", "value"), [
    ("https://github.com/a/b", TargetKind.URL, "https://github.com/a/b"),
    ("github.com/a/b", TargetKind.URL, "github.com/a/b"),
    ("someone@example.org", TargetKind.EMAIL, "someone@example.org"),
    ("203.0.113.7", TargetKind.IP, "203.0.113.7"),
    ("2001:db8::1", TargetKind.IP, "2001:db8::1"),
    ("+49 30 1234567", TargetKind.PHONE, "+49 30 1234567"),
    ("jdoe", TargetKind.ACCOUNT, "jdoe"),
    ("repository: a/b", TargetKind.REPOSITORY, "a/b"),
    ("url: https://x.y/z", TargetKind.URL, "https://x.y/z"),
])
def test_guess_target(line: str, kind: TargetKind, value: str) -> None:
    target = guess_target(line)
    assert (target.kind, target.value) == (kind, value)


def test_submission_text_maps_every_value() -> None:
    demand = Demand.model_validate({
        "reference": "A-1", "requester": {"authority": "Police <b>"},
        "targets": [{"kind": "url", "value": "https://x.y/z"}, {"kind": "account", "value": "a"}],
        "facts_summary": "line one\nline two", "data_categories": ["subscriber", "traffic"],
    })
    rendered = with_submission_text(demand)
    raw = rendered.raw_text or ""
    text = {f: [raw[s.start:s.end] for s in spans] for f, spans in rendered.provenance.items()}
    assert text["reference"] == ["A-1"]
    assert text["requester.authority"] == ["Police <b>"]
    assert text["targets[1]"] == ["a"]
    assert text["facts_summary"] == ["line one", "line two"]
    assert text["data_categories"] == ["subscriber, traffic"]
    letter = Demand(raw_text="original")
    assert with_submission_text(letter) is letter


def test_access_codes() -> None:
    code = access_code("secret", 42)
    assert case_reference(42) == "SCR-000042" and parse_reference("scr-42") == 42
    assert check_access("secret", "SCR-000042", code.lower().replace("-", " ")) == 42
    assert access_code("secret", 43) != code and access_code("other", 42) != code
    with pytest.raises(NotFoundError):
        check_access("secret", "SCR-000043", code)
    with pytest.raises(NotFoundError):
        check_access("secret", "nonsense", code)
    with pytest.raises(InputError):
        parse_reference("42")


def test_rate_limiter_window() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=2, window=10.0, clock=lambda: now[0])
    limiter.hit("a", what="x")
    limiter.hit("a", what="x")
    limiter.hit("b", what="x")
    with pytest.raises(RateLimited) as info:
        limiter.hit("a", what="x")
    assert info.value.details["retry_after"] == 10
    now[0] = 10.5
    limiter.hit("a", what="x")
