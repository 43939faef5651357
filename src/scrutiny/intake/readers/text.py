"""Plain text and Markdown letters."""

from __future__ import annotations

from scrutiny.errors import InputError, LimitError
from scrutiny.intake.document import Document, Part
from scrutiny.intake.encoding import decode_bytes
from scrutiny.intake.limits import Limits

__all__ = ["check_text", "read_text_bytes"]


def check_text(text: str, name: str, limits: Limits) -> str:
    """Refuse text that is blank or over ``limits.max_text_chars``.

    Args:
        text: decoded text.
        name: file name for messages.
        limits: the limits.

    Returns:
        ``text`` unchanged.
    """
    if not text.strip():
        raise InputError("the file has no text", location=name, hint="give the letter's text")
    if len(text) > limits.max_text_chars:
        raise LimitError(
            f"text is {len(text)} characters, over the {limits.max_text_chars}-character limit",
            location=name,
            hint="split the letter",
        )
    return text


def read_text_bytes(data: bytes, name: str, limits: Limits) -> Document:
    """Decode a ``.txt``/``.md`` file (encoding detected) into a Document.

    Args:
        data: file bytes.
        name: file name.
        limits: the limits.
    """
    text, encoding = decode_bytes(data, name)
    check_text(text, name, limits)
    media = "text/markdown" if name.lower().endswith((".md", ".markdown")) else "text/plain"
    return Document(text=text, source=name, media_type=media, encoding=encoding,
                    parts=(Part("body", 0, len(text), media),))
