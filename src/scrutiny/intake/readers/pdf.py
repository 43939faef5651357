"""PDF letters: the text layer, read with pdfplumber.

A PDF without a text layer (a scan) is refused with a message suggesting OCR; a corrupt
PDF is refused as unsupported; page count is bounded by ``Limits.max_pdf_pages``.
"""

from __future__ import annotations

import io
import logging

from scrutiny.errors import LimitError, ScrutinyError, UnsupportedInput
from scrutiny.intake.document import Document, Part
from scrutiny.intake.limits import Budget, Limits, call_with_deadline
from scrutiny.intake.readers.text import check_text

__all__ = ["pdf_text", "read_pdf_bytes"]

for _noisy in ("pdfminer", "pdfplumber"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


def pdf_text(data: bytes, name: str, limits: Limits, budget: Budget) -> str:
    """The text of a PDF's text layer, pages separated by form feeds.

    Args:
        data: the PDF bytes.
        name: file name for messages.
        limits: page limit.
        budget: time budget, checked after each page and enforced during the whole read.

    Raises:
        UnsupportedInput: corrupt PDF, or no text layer (suggests OCR).
        LimitError: too many pages or out of time.
    """
    if not data.lstrip()[:5] == b"%PDF-":
        raise UnsupportedInput("not a PDF file (no %PDF- header)", location=name)
    import pdfplumber

    def read_pages() -> list[str]:
        # not ``with``: closing a PDF whose page tree failed to load walks the tree again
        # (unbounded on the crafted files that made it fail); it is left to the collector
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
        if len(pages) > limits.max_pdf_pages:
            raise LimitError(
                f"PDF has {len(pages)} pages, over the {limits.max_pdf_pages}-page limit",
                location=name,
                hint="extract the pages of the letter itself",
            )
        texts: list[str] = []
        for number, page in enumerate(pages, 1):
            texts.append(page.extract_text() or "")
            page.close()
            budget.check(f"PDF page {number}")
        pdf.close()
        return texts

    try:
        # pdfminer can loop for a long time inside one call on a crafted file (found by
        # fuzzing): the whole read is bounded by the budget, not only between pages
        texts = call_with_deadline(read_pages, budget, "reading the PDF")
    except ScrutinyError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on corrupt input
        raise UnsupportedInput(
            f"cannot read this PDF ({type(exc).__name__})",
            location=name,
            hint="the file may be corrupt; export it again or give the text",
        ) from None
    text = "\n\f".join(t.strip("\n") for t in texts)
    if not text.strip():
        raise UnsupportedInput(
            "the PDF has no text layer (a scanned image?)",
            location=name,
            hint="run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`) and give the result",
        )
    return text + "\n"


def read_pdf_bytes(data: bytes, name: str, limits: Limits, budget: Budget) -> Document:
    """Read a PDF file's text layer into a Document.

    Args:
        data: the PDF bytes.
        name: file name.
        limits: the limits.
        budget: the time budget.
    """
    text = check_text(pdf_text(data, name, limits, budget), name, limits)
    return Document(text=text, source=name, media_type="application/pdf",
                    parts=(Part("body", 0, len(text), "application/pdf"),))
