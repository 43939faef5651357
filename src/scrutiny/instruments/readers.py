"""Readers: turn a file (.txt, .md, .pdf, .html, .docx) into the text Scrutiny analyses.

For plain text and Markdown the text is the file, decoded, unmodified. For PDF, HTML and
DOCX the "original" is the text layer the reader extracts (pdfplumber, BeautifulSoup,
python-docx): every offset in the analysis refers to that extracted text, which the JSON
output carries. Readers never clean or rewrite the text they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scrutiny.errors import InputError, LimitError, UnsupportedInput

__all__ = ["MAX_BYTES", "SUFFIXES", "SourceText", "read_source"]

MAX_BYTES = 20 * 1024 * 1024
"""Largest instrument file accepted (20 MB)."""

SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm", ".docx")


@dataclass(frozen=True, slots=True)
class SourceText:
    """The text of one file and how it was obtained."""

    text: str
    path: Path
    format: str


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096]:
        raise UnsupportedInput("binary file, not text", location=str(path),
                               hint="give a .txt, .md, .pdf, .html or .docx file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise UnsupportedInput("cannot detect the text encoding", location=str(path),
                                   hint="save the file as UTF-8") from None
        return str(best)


def _read_pdf(path: Path) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many types for broken files
        raise UnsupportedInput(f"cannot read the PDF ({type(exc).__name__})",
                               location=str(path), hint="check that the file is a valid PDF"
                               ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise UnsupportedInput("the PDF has no text layer", location=str(path),
                               hint="run OCR on it first (e.g. ocrmypdf) or give the text")
    return text + "\n"


_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section",
           "article", "blockquote", "pre", "dt", "dd", "table")


def _read_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path.read_bytes(), path), "html.parser")
    for tag in soup(["script", "style", "head", "nav", "noscript"]):
        tag.decompose()
    lines: list[str] = []
    for block in soup.find_all(_BLOCKS):
        if block.find(_BLOCKS):
            continue  # only innermost blocks, so no text is emitted twice
        line = " ".join(block.get_text(" ").split())
        if line:
            lines.append(line)
    if not lines:
        text = " ".join(soup.get_text(" ").split())
        lines = [text] if text else []
    if not lines:
        raise UnsupportedInput("the HTML page has no text", location=str(path))
    return "\n".join(lines) + "\n"


def _read_docx(path: Path) -> str:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise UnsupportedInput(f"cannot read the DOCX file ({type(exc).__name__})",
                               location=str(path), hint="check that it is a Word .docx file"
                               ) from None
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    if not lines:
        raise UnsupportedInput("the DOCX file has no text", location=str(path))
    return "\n".join(lines) + "\n"


def read_source(path: Path) -> SourceText:
    """Read one instrument file.

    Args:
        path: a .txt, .md, .pdf, .html/.htm or .docx file.

    Returns:
        The text and the format it came from.

    Raises:
        InputError: the file does not exist or cannot be read.
        LimitError: the file is larger than :data:`MAX_BYTES`.
        UnsupportedInput: unknown format, binary data, or no text layer.
    """
    if not path.exists():
        raise InputError("file not found", location=str(path),
                         hint="give a file path or a shipped name with --instrument")
    if path.is_dir():
        raise InputError("is a folder, not a file", location=str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LimitError(f"file is {size} bytes, over the {MAX_BYTES}-byte limit",
                         location=str(path))
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            return SourceText(_read_pdf(path), path, "pdf")
        if suffix in (".html", ".htm"):
            return SourceText(_read_html(path), path, "html")
        if suffix == ".docx":
            return SourceText(_read_docx(path), path, "docx")
        if suffix in (".txt", ".md", ".markdown", ""):
            fmt = "md" if suffix in (".md", ".markdown") else "txt"
            return SourceText(_decode(path.read_bytes(), path), path, fmt)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), location=str(path)) from None
    raise UnsupportedInput(f"unsupported file type {suffix!r}", location=str(path),
                           hint="give a .txt, .md, .pdf, .html or .docx file")
