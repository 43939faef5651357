"""Property tests: whatever the text, the parser keeps it intact or says it found no structure."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.errors import InputError
from scrutiny.instruments import analyze, parse_document

_LINES = st.sampled_from([
    "Article 1", "Article 2", "Art. 3", "Title", "Chapter II", "MEASURES", "Part 4", "Preamble",
    "1. Each Party shall adopt measures.", "2. A Party may reserve.", "a) first item;",
    "b) second item:", "(i) roman item;", "(1) A person who publishes false news commits an "
    "offence.", "(a) inline— (i) x; or (ii) y.", "Section 5. Title. – Text: (a) one; (b) two.",
    "12. Heading", "46A. Inserted", "flush-left clause", "", "IN WITNESS WHEREOF signed.",
    "Schedule", "# title: x", "  indented (2) text", "3. a) compound", "– dash bullet",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, min_size=0, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_spans_always_rebuild_the_text(lines: list[str], newline: str) -> None:

    text = newline.join(lines) + newline
    try:
        doc = parse_document(text, name="t")
    except InputError as exc:
        assert "no structure found" in str(exc)
        return
    assert "".join(text[n.span[0]:n.span[1]] for n in doc.nodes) == text
    ids = [n.id for n in doc.walk()]
    assert len(ids) == len(set(ids))
    for node in doc.walk():
        assert node.span[0] <= node.text_span[0] <= node.text_span[1] <= node.span[1]
    analysis = analyze(doc)
    for f in analysis.findings:
        assert doc.slice(f.span) == f.quote
