"""Readers: each format, and the errors for unreadable input."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.errors import InputError, LimitError, UnsupportedInput
from scrutiny.instruments import load_document
from scrutiny.instruments.readers import read_source

TEXT = "Article 1\nScope\n1. Each Party shall act.\n2. Each Party may reserve.\n"


def _ids(path: Path) -> list[str]:
    return [p.id for p in load_document(path).provisions()]


def test_txt_keeps_the_original(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    src = read_source(path)
    assert src.text == TEXT and src.format == "txt"
    assert _ids(path) == ["art 1"]


def test_md(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Convention\n\n## Article 1\nScope\n1. Each Party shall act.\n",
                    encoding="utf-8")
    doc = load_document(path)
    assert doc.source_format == "md" and [p.id for p in doc.provisions()] == ["art 1"]


def test_html(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<html><head><style>p{}</style></head><body><h2>Article 1</h2><p>Scope</p>"
                    "<p>1. Each Party shall act.</p><script>x()</script></body></html>",
                    encoding="utf-8")
    doc = load_document(path)
    assert doc.source_format == "html"
    assert doc.get("art 1(1)") is not None
    assert "x()" not in doc.text


def test_docx(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for line in TEXT.splitlines():
        d.add_paragraph(line)
    path = tmp_path / "a.docx"
    d.save(str(path))
    assert _ids(path) == ["art 1"]
    assert load_document(path).get("art 1(2)") is not None


def test_pdf(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in TEXT.splitlines():
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "a.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    assert doc.source_format == "pdf" and doc.get("art 1(2)") is not None


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(UnsupportedInput, match="no text layer"):
        read_source(path)


@pytest.mark.parametrize(("name", "content", "error"), [
    ("bin.txt", b"\x00\x01\x02binary", UnsupportedInput),
    ("a.xlsx", b"PK\x03\x04", UnsupportedInput),
    ("broken.pdf", b"%PDF-1.4 garbage", UnsupportedInput),
    ("broken.docx", b"not a zip", UnsupportedInput),
])
def test_unreadable_files(tmp_path: Path, name: str, content: bytes,
                          error: type[Exception]) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as info:
        read_source(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_source(tmp_path / "nope.txt")


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scrutiny.instruments.readers as readers

    monkeypatch.setattr(readers, "MAX_BYTES", 10)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(LimitError):
        read_source(path)


def test_latin1_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("Article 1\nPréambule et portée générale\n1. Chaque Partie adopte les "
                      "mesures nécessaires à la protection des données.\n").encode("latin-1"))
    assert "Préambule" in read_source(path).text


def test_wrapped_pdf_of_budapest_gives_the_same_findings(tmp_path: Path) -> None:
    """The Budapest text laid out on A4 pages (lines wrapped by the layout) parses to the same
    48 articles and the same findings as the plain text."""
    from fpdf import FPDF
    from instr_helpers import shipped_analysis

    from scrutiny.instruments import analyze
    from scrutiny.instruments.shipped import resolve_shipped

    body = resolve_shipped("bud").path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    table = str.maketrans({"“": '"', "”": '"', "’": "'", "–": "-"})
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in body.splitlines():
        pdf.multi_cell(0, 5, line.translate(table), new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "budapest.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    assert [p.number for p in doc.provisions()] == [str(n) for n in range(1, 49)]
    from_pdf = {(f.provision, f.code) for f in analyze(doc).findings}
    from_text = {(f.provision, f.code)
                 for f in shipped_analysis("budapest-convention-ets185").findings}
    assert from_pdf == from_text
