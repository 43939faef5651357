"""The anchored scanner gives exactly what the plain alternation gives, only faster."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.intake.anchored import AnchoredAlternation, fold, leading_anchors
from scrutiny.intake.document import make_view
from scrutiny.intake.lexicon import DATA_DIR, load_lexicon

LEXICONS = sorted(
    p.stem for p in DATA_DIR.glob("*.yaml")
    if p.stem not in {"citations", "countries", "targets", "deadlines", "titles"}
)

# words and phrases lexicon patterns are made of, and glue between them
_PIECES = [
    "remove", "Remove", "removal of", "the ", "access to", " will be blocked", "удалить",
    "Федерального закона", "в течение 24 часов", "within 3 days", "on behalf of",
    "Tel.: ", "e-mail: ", "информации", "信息", "根据《", "》", "自杀", "SAYILI", "sayılı",
    "Kanun", "§ 130", "art. 15.1", "ſ", "İ", "ı", "  ", "\n", "\n\n", ", ", ". ", "in ",
    "on ", "terrorism", "extremist", "similar content", "preserve", "disclose", "user",
    "account", "https://github.com/x", "for users in Russia", "worldwide", "не ", "до ",
]


def _plain(alt: AnchoredAlternation, text: str) -> list[tuple[tuple[int, int], str | None]]:
    pattern = alt._compile(tuple(range(len(alt.branches))))
    return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]


def _fast(alt: AnchoredAlternation, text: str, lowered: str | None = None
          ) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in alt.finditer(text, lowered)]


@pytest.mark.parametrize("name", LEXICONS)
def test_dev_letters_scan_exactly_as_the_plain_alternation(name: str, corpus_dir: Path) -> None:
    alt = load_lexicon(name).alternation
    for path in sorted((corpus_dir / "demands-dev" / "takedowns").glob("*.md"))[:8]:
        view = make_view(path.read_text(encoding="utf-8"))
        assert _fast(alt, view.text, view.lowered) == _plain(alt, view.text)
        assert _fast(alt, path.read_text(encoding="utf-8")) == _plain(
            alt, path.read_text(encoding="utf-8"))


@settings(max_examples=40, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30),
       name=st.sampled_from(LEXICONS), view=st.booleans())
def test_random_texts_scan_exactly_as_the_plain_alternation(
        pieces: list[str], name: str, view: bool) -> None:
    text = "".join(pieces)
    alt = load_lexicon(name).alternation
    if view:
        v = make_view(text)
        assert _fast(alt, v.text, v.lowered) == _plain(alt, v.text)
    else:
        assert _fast(alt, text) == _plain(alt, text)


def test_leading_anchors_cover_optional_words_and_bounded_spaces() -> None:
    assert leading_anchors(r"(?:the\s+)?removal") == (("removal", 0, 0), ("the", 0, 0))
    # "в" alone is too common to anchor; with single spaces the next word stands 2 in
    assert leading_anchors(r"в\s+течение", 1) == (("течение", 2, 2),)
    assert leading_anchors(r"в\s+течение") is None  # unbounded whitespace
    assert leading_anchors(r"(?:\w+\s+){0,3}removal", 1) is None
    assert leading_anchors(r"(?:根据)|(?:《)") == (("《", 0, 0), ("根据", 0, 0))


def test_case_folding_matches_what_the_regex_engine_matches() -> None:
    # re.IGNORECASE equates i/ı and s/ſ; str.lower() does not — anchors are folded alike
    assert fold("sayılı") == fold("SAYILI".lower()) == "sayili"
    alt = AnchoredAlternation([("k", r"\d{4}\s+sayılı\s+kanun")])
    text = "5651 SAYILI KANUN"
    assert re.search(r"\d{4}\s+sayılı\s+kanun", text, re.I)
    assert [m.group() for m in alt.finditer(text)] == [text]


@settings(max_examples=40, deadline=None)
@given(pieces=st.lists(st.sampled_from([*_PIECES, "Head of Department", "начальник отдела",
                                        "signed electronically", "подписано"]),
                       min_size=1, max_size=12))
def test_anchor_filtered_alternation_searches_as_the_whole_one(pieces: list[str]) -> None:
    from scrutiny.intake.anchored import AnchorFiltered

    lexicon = load_lexicon("titles")
    patterns = [p for e in lexicon.entries for p in e.patterns]
    filtered = AnchorFiltered(patterns)
    whole = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    text = "".join(pieces)
    got, want = filtered.search(text), whole.search(text)
    assert (got.span() if got else None) == (want.span() if want else None)


def test_leading_anchors_run_through_single_spaces_optional_letters_and_factored_choices() -> None:
    # 0: every whitespace run of the text is one plain space, so "\s+" is part of the anchor
    assert leading_anchors(r"\bon\s+behalf\s+of", 0) == (("on behalf of", 0, 0),)
    assert leading_anchors(r"ss?\.(?=\s*\d)", 0) == (("s.", 0, 0), ("ss.", 0, 0))
    # the regex parser factors "р" out of (?:россии|рф): the anchors are the whole words
    assert leading_anchors(r"(?:россии|рф)\w*", 0) == (("россии", 0, 0), ("рф", 0, 0))


def test_case_sensitive_literals_must_occur_as_written() -> None:
    from scrutiny.intake.anchored import exact_anchors_of

    act = (r"(?-i:(?P<name>(?:(?!The\b)[A-Z][A-Za-z\-]*\s+(?:(?:and|of|on)\s+)?){1,7}Act))"
           r"\s*,?\s*(?P<year>(?:18|19|20)\d\d)\b")
    assert exact_anchors_of(act) == frozenset({"Act"})
    assert exact_anchors_of(r"remove") is None
    alt = AnchoredAlternation([("a", act), ("b", r"\bcontact\b")])
    for text in ("Please contact us about the act of 2011.",
                 "under the Computer Misuse Act 1990, contact",
                 "COMPUTER MISUSE ACT 1990"):
        assert _fast(alt, text) == _plain(alt, text)
    assert [g for _, g in _fast(alt, "the Computer Misuse Act 1990")] == ["a"]


def test_dotted_capital_i_is_seen_as_the_regex_engine_sees_it() -> None:
    # "İ".lower() is "i" + a combining dot (the text grows), but re.IGNORECASE matches it as "i"
    alt = AnchoredAlternation([("a", r"\bwill\s+be\s+limited\b")])
    for text in ("access wİll be lİmİted", "ACCESS WİLL BE LİMİTED", "access will be limited"):
        assert _fast(alt, text) == _plain(alt, text) != []
