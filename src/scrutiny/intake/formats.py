"""The letter formats intake reads: file suffix → reader kind (no heavy imports)."""

from __future__ import annotations

__all__ = ["LETTER_SUFFIXES"]

LETTER_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".eml": "email",
    ".msg.txt": "text",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}
"""File suffixes intake reads, and the reader each one goes to."""
