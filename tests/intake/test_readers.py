"""Readers and limits: text, Markdown, HTML, PDF, e-mail with a PDF attachment; bad input."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from scrutiny.errors import InputError, LimitError, UnsupportedInput
from scrutiny.intake import read_document, read_letter
from scrutiny.intake.limits import Limits


def test_text_file_is_kept_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    raw = "Line one\r\n\r\n  Line two with  spaces\n"
    path.write_bytes(raw.encode("utf-8"))
    doc = read_document(path)
    assert doc.text == raw.replace("\r\n", "\r\n")
    assert doc.parts[0].name == "body"


def test_cp1251_markdown(tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    text = "С уважением, Роскомнадзор. Требуем удалить информацию по адресу https://x.example/a"
    path.write_bytes(text.encode("cp1251"))
    assert read_document(path).text == text


def test_html_visible_text_with_paragraphs_and_links(tmp_path: Path) -> None:
    path = tmp_path / "letter.html"
    path.write_text(
        "<html><head><title>t</title><style>p{}</style></head><body>"
        "<p>Please remove <a href='https://github.com/a/b'>this repository</a>.</p>"
        "<script>alert(1)</script><p>Best regards</p></body></html>",
        encoding="utf-8",
    )
    text = read_document(path).text
    assert "alert" not in text
    assert "https://github.com/a/b" in text
    assert "Please remove" in text and "\n" in text


def test_pdf_text_layer(letter_pdf: Path) -> None:
    doc = read_document(letter_pdf)
    assert "Section 71 of the" in doc.text
    assert doc.media_type == "application/pdf"


def test_pdf_without_text_layer_suggests_ocr(scanned_pdf: Path) -> None:
    with pytest.raises(UnsupportedInput) as info:
        read_document(scanned_pdf)
    assert "no text layer" in str(info.value)
    assert "OCR" in str(info.value)
    assert str(scanned_pdf) in str(info.value)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf body\n")
    with pytest.raises(UnsupportedInput) as info:
        read_document(path)
    assert "broken.pdf" in str(info.value)


def test_pdf_page_limit(tmp_path: Path, pdf_maker: Any) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_maker("page text", pages=4))
    with pytest.raises(LimitError, match="4 pages"):
        read_document(path, Limits(max_pdf_pages=3))


def test_eml_with_pdf_attachment(eml_with_pdf: Path) -> None:
    doc = read_document(eml_with_pdf)
    names = [p.name for p in doc.parts]
    assert "headers" in names and "body" in names
    assert "attachment:request.pdf" in names
    assert "Crimes Ordinance" in doc.text
    assert doc.metadata["subject"] == "Request for removal"
    demand = read_letter(eml_with_pdf)
    assert demand.channel is not None and demand.channel.value == "email"
    assert demand.date is not None and demand.date.isoformat() == "2021-12-29"
    assert any(b.instrument == "HK Crimes Ordinance (Cap. 200)" and b.provision == "s 71"
               for b in demand.legal_bases)
    assert demand.raw_text == doc.text


def test_deeply_nested_email_is_refused(tmp_path: Path) -> None:
    inner = EmailMessage()
    inner["Subject"] = "level 0"
    inner.set_content("innermost text")
    for level in range(1, 9):
        outer = EmailMessage()
        outer["Subject"] = f"level {level}"
        outer.set_content(f"wrapper {level}")
        outer.add_attachment(inner)
        inner = outer
    path = tmp_path / "nested.eml"
    path.write_bytes(bytes(inner))
    with pytest.raises(LimitError, match="nested"):
        read_document(path, Limits(max_email_depth=4))


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_document(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"   \n\n\t ")
    with pytest.raises(InputError):
        read_document(path)


def test_junk_bytes(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(UnsupportedInput, match="binary"):
        read_document(path)


def test_size_limit_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    with path.open("wb") as fh:
        fh.seek(2_000_000)
        fh.write(b"\0")
    with pytest.raises(LimitError) as info:
        read_document(path, Limits(max_file_bytes=1_000_000))
    assert "1000000-byte limit" in str(info.value)


def test_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "letter.odt"
    path.write_bytes(b"PK\x03\x04 not a letter")
    with pytest.raises(UnsupportedInput, match="unknown kind"):
        read_document(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_letter_text_read_from_pdf_matches(letter_pdf: Path, letter_text: str) -> None:
    text = read_document(letter_pdf).text
    assert "https://github.com/someone/fake-app" in text
    assert text.split()[:3] == letter_text.split()[:3]


def test_text_length_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 400, encoding="utf-8")
    with pytest.raises(LimitError, match="character limit"):
        read_document(path, Limits(max_text_chars=1000))


def test_time_budget_is_enforced(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Please remove https://github.com/a/b within 24 hours.", encoding="utf-8")
    with pytest.raises(LimitError, match="longer than"):
        read_letter(path, Limits(seconds=0.0))
