"""Fuzzing the readers and extractors: no exception other than a ScrutinyError escapes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny.errors import ScrutinyError
from scrutiny.intake import extract
from scrutiny.intake.limits import Limits
from scrutiny.intake.readers import read_bytes

WORDS = ["https://github.com/a/b", "[private]", "статьи 15.1", "Федерального закона", "№ 149-ФЗ",
         "第三百条", "《刑法》", "Article", "of the", "Criminal Law", "§", "StGB", "within", "24",
         "hours", "в течение суток", "remove", "block", "account", "\n", "\n\n", " ", ",", ".",
         "Best regards", "Tel: +7 495 000-00-00", "user@example.com", "10.0.0.1", "sayılı",
         "Kanun'un", "maddesi", "Ley 34/2002", "(", ")", "«", "»", "Cap. 200", "Ordinance"]

letters = st.lists(st.sampled_from(WORDS) | st.text(max_size=20), max_size=60).map("".join)
SMALL = Limits(max_file_bytes=200_000, max_text_chars=100_000, seconds=10.0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letters)
def test_extract_never_raises_and_keeps_text(text: str) -> None:
    demand = extract(text)
    assert demand.raw_text == text
    for spans in demand.provenance.values():
        for span in spans:
            assert span.end <= len(text)


@pytest.mark.parametrize("name", ["x.txt", "x.html", "x.eml", "x.pdf", "x.docx"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000))
def test_readers_raise_only_scrutiny_errors(name: str, data: bytes) -> None:
    try:
        doc = read_bytes(data, name, SMALL)
    except ScrutinyError:
        return
    assert doc.text.strip()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letters)
def test_email_with_fuzzed_body(body: str) -> None:
    raw = ("From: a@b.c\nSubject: x\nContent-Type: text/plain; charset=utf-8\n\n" + body).encode()
    try:
        doc = read_bytes(raw, "m.eml", SMALL)
    except ScrutinyError:
        return
    extract(doc.text)


def _docx_bytes() -> bytes:
    import io

    import docx

    doc = docx.Document()
    doc.add_paragraph("Please remove the content at https://example.org/page within 24 hours.")
    doc.add_table(rows=1, cols=2).cell(0, 1).text = "https://example.org/other"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


_DOCX = _docx_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_DOCX) - 1), st.integers(0, 255)),
                min_size=1, max_size=20))
def test_mutated_docx_raises_only_scrutiny_errors(flips: list[tuple[int, int]]) -> None:
    data = bytearray(_DOCX)
    for pos, value in flips:
        data[pos] = value
    try:
        doc = read_bytes(bytes(data), "x.docx", SMALL)
    except ScrutinyError:
        return
    assert doc.text.strip()
