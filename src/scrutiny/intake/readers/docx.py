"""Word letters (``.docx``) read with python-docx.

The text is the letterhead (the first section's header), the body in document order —
paragraphs and table rows (cells joined by " | ") — then the footer. A hyperlink whose URL
is not shown in its text gets the URL after it in angle brackets, as in HTML letters. A
``.docx`` is a ZIP archive: before any XML is parsed, the archive is checked to be one and
its members' declared uncompressed size is bounded (a "ZIP bomb" is refused), so memory
stays bounded by the limits.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from scrutiny.errors import LimitError, UnsupportedInput
from scrutiny.intake.document import Document, Part
from scrutiny.intake.limits import Limits
from scrutiny.intake.readers.text import check_text

__all__ = ["docx_to_text", "read_docx_bytes"]

_EXPANSION = 20
"""Most the archive's members may declare uncompressed, as a multiple of the text limit in
characters (XML markup around the text is bulky, but not more than this)."""


def _paragraph_text(paragraph: Any) -> str:
    text: str = paragraph.text
    for link in getattr(paragraph, "hyperlinks", ()):
        url = getattr(link, "url", "") or ""
        if url.startswith(("http://", "https://")) and url.rstrip("/") not in text:
            shown = link.text or ""
            text = text.replace(shown, f"{shown} <{url}>", 1) if shown else f"{text} <{url}>"
    return text.strip()


def _blocks(container: Any) -> Iterator[str]:
    """Paragraphs and table rows of a body, header or footer, in document order."""
    for item in container.iter_inner_content():
        if hasattr(item, "rows"):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(_paragraph_text(p) for p in cell.paragraphs).strip()
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    yield " | ".join(cells)
        else:
            line = _paragraph_text(item)
            if line:
                yield line


def docx_to_text(document: Any) -> str:
    """The text of a python-docx ``Document``: header, body, footer, one block a line."""
    lines: list[str] = []
    sections = list(document.sections)
    if sections:
        lines.extend(_blocks(sections[0].header))
    lines.extend(_blocks(document))
    if sections:
        lines.extend(_blocks(sections[-1].footer))
    return "\n\n".join(lines) + "\n"


def read_docx_bytes(data: bytes, name: str, limits: Limits) -> Document:
    """Read a ``.docx`` file.

    Args:
        data: file bytes.
        name: file name.
        limits: the limits.

    Raises:
        UnsupportedInput: not a Word document (not a ZIP, no ``word/document.xml``, corrupt).
        LimitError: the archive declares more uncompressed data than the limits allow.
        InputError: the document has no text.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            declared = sum(m.file_size for m in members)
    except Exception:  # BadZipFile, NotImplementedError (unknown ZIP version), …: untrusted input
        raise UnsupportedInput("not a Word document (the .docx is not a valid ZIP archive)",
                               location=name, hint="save the letter again as .docx, or as "
                               "PDF or text") from None
    if "word/document.xml" not in names:
        raise UnsupportedInput("not a Word document (no word/document.xml)", location=name,
                               hint="save the letter again as .docx, or as PDF or text")
    if declared > limits.max_text_chars * _EXPANSION:
        raise LimitError(f"the .docx declares {declared} bytes uncompressed, over the "
                         f"{limits.max_text_chars * _EXPANSION}-byte limit", location=name,
                         hint="split the letter or save it as PDF or text")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        text = docx_to_text(document)
    except Exception as exc:  # any failure to parse untrusted input means a corrupt file
        raise UnsupportedInput(f"corrupt Word document ({type(exc).__name__})",
                               location=name, hint="save the letter again as .docx, or as "
                               "PDF or text") from None
    text = check_text(text, name, limits)
    return Document(text=text, source=name,
                    media_type="application/vnd.openxmlformats-officedocument."
                               "wordprocessingml.document",
                    parts=(Part("body", 0, len(text), "text/plain"),))
