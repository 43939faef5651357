"""HTML letters (``.html``/``.htm``) read with BeautifulSoup.

Scripts, styles and other non-content elements are dropped; block elements end lines, so
the text keeps the letter's paragraphs. Link targets that are not shown in the text are
added after the link text in angle brackets, so URLs behind "click here" are not lost.
"""

from __future__ import annotations

import re

from scrutiny.intake.document import Document, Part
from scrutiny.intake.encoding import decode_bytes
from scrutiny.intake.limits import Limits
from scrutiny.intake.readers.text import check_text

__all__ = ["html_to_text", "read_html_bytes"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_BLOCKS = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 table ul ol blockquote pre section article header "
    "footer address hr dd dt".split()
)
_DROP = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_BLANKS = re.compile(r"[ \t]*\n[ \t\n]*\n[ \t]*")


def html_to_text(markup: str) -> str:
    """The visible text of an HTML document, with paragraph breaks.

    Args:
        markup: the HTML source.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(_DROP):
        tag.decompose()
    for a in soup.find_all("a"):
        href = a.get("href")
        if isinstance(href, str) and href.startswith(("http://", "https://")):
            shown = a.get_text(" ", strip=True)
            if href.rstrip("/") not in shown:
                a.append(f" <{href}>")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = soup.get_text()
    lines = [line.strip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip() + "\n"


def read_html_bytes(data: bytes, name: str, limits: Limits) -> Document:
    """Decode and read an HTML file.

    Args:
        data: file bytes.
        name: file name.
        limits: the limits.
    """
    declared = None
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace")
    markup, encoding = decode_bytes(data, name, declared)
    text = check_text(html_to_text(markup), name, limits)
    return Document(text=text, source=name, media_type="text/html", encoding=encoding,
                    parts=(Part("body", 0, len(text), "text/html"),))
