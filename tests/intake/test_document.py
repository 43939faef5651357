"""The original text is never modified; cleaned views map every offset back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.intake.document import collapse_space, fold_compat, make_view


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Федеральному\n  закону", "Федеральному закону"),
        ("a\t\tb\r\nc", "a b c"),
        ("no change", "no change"),
        ("", ""),
    ],
)
def test_collapse_space(text: str, cleaned: str) -> None:
    out, _ = collapse_space(text)
    assert out == cleaned


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("№ 149-ФЗ", "No 149-ФЗ"),
        ("第三百条，（一）", "第三百条,(一)"),
        ("a\u00a0b", "a b"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold_compat(text: str, cleaned: str) -> None:
    out, _ = fold_compat(text)
    assert out == cleaned


def test_view_maps_spans_back_to_original() -> None:
    original = "Согласно Федеральному\nзакону от 28.12.2013г. № 398-ФЗ，если"
    view = make_view(original)
    i = view.text.index("398-ФЗ")
    s, e = view.to_original(i, i + len("398-ФЗ"))
    assert original[s:e] == "398-ФЗ"
    i = view.text.index("No")
    s, e = view.to_original(i, i + 2)
    assert original[s:e] == "№"
    i = view.text.index("Федеральному закону")
    s, e = view.to_original(i, i + len("Федеральному закону"))
    assert original[s:e] == "Федеральному\nзакону"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_view_offsets_stay_in_bounds_and_monotonic(text: str) -> None:
    view = make_view(text)
    previous = 0
    for i in range(len(view.text) + 1):
        s, e = view.to_original(i, i)
        assert 0 <= s <= len(text)
        assert s >= previous
        previous = s
    if view.text:
        s, e = view.to_original(0, len(view.text))
        assert 0 <= s <= e <= len(text)
