"""Readers: files of each supported kind into a :class:`~scrutiny.intake.document.Document`.

:func:`read_document` picks the reader from the file's suffix, checks the size limit
before reading, and turns every failure into an :class:`~scrutiny.errors.InputError`
(``input.invalid``), :class:`~scrutiny.errors.UnsupportedInput` (``input.unsupported``) or
:class:`~scrutiny.errors.LimitError` (``input.too_large``) naming the file.
"""

from __future__ import annotations

from pathlib import Path

from scrutiny.errors import InputError, UnsupportedInput
from scrutiny.intake.document import Document
from scrutiny.intake.formats import LETTER_SUFFIXES
from scrutiny.intake.limits import DEFAULT_LIMITS, Budget, Limits
from scrutiny.intake.readers.docx import read_docx_bytes
from scrutiny.intake.readers.email import read_email_bytes
from scrutiny.intake.readers.html import read_html_bytes
from scrutiny.intake.readers.pdf import read_pdf_bytes
from scrutiny.intake.readers.text import read_text_bytes

__all__ = [
    "LETTER_SUFFIXES",
    "read_bytes",
    "read_document",
]

def _kind(name: str) -> str | None:
    lower = name.lower()
    for suffix, kind in LETTER_SUFFIXES.items():
        if lower.endswith(suffix):
            return kind
    return None


def read_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS,
               budget: Budget | None = None, kind: str | None = None) -> Document:
    """Read a letter given as bytes (an upload, an attachment).

    Args:
        data: the file's bytes.
        name: its file name (the suffix chooses the reader unless ``kind`` is given).
        limits: the limits to apply.
        budget: the time budget shared with extraction, if any.
        kind: ``text``, ``email``, ``pdf``, ``html`` or ``docx`` to override the suffix.

    Raises:
        InputError: empty file.
        UnsupportedInput: unknown kind, binary junk, PDF without text layer, corrupt file.
        LimitError: over a limit.
    """
    budget = budget or Budget(limits.seconds, name)
    kind = kind or _kind(name)
    if kind is None:
        if data[:5] == b"%PDF-":
            kind = "pdf"
        else:
            raise UnsupportedInput(
                "unknown kind of file",
                location=name,
                hint="intake reads " + ", ".join(sorted(set(LETTER_SUFFIXES))),
            )
    if not data.strip():
        raise InputError("the file is empty", location=name, hint="give the letter's text")
    if len(data) > limits.max_file_bytes:
        from scrutiny.errors import LimitError

        raise LimitError(
            f"file is {len(data)} bytes, over the {limits.max_file_bytes}-byte limit",
            location=name,
        )
    if kind == "pdf":
        return read_pdf_bytes(data, name, limits, budget)
    if kind == "email":
        return read_email_bytes(data, name, limits, budget)
    if kind == "html":
        return read_html_bytes(data, name, limits)
    if kind == "docx":
        return read_docx_bytes(data, name, limits)
    return read_text_bytes(data, name, limits)


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS,
                  budget: Budget | None = None) -> Document:
    """Read a letter file.

    The size is checked with ``stat`` before anything is read.

    Args:
        path: the file.
        limits: the limits to apply.
        budget: the time budget shared with extraction, if any.

    Raises:
        InputError: missing, unreadable or empty file.
        UnsupportedInput: unknown kind, binary junk, PDF without text layer, corrupt file.
        LimitError: over a limit.
    """
    from scrutiny.errors import LimitError

    name = str(path)
    try:
        if path.is_dir():
            raise InputError("is a folder, not a letter", location=name,
                             hint="give the letter files, e.g. folder/*.txt")
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", location=name) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), location=name) from None
    if size > limits.max_file_bytes:
        raise LimitError(
            f"file is {size} bytes, over the {limits.max_file_bytes}-byte limit",
            location=name,
            hint="split the letter or extract the relevant pages",
        )
    if size == 0:
        raise InputError("the file is empty", location=name, hint="give the letter's text")
    if _kind(name) is None:
        with path.open("rb") as fh:
            head = fh.read(5)
        if head != b"%PDF-":
            raise UnsupportedInput(
                f"unknown kind of file {path.suffix or '(no suffix)'!r}",
                location=name,
                hint="intake reads " + ", ".join(sorted(set(LETTER_SUFFIXES))),
            )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), location=name) from None
    return read_bytes(data, name, limits, budget)
