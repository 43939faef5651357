"""``contains_any`` (memoised, line by line for passages) answers as a plain scan would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.safeguards.lexicon import contains_any

WORDS = ["public order", "rumour", "rumor", "Public", "ORDER", "fake news", "\u03a3", "\u0130",
         "общественного порядка", "谣言", "a", " ", "\n", "x" * 40]


def _plain(text: str | None, markers: tuple[str, ...]) -> str | None:
    if not text:
        return None
    low = text.lower()
    return next((m for m in markers if m in low), None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60).map("".join),
       st.lists(st.sampled_from(["public order", "rumour", "rumor", "fake news", "order",
                                 "общественного порядка", "谣言", "\u03c3", "i\u0307"]),
                min_size=1, max_size=5, unique=True).map(tuple))
def test_same_answer_as_a_plain_scan(text: str, markers: tuple[str, ...]) -> None:
    assert contains_any(text, markers) == _plain(text, markers)
    assert contains_any(text, markers) == _plain(text, markers)  # memoised answer too


def test_a_passage_reports_the_earliest_listed_marker_not_the_earliest_line() -> None:
    passage = ("The account spread a rumour about the minister.\n" * 3
               + "It disturbed public order.\n" + "Nothing else here.\n" * 5)
    assert len(passage) >= 160
    assert contains_any(passage, ("public order", "rumour")) == "public order"
    assert contains_any(passage, ("rumour", "public order")) == "rumour"
    assert contains_any(passage, ("fake news",)) is None


def test_a_marker_spanning_lines_is_matched_on_the_whole_text() -> None:
    passage = "public\norder " * 20
    assert contains_any(passage, ("public\norder",)) == "public\norder"
    assert contains_any(passage, ("public order",)) is None
