"""Fixtures for intake tests: files generated in the test, no committed binaries."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

LETTER = (
    "Dear Sir or Madam,\n\n"
    "On behalf of the Cyber Security and Technology Crime Bureau of the Hong Kong Police "
    "Force we request the removal of the fake webpages below, contrary to Section 71 of the "
    "Crimes Ordinance, Cap. 200.\n\n"
    "1. https://example-fake.github.io/leave/\n"
    "2. https://github.com/someone/fake-app\n\n"
    "Best Regards,\n\nCyber Security and Technology Crime Bureau\n"
)


def make_pdf(text: str | None, pages: int = 1) -> bytes:
    """A PDF made with fpdf2: ``text`` on each page, or only a drawing (no text layer)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        if text is None:
            pdf.rect(20, 20, 100, 60, style="F")
        else:
            pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


@pytest.fixture
def pdf_maker() -> object:
    """The :func:`make_pdf` function, for tests that need their own PDF."""
    return make_pdf


@pytest.fixture
def letter_text() -> str:
    """The text of the sample letter used in generated files."""
    return LETTER


@pytest.fixture
def letter_pdf(tmp_path: Path) -> Path:
    """A one-page PDF letter with a text layer."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(make_pdf(LETTER))
    return path


@pytest.fixture
def scanned_pdf(tmp_path: Path) -> Path:
    """A PDF page without a text layer (as a scan would be)."""
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(None))
    return path


@pytest.fixture
def eml_with_pdf(tmp_path: Path) -> Path:
    """An e-mail whose body is short and whose PDF attachment holds the letter."""
    msg = EmailMessage()
    msg["From"] = "cstcb@police.gov.hk"
    msg["To"] = "legal@example.com"
    msg["Subject"] = "Request for removal"
    msg["Date"] = "Wed, 29 Dec 2021 10:00:00 +0800"
    msg.set_content("Please find our request attached.\n\nBest Regards,\nCSTCB\n")
    msg.add_attachment(make_pdf(LETTER), maintype="application", subtype="pdf",
                       filename="request.pdf")
    path = tmp_path / "request.eml"
    path.write_bytes(bytes(msg))
    return path
