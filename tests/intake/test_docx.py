"""Word (.docx) letters: text in document order with letterhead, tables and links; an e-mail
with a .docx attachment; corrupt files and ZIP bombs refused with one-line errors."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from scrutiny.errors import InputError, LimitError, UnsupportedInput
from scrutiny.intake import read_document, read_letter
from scrutiny.intake.limits import Limits


def _add_link(paragraph: docx.text.paragraph.Paragraph, url: str, shown: str) -> None:
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def _letter_bytes() -> bytes:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Federal Service for Supervision of Communications"
    doc.add_paragraph("Ref. No. 04-12/3456")
    doc.add_paragraph("Please remove the information at the following links within 24 hours:")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "1"
    table.cell(0, 1).text = "https://github.com/example/repo"
    table.cell(1, 0).text = "2"
    table.cell(1, 1).text = "https://example.org/page"
    p = doc.add_paragraph("The register can be consulted ")
    _add_link(p, "https://eais.rkn.gov.ru/", "here")
    doc.add_paragraph("Best regards,")
    doc.add_paragraph("Deputy Head of Department")
    doc.sections[0].footer.paragraphs[0].text = "Moscow, Kitaygorodsky proezd 7"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_text_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    path.write_bytes(_letter_bytes())
    doc = read_document(path)
    text = doc.text
    order = ["Federal Service", "Ref. No. 04-12/3456", "Please remove",
             "1 | https://github.com/example/repo", "2 | https://example.org/page",
             "here <https://eais.rkn.gov.ru/>", "Best regards", "Deputy Head", "Moscow"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert doc.media_type.endswith("wordprocessingml.document")


def test_docx_letter_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    path.write_bytes(_letter_bytes())
    d = read_letter(path)
    assert d.raw_text is not None
    assert d.reference == "04-12/3456"
    assert d.deadline is not None and d.deadline.hours == 24
    assert {t.value for t in d.targets} >= {"github.com/example/repo", "https://example.org/page"}
    assert d.requester.official_title == "Deputy Head of Department"
    for spans in d.provenance.values():
        assert all(0 <= s.start < s.end <= len(d.raw_text) for s in spans)


def test_email_with_docx_attachment(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "notices@example.gov"
    msg["To"] = "legal@example.com"
    msg["Subject"] = "Notice"
    msg.set_content("Please see the attached notice.")
    msg.add_attachment(_letter_bytes(), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                       filename="notice.docx")
    path = tmp_path / "notice.eml"
    path.write_bytes(bytes(msg))
    text = read_document(path).text
    assert "--- attachment:notice.docx ---" in text
    assert "https://github.com/example/repo" in text


@pytest.mark.parametrize(("payload", "error", "words"), [
    (b"PK\x03\x04 not really a zip archive", UnsupportedInput, "not a valid ZIP"),
    (b"this is plain text with a .docx name", UnsupportedInput, "not a valid ZIP"),
])
def test_corrupt_docx(tmp_path: Path, payload: bytes, error: type[Exception],
                      words: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(payload)
    with pytest.raises(error) as info:
        read_document(path)
    assert words in str(info.value) and "bad.docx" in str(info.value)


def test_zip_without_word_document(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hello")
    path = tmp_path / "other.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(UnsupportedInput, match=r"no word/document\.xml"):
        read_document(path)


def test_broken_document_xml(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_letter_bytes())) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    path = tmp_path / "cut.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(UnsupportedInput, match="corrupt Word document"):
        read_document(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * 3_000_000 + b">")
    path = tmp_path / "bomb.docx"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 100_000
    with pytest.raises(LimitError, match="uncompressed"):
        read_document(path, Limits(max_text_chars=100_000))


def test_docx_without_text(tmp_path: Path) -> None:
    buf = io.BytesIO()
    docx.Document().save(buf)
    path = tmp_path / "empty.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="no text"):
        read_document(path)


def test_zip_of_unknown_version_is_refused(tmp_path: Path) -> None:
    """Found by atheris: zipfile raises NotImplementedError for an unknown ZIP version."""
    data = bytearray(_letter_bytes())
    at = data.index(b"PK\x01\x02")  # first central-directory entry
    data[at + 6:at + 8] = (173).to_bytes(2, "little")  # "version needed to extract" 17.3
    path = tmp_path / "odd.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(UnsupportedInput, match="not a valid ZIP"):
        read_document(path)
