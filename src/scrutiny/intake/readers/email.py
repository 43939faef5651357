"""E-mail letters (``.eml``): headers, body and attachments, nesting bounded.

The Document's text is assembled from the parts in order: the main headers (From, To, Cc,
Date, Subject), the body (``text/plain`` preferred over ``text/html`` in an alternative),
then each readable attachment (text, HTML, PDF, Word .docx, attached e-mails) under a line
naming it.
Each piece is recorded as a :class:`~scrutiny.intake.document.Part`.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from scrutiny.errors import LimitError, ScrutinyError, UnsupportedInput
from scrutiny.intake.document import Document, Part
from scrutiny.intake.encoding import decode_bytes
from scrutiny.intake.limits import Budget, Limits
from scrutiny.intake.readers.docx import read_docx_bytes
from scrutiny.intake.readers.html import html_to_text
from scrutiny.intake.readers.pdf import pdf_text
from scrutiny.intake.readers.text import check_text

__all__ = ["read_email_bytes"]

_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_HEADERS = ("From", "To", "Cc", "Date", "Subject")


class _Assembler:
    def __init__(self, name: str, limits: Limits, budget: Budget) -> None:
        self.name = name
        self.limits = limits
        self.budget = budget
        self.chunks: list[str] = []
        self.parts: list[Part] = []
        self.length = 0
        self.seen = 0

    def add(self, part_name: str, text: str, media: str) -> None:
        text = text.strip("\n")
        if not text.strip():
            return
        if self.chunks:
            self._raw("\n\n")
        start = self.length
        self._raw(text)
        self.parts.append(Part(part_name, start, self.length, media))
        self._raw("\n")

    def _raw(self, s: str) -> None:
        self.chunks.append(s)
        self.length += len(s)
        if self.length > self.limits.max_text_chars:
            raise LimitError(
                f"e-mail text is over the {self.limits.max_text_chars}-character limit",
                location=self.name,
            )

    def headers(self, msg: Message, prefix: str) -> None:
        lines = []
        for key in _HEADERS:
            value = msg.get(key)
            if value:
                lines.append(f"{key}: {' '.join(str(value).split())}")
        if lines:
            self.add(f"{prefix}headers", "\n".join(lines), "text/rfc822-headers")

    def walk(self, msg: Message, depth: int, prefix: str) -> None:
        self.seen += 1
        if self.seen > self.limits.max_email_parts:
            raise LimitError(f"e-mail has more than {self.limits.max_email_parts} parts",
                             location=self.name)
        if depth > self.limits.max_email_depth:
            raise LimitError(
                f"e-mail is nested more than {self.limits.max_email_depth} levels deep",
                location=self.name,
                hint="forward the innermost message itself",
            )
        self.budget.check("e-mail parts")
        ctype = msg.get_content_type()
        if msg.is_multipart():
            payload_list = msg.get_payload()
            children = [c for c in payload_list if isinstance(c, Message)] \
                if isinstance(payload_list, list) else []
            if ctype == "multipart/alternative":
                plain = [c for c in children if c.get_content_type() == "text/plain"]
                chosen = plain[:1] or children[-1:]
                for child in chosen:
                    self.walk(child, depth + 1, prefix)
                return
            for child in children:
                self.walk(child, depth + 1, prefix)
            return
        if ctype == "message/rfc822":
            inner = msg.get_payload()
            inner_msg = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(inner_msg, Message):
                label = f"{prefix}attached-message{self.seen}:"
                self.headers(inner_msg, label)
                self.walk(inner_msg, depth + 1, label)
            return
        filename = msg.get_filename()
        disposition = (msg.get_content_disposition() or "inline").lower()
        is_attachment = disposition == "attachment" or bool(filename)
        payload = msg.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            return
        part_label = f"attachment:{filename or ctype}" if is_attachment else "body"
        location = f"{self.name} ({part_label})"
        if len(payload) > self.limits.max_attachment_bytes:
            raise LimitError(
                f"attachment {filename or ctype} is {len(payload)} bytes, over the "
                f"{self.limits.max_attachment_bytes}-byte limit",
                location=self.name,
            )
        is_pdf = ctype == "application/pdf" or (filename or "").lower().endswith(".pdf")
        if is_pdf:
            text = pdf_text(payload, location, self.limits, self.budget)
            self._attachment_header(part_label)
            self.add(prefix + part_label, text, "application/pdf")
            return
        is_docx = (ctype == _DOCX_TYPE or (filename or "").lower().endswith(".docx"))
        if is_docx:
            text = read_docx_bytes(payload, location, self.limits).text
            self._attachment_header(part_label)
            self.add(prefix + part_label, text, _DOCX_TYPE)
            return
        if ctype.startswith("text/"):
            charset = msg.get_content_charset()
            text, _ = decode_bytes(payload, location, charset)
            if ctype == "text/html":
                text = html_to_text(text)
            if is_attachment:
                self._attachment_header(part_label)
            self.add(prefix + part_label, text, ctype)
            return
        # Other attachments (images, archives) are not text: noted, not read.
        if is_attachment:
            self._attachment_header(part_label, unread=True)

    def _attachment_header(self, label: str, unread: bool = False) -> None:
        note = " (not read: not text)" if unread else ""
        self.add("attachment-line", f"--- {label}{note} ---", "text/plain")


def read_email_bytes(data: bytes, name: str, limits: Limits, budget: Budget) -> Document:
    """Read an ``.eml`` file.

    Args:
        data: the file bytes.
        name: file name.
        limits: nesting, parts, attachment size and text limits.
        budget: the time budget.

    Raises:
        UnsupportedInput: not an e-mail, or nothing readable in it.
        LimitError: nested too deep, too many parts, attachment too big.
    """
    head = data[:4096]
    if b":" not in head:
        raise UnsupportedInput("not an e-mail message (no headers)", location=name,
                               hint="save the message as .eml (RFC 822) or give its text")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except RecursionError:
        raise LimitError("e-mail is nested too deeply to read", location=name) from None
    except Exception as exc:
        raise UnsupportedInput(f"cannot parse this e-mail ({type(exc).__name__})",
                               location=name) from None
    assembler = _Assembler(name, limits, budget)
    try:
        assembler.headers(msg, "")
        assembler.walk(msg, 0, "")
    except ScrutinyError:
        raise
    except RecursionError:
        raise LimitError("e-mail is nested too deeply to read", location=name) from None
    except Exception as exc:
        raise UnsupportedInput(f"cannot read this e-mail ({type(exc).__name__}: {exc})",
                               location=name) from None
    if not any(p.name != "headers" and not p.name.endswith(":headers")
               and p.name != "attachment-line" for p in assembler.parts):
        raise UnsupportedInput("the e-mail has no readable text body or attachment",
                               location=name)
    text = check_text("".join(assembler.chunks), name, limits)
    metadata: dict[str, str] = {}
    for key in ("date", "from", "to", "subject"):
        value = msg.get(key)
        if value:
            metadata[key] = " ".join(str(value).split())
    return Document(text=text, source=name, media_type="message/rfc822",
                    parts=tuple(assembler.parts), metadata=metadata)


